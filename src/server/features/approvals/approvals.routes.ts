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
import { decodeCursor, pageQuerySchema } from '../../platform/pagination.ts';
import { authorizeWorkspace } from '../workspaces/workspace-access.ts';
import { createdLinkSchema, createLinkBodySchema, linkSchema, maxPostsPerLink } from './approvals.schemas.ts';
import { createLink, listLinks, revokeLink } from './approvals.service.ts';

const tags = ['Approvals'];
const workspaceParams = z.object({ workspaceId: idParam('workspaceId') });
const linkParams = workspaceParams.extend({ linkId: idParam('linkId') });
const base = '/workspaces/{workspaceId}/approval-links';

export const approvalsRouter = createRouter();

approvalsRouter.openapi(
  createRoute({
    method: 'post',
    path: base,
    tags,
    security,
    summary: 'Create a review link for up to 50 posts',
    description: `Each post not yet published then needs approval (state \`pending\`) and is not published until a reviewer approves it. The token is in the answer once; Herald keeps only its hash. At most ${maxPostsPerLink} posts; expires after 1 to 720 hours (default 168).`,
    request: { params: workspaceParams, body: jsonBody(createLinkBodySchema) },
    responses: { 201: jsonResponse(createdLinkSchema, 'Created'), ...standardErrors },
  }),
  async (c) => {
    const deps = c.get('deps');
    const granted = await authorizeWorkspace(
      deps.db,
      c.get('actor'),
      c.req.valid('param').workspaceId,
      'write',
    );
    return c.json(await createLink(deps, auditContextOf(c), granted, c.req.valid('json')), 201);
  },
);

approvalsRouter.openapi(
  createRoute({
    method: 'get',
    path: base,
    tags,
    security,
    summary: 'Review links, newest first (without their tokens)',
    request: { params: workspaceParams, query: pageQuerySchema },
    responses: {
      200: jsonResponse(z.object({ items: z.array(linkSchema), nextCursor: z.string().nullable() }), 'Links'),
      ...standardErrors,
    },
  }),
  async (c) => {
    const deps = c.get('deps');
    const granted = await authorizeWorkspace(
      deps.db,
      c.get('actor'),
      c.req.valid('param').workspaceId,
      'read',
    );
    const query = c.req.valid('query');
    return c.json(
      await listLinks(deps, granted, { cursor: decodeCursor(query.cursor), limit: query.limit }),
      200,
    );
  },
);

approvalsRouter.openapi(
  createRoute({
    method: 'delete',
    path: `${base}/{linkId}`,
    tags,
    security,
    summary: 'Revoke a review link (it then answers 404)',
    request: { params: linkParams },
    responses: { 204: { description: 'Revoked' }, ...standardErrors },
  }),
  async (c) => {
    const deps = c.get('deps');
    const { workspaceId, linkId } = c.req.valid('param');
    const granted = await authorizeWorkspace(deps.db, c.get('actor'), workspaceId, 'write');
    await revokeLink(deps, auditContextOf(c), granted, linkId);
    return c.body(null, 204);
  },
);
