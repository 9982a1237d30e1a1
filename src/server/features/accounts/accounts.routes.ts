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
import {
  apiKeyIdentitySchema,
  meSchema,
  sessionSchema,
  updateProfileBodySchema,
  userSchema,
} from './accounts.schemas.ts';
import {
  getMe,
  listSessions,
  revokeSession,
  scheduleAccountDeletion,
  updateProfile,
} from './accounts.service.ts';

const tags = ['Account'];
export const accountsRouter = createRouter();

accountsRouter.openapi(
  createRoute({
    method: 'get',
    path: '/me',
    tags,
    security,
    summary: 'Who you are: your profile, staff role and workspaces (or, for an API key, the key)',
    responses: { 200: jsonResponse(z.union([meSchema, apiKeyIdentitySchema]), 'You'), ...standardErrors },
  }),
  async (c) => {
    const actor = c.get('actor');
    if (actor.type === 'api_key') {
      return c.json({ apiKey: { id: actor.keyId, workspaceId: actor.workspaceId, scope: actor.scope } }, 200);
    }
    const user = requireUser(c);
    return c.json(await getMe(c.get('deps').db, user.userId), 200);
  },
);

accountsRouter.openapi(
  createRoute({
    method: 'patch',
    path: '/me',
    tags,
    security,
    summary: 'Update your profile, language, timezone, notification preferences or onboarding state',
    request: { body: jsonBody(updateProfileBodySchema) },
    responses: { 200: jsonResponse(z.object({ user: userSchema }), 'Updated'), ...standardErrors },
  }),
  async (c) => {
    const user = requireUser(c);
    const updated = await updateProfile(
      c.get('deps').db,
      auditContextOf(c),
      user.userId,
      c.req.valid('json'),
    );
    return c.json({ user: updated }, 200);
  },
);

accountsRouter.openapi(
  createRoute({
    method: 'delete',
    path: '/me',
    tags,
    security,
    summary: 'Delete your account after the grace period (signing in again cancels it)',
    responses: {
      200: jsonResponse(z.object({ deletionScheduledFor: timestamp() }), 'Deletion scheduled'),
      ...standardErrors,
    },
  }),
  async (c) => {
    const user = requireUser(c);
    return c.json(await scheduleAccountDeletion(c.get('deps'), auditContextOf(c), user.userId), 200);
  },
);

accountsRouter.openapi(
  createRoute({
    method: 'get',
    path: '/me/sessions',
    tags,
    security,
    summary: 'Your active sessions',
    responses: {
      200: jsonResponse(z.object({ items: z.array(sessionSchema) }), 'Sessions'),
      ...standardErrors,
    },
  }),
  async (c) => {
    const user = requireUser(c);
    const deps = c.get('deps');
    return c.json({ items: await listSessions(deps.db, user.userId, user.sessionId, deps.clock.now()) }, 200);
  },
);

accountsRouter.openapi(
  createRoute({
    method: 'delete',
    path: '/me/sessions/{sessionId}',
    tags,
    security,
    summary: 'Sign a session out',
    request: { params: z.object({ sessionId: idParam('sessionId') }) },
    responses: { 204: { description: 'Revoked' }, ...standardErrors },
  }),
  async (c) => {
    const user = requireUser(c);
    await revokeSession(c.get('deps').db, auditContextOf(c), user.userId, c.req.valid('param').sessionId);
    return c.body(null, 204);
  },
);
