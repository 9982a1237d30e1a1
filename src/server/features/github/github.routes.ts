import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../../app-context.ts';
import {
  auditContextOf,
  createRouter,
  errorSchema,
  idParam,
  jsonBody,
  jsonResponse,
  security,
  standardErrors,
} from '../../http/router.ts';
import { authorizeWorkspace } from '../workspaces/workspace-access.ts';
import {
  backfillRequestSchema,
  connectRepositorySchema,
  repositorySchema,
  updateRepositorySchema,
  webhookSetupSchema,
} from './github.schemas.ts';
import {
  connectRepository,
  disconnectRepository,
  getRepositoryView,
  listRepositories,
  requestBackfill,
  rotateRepositoryWebhookSecret,
  updateRepository,
} from './github.service.ts';

const tags = ['Repositories'];
const workspaceParams = z.object({ workspaceId: idParam('workspaceId') });
const repositoryParams = workspaceParams.extend({ repositoryId: idParam('repositoryId') });
const repositoryBody = z.object({ repository: repositorySchema });
const errors = {
  ...standardErrors,
  409: {
    description: 'Already connected, or a backfill is running',
    content: { 'application/json': { schema: errorSchema } },
  },
  503: {
    description: 'GitHub App connections are not configured',
    content: { 'application/json': { schema: errorSchema } },
  },
};

export const repositoriesRouter = createRouter();

const base = '/workspaces/{workspaceId}/repositories';
const one = `${base}/{repositoryId}`;

/** Repository settings are an admin's (connect, disconnect, secrets); members and viewers read. */
async function admin(c: Context<AppEnv>, workspaceId: string) {
  return authorizeWorkspace(c.get('deps').db, c.get('actor'), workspaceId, 'manage');
}

function userIdOf(c: Context<AppEnv>): string | null {
  const actor = c.get('actor');
  return actor.type === 'user' ? actor.userId : null;
}

repositoriesRouter.openapi(
  createRoute({
    method: 'post',
    path: base,
    tags,
    security,
    summary: 'Connect a GitHub repository (admin) with a token or a GitHub App installation',
    description:
      'GitHub is asked first (GET /repos/{owner}/{name}); a refusal is 422 `github_rejected` with its message. The webhook secret is shown here and on rotation only.',
    request: { params: workspaceParams, body: jsonBody(connectRepositorySchema) },
    responses: {
      201: jsonResponse(repositoryBody.extend({ webhook: webhookSetupSchema }), 'Connected'),
      ...errors,
    },
  }),
  async (c) => {
    const deps = c.get('deps');
    const access = await admin(c, c.req.valid('param').workspaceId);
    const result = await connectRepository(deps, auditContextOf(c), access, userIdOf(c), c.req.valid('json'));
    return c.json(result, 201);
  },
);

repositoriesRouter.openapi(
  createRoute({
    method: 'get',
    path: base,
    tags,
    security,
    summary: 'Connected repositories (never their tokens or webhook secrets)',
    request: { params: workspaceParams },
    responses: {
      200: jsonResponse(z.object({ repositories: z.array(repositorySchema) }), 'Repositories'),
      ...errors,
    },
  }),
  async (c) => {
    const deps = c.get('deps');
    const access = await authorizeWorkspace(
      deps.db,
      c.get('actor'),
      c.req.valid('param').workspaceId,
      'read',
    );
    return c.json({ repositories: await listRepositories(deps, access) }, 200);
  },
);

repositoriesRouter.openapi(
  createRoute({
    method: 'get',
    path: one,
    tags,
    security,
    summary: 'One repository: webhook status and backfill progress',
    request: { params: repositoryParams },
    responses: { 200: jsonResponse(repositoryBody, 'Repository'), ...errors },
  }),
  async (c) => {
    const deps = c.get('deps');
    const { workspaceId, repositoryId } = c.req.valid('param');
    const access = await authorizeWorkspace(deps.db, c.get('actor'), workspaceId, 'read');
    return c.json({ repository: await getRepositoryView(deps, access, repositoryId) }, 200);
  },
);

repositoriesRouter.openapi(
  createRoute({
    method: 'patch',
    path: one,
    tags,
    security,
    summary: 'Change the category mapping (applies to PRs merged from now on) or the token (admin)',
    request: { params: repositoryParams, body: jsonBody(updateRepositorySchema) },
    responses: { 200: jsonResponse(repositoryBody, 'Updated'), ...errors },
  }),
  async (c) => {
    const deps = c.get('deps');
    const { workspaceId, repositoryId } = c.req.valid('param');
    const access = await admin(c, workspaceId);
    const repository = await updateRepository(
      deps,
      auditContextOf(c),
      access,
      repositoryId,
      c.req.valid('json'),
    );
    return c.json({ repository }, 200);
  },
);

repositoriesRouter.openapi(
  createRoute({
    method: 'delete',
    path: one,
    tags,
    security,
    summary: 'Disconnect (admin); its entries stay, without a repository',
    request: { params: repositoryParams },
    responses: { 204: { description: 'Disconnected' }, ...errors },
  }),
  async (c) => {
    const deps = c.get('deps');
    const { workspaceId, repositoryId } = c.req.valid('param');
    const access = await admin(c, workspaceId);
    await disconnectRepository(deps, auditContextOf(c), access, repositoryId);
    return c.body(null, 204);
  },
);

repositoriesRouter.openapi(
  createRoute({
    method: 'post',
    path: `${one}/backfill`,
    tags,
    security,
    summary: 'Import past merged PRs as drafts: the last `count`, or those merged `since` … `until` (admin)',
    request: { params: repositoryParams, body: jsonBody(backfillRequestSchema) },
    responses: { 202: jsonResponse(repositoryBody, 'Backfill queued'), ...errors },
  }),
  async (c) => {
    const deps = c.get('deps');
    const { workspaceId, repositoryId } = c.req.valid('param');
    const access = await admin(c, workspaceId);
    const repository = await requestBackfill(
      deps,
      auditContextOf(c),
      access,
      repositoryId,
      c.req.valid('json'),
    );
    return c.json({ repository }, 202);
  },
);

repositoriesRouter.openapi(
  createRoute({
    method: 'post',
    path: `${one}/webhook-secret`,
    tags,
    security,
    summary: 'A new webhook secret (admin); deliveries signed with the old one are refused from now on',
    request: { params: repositoryParams },
    responses: { 200: jsonResponse(z.object({ webhook: webhookSetupSchema }), 'New secret'), ...errors },
  }),
  async (c) => {
    const deps = c.get('deps');
    const { workspaceId, repositoryId } = c.req.valid('param');
    const access = await admin(c, workspaceId);
    return c.json(
      { webhook: await rotateRepositoryWebhookSecret(deps, auditContextOf(c), access, repositoryId) },
      200,
    );
  },
);
