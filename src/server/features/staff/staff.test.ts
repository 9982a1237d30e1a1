import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, json, signUp, type TestApp } from '../../../../test/harness.ts';
import { systemAudit } from '../audit/audit.service.ts';
import { auditLogs } from '../audit/audit.table.ts';
import { sessions, users } from '../auth/auth.table.ts';
import { addStaffMember } from './staff.service.ts';

type User = Awaited<ReturnType<typeof signUp>>;
interface UserPage {
  items: Array<{ id: string; email: string; status: string }>;
  nextCursor: string | null;
}

let t: TestApp;
let admin: User;
let support: User;
beforeAll(async () => {
  t = await createTestApp();
  admin = await signUp(t, 'staff-admin@herald.test', 'Stella Admin');
  support = await signUp(t, 'staff-support@herald.test', 'Sam Support');
  await addStaffMember(t.deps.db, systemAudit(t.deps.authSecret), admin.email, 'admin');
  await addStaffMember(t.deps.db, systemAudit(t.deps.authSecret), support.email, 'support');
});
afterAll(() => t.close());

const signIn = (email: string, password: string) =>
  t.call('POST', '/api/auth/sign-in/email', { body: { email, password } });

describe('staff', () => {
  it('people who are not staff get 403 on every staff route, and anonymous callers 401', async () => {
    const customer = await signUp(t, 'customer@example.com', 'Cora');
    const probes: Array<[string, string, unknown?]> = [
      ['GET', '/api/v1/staff/users'],
      ['GET', '/api/v1/staff/audit-logs'],
      ['GET', '/api/v1/staff/mailbox'],
      ['POST', `/api/v1/staff/users/${admin.userId}/suspend`, { reason: 'payback' }],
      ['POST', `/api/v1/staff/users/${admin.userId}/reactivate`],
    ];
    for (const [method, path, body] of probes) {
      expect(
        (await t.call(method, path, { cookie: customer.cookie, body })).status,
        `${method} ${path}`,
      ).toBe(403);
      expect((await t.call(method, path, { body })).status, `${method} ${path} anonymous`).toBe(401);
    }
    const [adminRow] = await t.deps.db.select().from(users).where(eq(users.id, admin.userId));
    expect(adminRow?.status).toBe('active');
  });

  it('an API key, even one made by a staff member, does not reach staff routes', async () => {
    const created = await t.call('POST', `/api/v1/workspaces/${admin.workspaceId}/api-keys`, {
      cookie: admin.cookie,
      body: { name: 'staff key', scope: 'read_write' },
    });
    const { secret } = await json<{ secret: string }>(created);
    expect((await t.call('GET', '/api/v1/staff/users', { apiKey: secret })).status).toBe(403);
  });

  it('staff find users by a fragment of their email, page by page with a cursor', async () => {
    const emails: string[] = [];
    for (let i = 0; i < 7; i++) {
      const email = `pager-${i}@zeta-corp.example`;
      await signUp(t, email, `Pager ${i}`);
      emails.push(email);
    }
    await signUp(t, 'unrelated@example.com', 'Someone Else');

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = `/api/v1/staff/users?q=ZETA-corp&limit=3${cursor ? `&cursor=${cursor}` : ''}`;
      const response = await t.call('GET', query, { cookie: support.cookie });
      expect(response.status).toBe(200);
      const page = await json<UserPage>(response);
      expect(page.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.items.map((u) => u.email));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor && pages < 10);

    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(seen.length);
    expect([...seen].sort()).toEqual([...emails].sort());
    // Newest first.
    expect(seen).toEqual([...emails].reverse());

    // LIKE wildcards in the query are matched literally.
    for (const wildcard of ['%25', '_', '%25%25']) {
      const literal = await json<UserPage>(
        await t.call('GET', `/api/v1/staff/users?q=${wildcard}`, { cookie: support.cookie }),
      );
      expect(literal.items, wildcard).toEqual([]);
    }

    const bad = await t.call('GET', '/api/v1/staff/users?cursor=not-a-cursor', { cookie: support.cookie });
    expect(bad.status).toBe(422);
    const tooMany = await t.call('GET', '/api/v1/staff/users?limit=1000', { cookie: support.cookie });
    expect(tooMany.status).toBe(422);
  });

  it('users written in one transaction (as an identity-provider sync does) page without gaps', async () => {
    const ids = await t.deps.db.transaction(async (tx) => {
      const rows = await tx
        .insert(users)
        .values(
          Array.from({ length: 5 }, (_, i) => ({
            id: crypto.randomUUID(),
            name: `Synced ${i}`,
            email: `synced-${i}@batch-sync.example`,
          })),
        )
        .returning({ id: users.id });
      return rows.map((r) => r.id);
    });
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let pages = 0; pages < 10; pages++) {
      const path: string = `/api/v1/staff/users?q=batch-sync&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page = await json<UserPage>(await t.call('GET', path, { cookie: support.cookie }));
      seen.push(...page.items.map((u) => u.id));
      cursor = page.nextCursor;
      if (!cursor) break;
    }
    expect([...seen].sort()).toEqual([...ids].sort());
  });

  it('a suspended user is signed out everywhere and cannot sign in until reactivated', async () => {
    const victim = await signUp(t, 'suspend-me@example.com', 'Vic');
    const second = await signIn(victim.email, victim.password);
    expect(second.status).toBe(200);

    const suspended = await t.call('POST', `/api/v1/staff/users/${victim.userId}/suspend`, {
      cookie: admin.cookie,
      body: { reason: 'Chargeback fraud' },
    });
    expect(suspended.status).toBe(200);
    expect(await json(suspended)).toMatchObject({ user: { id: victim.userId, status: 'suspended' } });

    expect(await t.deps.db.select().from(sessions).where(eq(sessions.userId, victim.userId))).toEqual([]);
    expect((await t.call('GET', '/api/v1/me', { cookie: victim.cookie })).status).toBe(401);

    const refused = await signIn(victim.email, victim.password);
    expect(refused.status).toBe(403);
    const body = await json<{ error: { code: string; message: string } }>(refused);
    expect(body.error.message.toLowerCase()).toContain('suspended');
    expect(
      refused.headers.getSetCookie().filter((c) => c.includes('session_token=') && !c.includes('Max-Age=0')),
    ).toEqual([]);
    expect(await t.deps.db.select().from(sessions).where(eq(sessions.userId, victim.userId))).toEqual([]);

    const reactivated = await t.call('POST', `/api/v1/staff/users/${victim.userId}/reactivate`, {
      cookie: admin.cookie,
    });
    expect(reactivated.status).toBe(200);
    expect(await json(reactivated)).toMatchObject({ user: { status: 'active' } });
    expect((await signIn(victim.email, victim.password)).status).toBe(200);
  });

  it('a support staff member can search but cannot suspend', async () => {
    const target = await signUp(t, 'support-target@example.com', 'Tara');
    const list = await t.call('GET', '/api/v1/staff/users?q=support-target', { cookie: support.cookie });
    expect((await json<UserPage>(list)).items.map((u) => u.id)).toEqual([target.userId]);

    const before = await t.deps.db.select().from(auditLogs).where(eq(auditLogs.entityId, target.userId));
    const attempt = await t.call('POST', `/api/v1/staff/users/${target.userId}/suspend`, {
      cookie: support.cookie,
      body: { reason: 'Trying' },
    });
    expect(attempt.status).toBe(403);
    const [row] = await t.deps.db.select().from(users).where(eq(users.id, target.userId));
    expect(row?.status).toBe('active');
    expect((await t.call('GET', '/api/v1/me', { cookie: target.cookie })).status).toBe(200);
    expect(await t.deps.db.select().from(auditLogs).where(eq(auditLogs.entityId, target.userId))).toEqual(
      before,
    );
  });

  it('suspending a user who does not exist is a 404 and a reason is required', async () => {
    const missing = await t.call('POST', '/api/v1/staff/users/no-such-user/suspend', {
      cookie: admin.cookie,
      body: { reason: 'Gone' },
    });
    expect(missing.status).toBe(404);
    const target = await signUp(t, 'needs-reason@example.com', 'Nia');
    const noReason = await t.call('POST', `/api/v1/staff/users/${target.userId}/suspend`, {
      cookie: admin.cookie,
      body: {},
    });
    expect(noReason.status).toBe(422);
    expect((await t.call('GET', '/api/v1/me', { cookie: target.cookie })).status).toBe(200);
  });

  it('staff actions are audited as staff with the acting staff member', async () => {
    const target = await signUp(t, 'audited@example.com', 'Aud');
    await t.call('POST', `/api/v1/staff/users/${target.userId}/suspend`, {
      cookie: admin.cookie,
      body: { reason: 'Spam' },
    });
    await t.call('POST', `/api/v1/staff/users/${target.userId}/reactivate`, { cookie: admin.cookie });
    const rows = await t.deps.db
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.entityType, 'user'), eq(auditLogs.entityId, target.userId)));
    const staffRows = rows.filter((r) => r.action.startsWith('user.'));
    expect(staffRows.map((r) => [r.action, r.actorType, r.actorId]).sort()).toEqual([
      ['user.reactivated', 'staff', admin.userId],
      ['user.suspended', 'staff', admin.userId],
    ]);

    const log = await t.call('GET', '/api/v1/staff/audit-logs?limit=100', { cookie: support.cookie });
    expect(log.status).toBe(200);
    const entries = await json<{
      items: Array<{ action: string; entityId: string | null; actorType: string }>;
    }>(log);
    expect(entries.items.filter((e) => e.entityId === target.userId && e.actorType === 'staff')).toHaveLength(
      2,
    );
  });
});
