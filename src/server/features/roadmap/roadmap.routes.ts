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
import {
  roadmapItemSchema,
  roadmapSchema,
  updateRoadmapItemBodySchema,
  updateRoadmapRepositoryBodySchema,
} from './roadmap.schemas.ts';
import {
  getRoadmap,
  requestRoadmapImport,
  setItemStatus,
  updateRoadmapRepository,
} from './roadmap.service.ts';

const tags = ['Roadmap'];
const workspaceParams = z.object({ workspaceId: idParam('workspaceId') });
const repositoryParams = workspaceParams.extend({ repositoryId: idParam('repositoryId') });
const itemParams = workspaceParams.extend({ itemId: idParam('itemId') });

export const roadmapRouter = createRouter();

roadmapRouter.openapi(
  createRoute({
    method: 'get',
    path: '/workspaces/{workspaceId}/roadmap',
    tags,
    security,
    summary: "The roadmap: each connected repository's roadmap settings and the items with their votes",
    description: 'Members (viewers too). Needs the `roadmap` plan feature (402 otherwise).',
    request: { params: workspaceParams },
    responses: { 200: jsonResponse(roadmapSchema, 'The roadmap'), ...standardErrors },
  }),
  async (c) => {
    const deps = c.get('deps');
    const granted = await authorizeWorkspace(
      deps.db,
      c.get('actor'),
      c.req.valid('param').workspaceId,
      'read',
    );
    await requireFeature(deps.db, granted.workspaceId, 'roadmap');
    return c.json(await getRoadmap(deps, granted), 200);
  },
);

roadmapRouter.openapi(
  createRoute({
    method: 'put',
    path: '/workspaces/{workspaceId}/roadmap/repositories/{repositoryId}',
    tags,
    security,
    summary: "Enable a repository's roadmap or change its label mapping (workspace admins)",
    description:
      'Enabling imports the issues (a `roadmap.import` job: every issue, paginated); a new mapping while enabled imports them again with it.',
    request: { params: repositoryParams, body: jsonBody(updateRoadmapRepositoryBodySchema) },
    responses: { 200: jsonResponse(roadmapSchema, 'The roadmap'), ...standardErrors },
  }),
  async (c) => {
    const deps = c.get('deps');
    const params = c.req.valid('param');
    const granted = await authorizeWorkspace(deps.db, c.get('actor'), params.workspaceId, 'manage');
    await requireFeature(deps.db, granted.workspaceId, 'roadmap');
    return c.json(
      await updateRoadmapRepository(
        deps,
        auditContextOf(c),
        granted,
        params.repositoryId,
        c.req.valid('json'),
      ),
      200,
    );
  },
);

roadmapRouter.openapi(
  createRoute({
    method: 'post',
    path: '/workspaces/{workspaceId}/roadmap/repositories/{repositoryId}/import',
    tags,
    security,
    summary: "Import the repository's issues again (workspace admins)",
    description: '202; 409 while an import runs or when the roadmap is not enabled for the repository.',
    request: { params: repositoryParams },
    responses: { 202: jsonResponse(roadmapSchema, 'Import queued'), ...standardErrors },
  }),
  async (c) => {
    const deps = c.get('deps');
    const params = c.req.valid('param');
    const granted = await authorizeWorkspace(deps.db, c.get('actor'), params.workspaceId, 'manage');
    await requireFeature(deps.db, granted.workspaceId, 'roadmap');
    return c.json(await requestRoadmapImport(deps, auditContextOf(c), granted, params.repositoryId), 202);
  },
);

roadmapRouter.openapi(
  createRoute({
    method: 'patch',
    path: '/workspaces/{workspaceId}/roadmap/items/{itemId}',
    tags,
    security,
    summary: "Move an item to another column; the issue's labels on GitHub follow",
    description:
      'Members. The old status label is taken off the issue and the new one added (a job, retried); with `closeOnComplete` completed also closes the issue.',
    request: { params: itemParams, body: jsonBody(updateRoadmapItemBodySchema) },
    responses: { 200: jsonResponse(z.object({ item: roadmapItemSchema }), 'The item'), ...standardErrors },
  }),
  async (c) => {
    const deps = c.get('deps');
    const params = c.req.valid('param');
    const granted = await authorizeWorkspace(deps.db, c.get('actor'), params.workspaceId, 'write');
    await requireFeature(deps.db, granted.workspaceId, 'roadmap');
    return c.json(
      await setItemStatus(deps, auditContextOf(c), granted, params.itemId, c.req.valid('json').status),
      200,
    );
  },
);
