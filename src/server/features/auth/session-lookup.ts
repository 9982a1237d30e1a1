import { createHmac } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import type { AppEnv } from '../../app-context.ts';
import { safeEqual } from '../../platform/crypto.ts';
import { sessions, users } from './auth.table.ts';
import { sessionLifetime } from './auth.ts';

export interface SessionIdentity {
  userId: string;
  sessionId: string;
  email: string;
  name: string;
}

/**
 * The read path of a session in one query. better-auth signs the session cookie as
 * `token.base64(HMAC-SHA256(secret, token))`; a cookie that verifies is looked up with its user in a
 * single join. Anything unusual — no or bad signature, expired, or due for better-auth's sliding
 * refresh — returns `undefined` so the caller asks better-auth, which stays the authority for writes.
 */
export async function lookUpSession(
  c: Context<AppEnv>,
  now: Date,
): Promise<SessionIdentity | null | undefined> {
  const { auth, db } = c.get('deps');
  const context = await auth.$context;
  const signed = getCookie(c, context.authCookies.sessionToken.name);
  if (!signed) return null;
  const dot = signed.lastIndexOf('.');
  if (dot < 1) return undefined;
  const token = signed.slice(0, dot);
  const expected = createHmac('sha256', context.secret).update(token).digest('base64');
  if (!safeEqual(signed.slice(dot + 1), expected)) return undefined;
  const [row] = await db
    .select({
      sessionId: sessions.id,
      expiresAt: sessions.expiresAt,
      userId: users.id,
      email: users.email,
      name: users.name,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.token, token));
  if (!row || row.expiresAt <= now) return undefined;
  const lastRefreshed = row.expiresAt.getTime() - sessionLifetime.expiresInSeconds * 1000;
  if (now.getTime() - lastRefreshed >= sessionLifetime.updateAgeSeconds * 1000) return undefined;
  return { userId: row.userId, sessionId: row.sessionId, email: row.email, name: row.name };
}
