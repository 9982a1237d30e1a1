// The reviewer's side: public, no session. Mounted at the root of the app, outside /api/v1.
import { createRoute, z } from '@hono/zod-openapi';
import { createRouter, idParam, jsonBody, jsonResponse, standardErrors } from '../../http/router.ts';
import { AppError } from '../../platform/errors.ts';
import { actOnPost, getReview } from './approvals.review.ts';
import { reviewActionBodySchema, reviewPostSchema, reviewSchema } from './approvals.schemas.ts';

const tags = ['Approvals'];
const tokenParams = z.object({ token: idParam('token') });
const { 401: _unauthenticated, 403: _forbidden, ...publicErrors } = standardErrors;

export const publicReviewRouter = createRouter();

// Reviewer actions are limited per client address, like sign-in (shared through Redis when set).
publicReviewRouter.use('/api/public/review/*', async (c, next) => {
  if (c.req.method !== 'POST') return next();
  const { authRateLimiter } = c.get('deps');
  const result = await authRateLimiter.hit(`review:${c.get('request').ipAddress ?? 'unknown'}`);
  if (!result.allowed) {
    c.header('Retry-After', String(result.retryAfterSeconds));
    throw new AppError('rate_limited', 'Too many requests; wait a moment and try again');
  }
  return next();
});

publicReviewRouter.openapi(
  createRoute({
    method: 'get',
    path: '/api/public/review/{token}',
    tags,
    summary: 'What a review link shows: the posts, their state and what reviewers said (no account)',
    description: 'An unknown, revoked or expired token answers the same 404.',
    request: { params: tokenParams },
    responses: { 200: jsonResponse(reviewSchema, 'The review'), ...publicErrors },
  }),
  async (c) => c.json(await getReview(c.get('deps'), c.req.valid('param').token), 200),
);

publicReviewRouter.openapi(
  createRoute({
    method: 'post',
    path: '/api/public/review/{token}/posts/{postId}',
    tags,
    summary: 'Approve a post of the link, ask for changes or comment (no account)',
    description:
      'approve: the post may be published; request_changes (message required): it is held and its author told; comment (message required): recorded only. Limited per client address (AUTH_RATE_LIMIT_PER_MINUTE).',
    request: {
      params: tokenParams.extend({ postId: idParam('postId') }),
      body: jsonBody(reviewActionBodySchema),
    },
    responses: {
      200: jsonResponse(reviewPostSchema, 'The post as the reviewer now sees it'),
      ...publicErrors,
    },
  }),
  async (c) => {
    const { token, postId } = c.req.valid('param');
    return c.json(await actOnPost(c.get('deps'), token, postId, c.req.valid('json')), 200);
  },
);
