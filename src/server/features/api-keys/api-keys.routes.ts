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
import { timestamp } from '../../http/schemas.ts';
import { requireUser } from '../auth/actor.ts';
import { requireFeature } from '../plans/plans.service.ts';
import { authorizeWorkspace } from '../workspaces/workspace-access.ts';
import { createApiKey, listApiKeys, revokeApiKey } from './api-keys.service.ts';
import { apiKeyScopes } from './api-keys.table.ts';

const tags = ['API keys'];
const workspaceParams = z.object({ workspaceId: idParam('workspaceId') });

const apiKeySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    prefix: z.string(),
    scope: z.enum(apiKeyScopes),
    lastUsedAt: timestamp().nullable(),
    createdAt: timestamp(),
    revokedAt: timestamp().nullable(),
  })
  .openapi('ApiKey');

const createApiKeyBodySchema = z
  .object({ name: z.string().trim().min(1).max(80), scope: z.enum(apiKeyScopes).default('read') })
  .strict();

export const apiKeysRouter = createRouter();

apiKeysRouter.openapi(
  createRoute({
    method: 'get',
    path: '/workspaces/{workspaceId}/api-keys',
    tags,
    security,
    summary: "The workspace's API keys (admin)",
    request: { params: workspaceParams },
    responses: {
      200: jsonResponse(z.object({ items: z.array(apiKeySchema) }), 'API keys'),
      ...standardErrors,
    },
  }),
  async (c) => {
    const { db } = c.get('deps');
    const granted = await authorizeWorkspace(db, c.get('actor'), c.req.valid('param').workspaceId, 'manage');
    return c.json({ items: await listApiKeys(db, granted) }, 200);
  },
);

apiKeysRouter.openapi(
  createRoute({
    method: 'post',
    path: '/workspaces/{workspaceId}/api-keys',
    tags,
    security,
    summary: 'Create an API key; the secret is in this response only',
    request: { params: workspaceParams, body: jsonBody(createApiKeyBodySchema) },
    responses: {
      201: jsonResponse(z.object({ apiKey: apiKeySchema, secret: z.string() }), 'Created'),
      ...standardErrors,
    },
  }),
  async (c) => {
    const { db } = c.get('deps');
    const user = requireUser(c);
    const granted = await authorizeWorkspace(db, user, c.req.valid('param').workspaceId, 'manage');
    await requireFeature(db, granted.workspaceId, 'custom_integrations');
    const body = c.req.valid('json');
    return c.json(
      await createApiKey(db, auditContextOf(c), granted, { ...body, createdBy: user.userId }),
      201,
    );
  },
);

apiKeysRouter.openapi(
  createRoute({
    method: 'delete',
    path: '/workspaces/{workspaceId}/api-keys/{keyId}',
    tags,
    security,
    summary: 'Revoke an API key',
    request: { params: workspaceParams.extend({ keyId: idParam('keyId') }) },
    responses: { 204: { description: 'Revoked' }, ...standardErrors },
  }),
  async (c) => {
    const { db } = c.get('deps');
    const { workspaceId, keyId } = c.req.valid('param');
    const granted = await authorizeWorkspace(db, c.get('actor'), workspaceId, 'manage');
    await revokeApiKey(db, auditContextOf(c), granted, keyId);
    return c.body(null, 204);
  },
);
