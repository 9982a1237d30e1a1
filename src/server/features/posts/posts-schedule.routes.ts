import { createRoute, z } from '@hono/zod-openapi';
import {
  auditContextOf,
  createRouter,
  idParam,
  jsonBody,
  jsonResponse,
  security,
  standardErrors,
} from '../../http/router.ts';
import { requireFeature } from '../plans/plans.service.ts';
import { authorizeWorkspace } from '../workspaces/workspace-access.ts';
import { cancelPost, schedulePost } from './posts.schedule.ts';
import { postSchema, scheduleBodySchema, versionBodySchema } from './posts.schemas.ts';

const tags = ['Posts'];
const postParams = z.object({ workspaceId: idParam('workspaceId'), postId: idParam('postId') });

export const postsScheduleRouter = createRouter();

postsScheduleRouter.openapi(
  createRoute({
    method: 'post',
    path: '/workspaces/{workspaceId}/posts/{postId}/schedule',
    tags,
    security,
    summary: 'Schedule or reschedule a post on a channel',
    description:
      "The channel must be active and of the post's platform (or a webhook). A post that needs approval can be scheduled; it is published only once approved. Scheduling again moves the time. 409 while a publish attempt is under way.",
    request: { params: postParams, body: jsonBody(scheduleBodySchema) },
    responses: { 200: jsonResponse(postSchema, 'The scheduled post'), ...standardErrors },
  }),
  async (c) => {
    const deps = c.get('deps');
    const { workspaceId, postId } = c.req.valid('param');
    const granted = await authorizeWorkspace(deps.db, c.get('actor'), workspaceId, 'write');
    await requireFeature(deps.db, granted.workspaceId, 'scheduled_publishing');
    return c.json(await schedulePost(deps, auditContextOf(c), granted, postId, c.req.valid('json')), 200);
  },
);

postsScheduleRouter.openapi(
  createRoute({
    method: 'post',
    path: '/workspaces/{workspaceId}/posts/{postId}/cancel',
    tags,
    security,
    summary: 'Unschedule a post (back to draft)',
    description: 'Works any time before a publish attempt starts; 409 once one has.',
    // The body is optional: a bare POST cancels whatever version is current.
    request: {
      params: postParams,
      body: { required: false, content: { 'application/json': { schema: versionBodySchema } } },
    },
    responses: { 200: jsonResponse(postSchema, 'The post, now a draft'), ...standardErrors },
  }),
  async (c) => {
    const deps = c.get('deps');
    const { workspaceId, postId } = c.req.valid('param');
    const granted = await authorizeWorkspace(deps.db, c.get('actor'), workspaceId, 'write');
    const { expectedVersion } = c.req.valid('json') as { expectedVersion?: number };
    return c.json(await cancelPost(deps, auditContextOf(c), granted, postId, expectedVersion), 200);
  },
);
