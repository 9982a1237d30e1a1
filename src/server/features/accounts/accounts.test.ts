import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, json, signUp, type TestApp } from '../../../../test/harness.ts';
import { users } from '../auth/auth.table.ts';
import { purgeDeletedAccounts } from './accounts.service.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('accounts', () => {
  it('sign-up gives a personal workspace where the user is owner', async () => {
    const alice = await signUp(t, 'alice@example.com', 'Alice Martin');
    const me = await json<{
      user: { email: string; language: string };
      workspaces: Array<{ role: string; isPersonal: boolean; name: string }>;
    }>(await t.call('GET', '/api/v1/me', { cookie: alice.cookie }));
    expect(me.user.email).toBe('alice@example.com');
    expect(me.user.language).toBe('en');
    expect(me.workspaces).toEqual([
      expect.objectContaining({ role: 'owner', isPersonal: true, name: "Alice's workspace" }),
    ]);
  });

  it('an anonymous request to /api/v1/me is a 401 with the error envelope', async () => {
    const response = await t.call('GET', '/api/v1/me');
    expect(response.status).toBe(401);
    expect(await json(response)).toEqual({ error: { code: 'unauthenticated', message: expect.any(String) } });
  });

  it('the profile can be updated and bad values are refused with paths', async () => {
    const bob = await signUp(t, 'bob@example.com', 'Bob');
    const ok = await t.call('PATCH', '/api/v1/me', {
      cookie: bob.cookie,
      body: {
        language: 'fr',
        timezone: 'Europe/Paris',
        notificationPreferences: { weeklyDigest: true },
        onboarding: { dismissed: true },
      },
    });
    expect(ok.status).toBe(200);
    const { user } = await json<{
      user: {
        language: string;
        timezone: string;
        notificationPreferences: Record<string, boolean>;
        onboarding: { dismissed: boolean };
      };
    }>(ok);
    expect(user.language).toBe('fr');
    expect(user.timezone).toBe('Europe/Paris');
    expect(user.notificationPreferences).toEqual({
      productUpdates: true,
      usageWarnings: true,
      billing: true,
      weeklyDigest: true,
    });
    expect(user.onboarding.dismissed).toBe(true);

    const bad = await t.call('PATCH', '/api/v1/me', {
      cookie: bob.cookie,
      body: { language: 'de', timezone: 'Mars/Olympus' },
    });
    expect(bad.status).toBe(422);
    const body = await json<{ error: { details: Array<{ path: string }> } }>(bad);
    expect(body.error.details.map((d) => d.path).sort()).toEqual(['language', 'timezone']);
  });

  it('sessions can be listed and another one revoked', async () => {
    const carol = await signUp(t, 'carol@example.com', 'Carol');
    const second = await t.call('POST', '/api/auth/sign-in/email', {
      body: { email: carol.email, password: carol.password },
    });
    expect(second.status).toBe(200);
    const list = await json<{ items: Array<{ id: string; isCurrent: boolean }> }>(
      await t.call('GET', '/api/v1/me/sessions', { cookie: carol.cookie }),
    );
    expect(list.items).toHaveLength(2);
    const other = list.items.find((s) => !s.isCurrent);
    expect(other).toBeDefined();
    expect(
      (await t.call('DELETE', `/api/v1/me/sessions/${other?.id}`, { cookie: carol.cookie })).status,
    ).toBe(204);
    const after = await json<{ items: unknown[] }>(
      await t.call('GET', '/api/v1/me/sessions', { cookie: carol.cookie }),
    );
    expect(after.items).toHaveLength(1);
  });

  it('account deletion signs out, a sign-in in the grace period restores, and after it the purge cascades', async () => {
    const dan = await signUp(t, 'dan@example.com', 'Dan');
    const deletion = await t.call('DELETE', '/api/v1/me', { cookie: dan.cookie });
    expect(deletion.status).toBe(200);
    expect((await t.call('GET', '/api/v1/me', { cookie: dan.cookie })).status).toBe(401);

    const signIn = await t.call('POST', '/api/auth/sign-in/email', {
      body: { email: dan.email, password: dan.password },
    });
    expect(signIn.status).toBe(200);
    const [restored] = await t.deps.db.select().from(users).where(eq(users.id, dan.userId));
    expect(restored?.deletionScheduledFor).toBeNull();
    expect(restored?.status).toBe('active');

    await t.deps.db
      .update(users)
      .set({ deletionScheduledFor: new Date(Date.now() - 1000) })
      .where(eq(users.id, dan.userId));
    expect(await purgeDeletedAccounts(t.deps)).toBe(1);
    expect(await t.deps.db.select().from(users).where(eq(users.id, dan.userId))).toEqual([]);
  });
});
