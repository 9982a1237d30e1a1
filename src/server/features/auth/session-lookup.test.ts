import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signUp, type TestApp } from '../../../../test/harness.ts';
import { sessions } from './auth.table.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

function tamper(cookie: string): string {
  // Flip the FIRST character of the signature: the last one carries two padding bits that base64
  // decoders ignore, so changing it may not change the signature at all.
  return cookie.replace(
    /(session_token=[^;.]*\.)(.)/,
    (_m, head: string, ch: string) => `${head}${ch === 'A' ? 'B' : 'A'}`,
  );
}

describe('session lookup', () => {
  it('a signed session cookie is recognised and a tampered signature is not', async () => {
    const user = await signUp(t, 'lookup@example.com');
    expect((await t.call('GET', '/api/v1/me', { cookie: user.cookie })).status).toBe(200);
    const forged = tamper(user.cookie);
    expect(forged).not.toBe(user.cookie);
    expect((await t.call('GET', '/api/v1/me', { cookie: forged })).status).toBe(401);
  });

  it('a revoked session stops working at once', async () => {
    const user = await signUp(t, 'revoked@example.com');
    await t.deps.db.delete(sessions).where(eq(sessions.userId, user.userId));
    expect((await t.call('GET', '/api/v1/me', { cookie: user.cookie })).status).toBe(401);
  });

  it('a session due for its sliding refresh is handed to better-auth, which extends it', async () => {
    const user = await signUp(t, 'refresh@example.com');
    const expiryOfSessionRefreshedTwoDaysAgo = new Date(Date.now() + 28 * 86_400_000);
    await t.deps.db
      .update(sessions)
      .set({ expiresAt: expiryOfSessionRefreshedTwoDaysAgo })
      .where(eq(sessions.userId, user.userId));
    expect((await t.call('GET', '/api/v1/me', { cookie: user.cookie })).status).toBe(200);
    const [session] = await t.deps.db.select().from(sessions).where(eq(sessions.userId, user.userId));
    expect(session?.expiresAt.getTime()).toBeGreaterThan(
      expiryOfSessionRefreshedTwoDaysAgo.getTime() + 86_400_000,
    );
  });

  it('an expired session is refused', async () => {
    const user = await signUp(t, 'expired@example.com');
    await t.deps.db
      .update(sessions)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(sessions.userId, user.userId));
    expect((await t.call('GET', '/api/v1/me', { cookie: user.cookie })).status).toBe(401);
  });
});
