import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../../app-context.ts';
import { AppError } from '../../platform/errors.ts';
import { authenticateApiKey } from '../api-keys/api-keys.service.ts';
import { countApiCall } from '../usage/api-calls.ts';
import { lookUpSession } from './session-lookup.ts';

/**
 * Works out who is calling /api/v1: `Authorization: Bearer hk_…` is an API key; otherwise the
 * better-auth session cookie; otherwise anonymous (routes decide whether that is enough).
 */
export const resolveActor: MiddlewareHandler<AppEnv> = async (c, next) => {
  const deps = c.get('deps');
  const authorization = c.req.header('authorization');
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
    const key = match?.[1] ? await authenticateApiKey(deps.db, match[1], deps.clock.now()) : null;
    if (!key) throw new AppError('unauthenticated', 'Invalid, revoked or malformed API key');
    c.set('actor', {
      type: 'api_key',
      keyId: key.id,
      workspaceId: key.workspaceId,
      scope: key.scope,
      userId: key.createdBy,
    });
    // Counted (or refused with 429) before the route runs; session requests are not metered.
    await countApiCall(deps, key.workspaceId);
    return next();
  }
  if (!c.req.header('cookie')) {
    c.set('actor', { type: 'anonymous' });
    return next();
  }
  // The one-query lookup answers the common case; better-auth decides the rest (and refreshes).
  // Real time, not deps.clock: better-auth judges session expiry by the wall clock too.
  let identity = await lookUpSession(c, new Date());
  if (identity === undefined) {
    const session = await deps.auth.api.getSession({ headers: c.req.raw.headers });
    identity = session
      ? {
          userId: session.user.id,
          sessionId: session.session.id,
          email: session.user.email,
          name: session.user.name,
        }
      : null;
  }
  c.set('actor', identity ? { type: 'user', ...identity } : { type: 'anonymous' });
  return next();
};
