import { and, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, json, signUp, type TestApp } from '../../../../test/harness.ts';
import { putOnPlan } from '../../../../test/plan-fixtures.ts';
import { ipPseudonym } from '../../http/client-ip.ts';
import { outboundEmails } from '../mail/mail.table.ts';
import { hashPii, recordAudit } from './audit.service.ts';
import { auditLogs } from './audit.table.ts';

type User = Awaited<ReturnType<typeof signUp>>;
interface AuditPage {
  items: Array<{ id: string; action: string; actorType: string; details: Record<string, unknown> }>;
  nextCursor: string | null;
}

const client = { 'x-forwarded-for': '203.0.113.9', 'user-agent': 'HeraldAuditTest/1.0' };

let t: TestApp;
beforeAll(async () => {
  // Behind a proxy, the client address comes from X-Forwarded-For.
  t = await createTestApp({ env: { TRUST_PROXY: 'true' } });
});
afterAll(() => t.close());

async function join(owner: User, user: User, role: 'admin' | 'member' | 'viewer') {
  await t.call('POST', `/api/v1/workspaces/${owner.workspaceId}/invitations`, {
    cookie: owner.cookie,
    body: { email: user.email, role },
  });
  const [mail] = await t.deps.db
    .select()
    .from(outboundEmails)
    .where(and(eq(outboundEmails.toAddress, user.email), eq(outboundEmails.kind, 'invitation')));
  const token = /\/invitations\/([A-Za-z0-9_-]+)/.exec(mail?.textBody ?? '')?.[1];
  const accepted = await t.call('POST', `/api/v1/invitations/${token}/accept`, { cookie: user.cookie });
  expect(accepted.status).toBe(200);
}

function rowsOf(workspaceId: string) {
  return t.deps.db
    .select()
    .from(auditLogs)
    .where(eq(auditLogs.workspaceId, workspaceId))
    .orderBy(desc(auditLogs.createdAt), desc(auditLogs.id));
}

describe('audit log', () => {
  it('a change made by a signed-in user is recorded with the user, the client address (pseudonymous) and the user agent', async () => {
    const owner = await signUp(t, 'audit-owner@example.com', 'Olga');
    const response = await t.call('PATCH', `/api/v1/workspaces/${owner.workspaceId}`, {
      cookie: owner.cookie,
      headers: client,
      body: { name: 'Audited' },
    });
    expect(response.status).toBe(200);
    const [row] = (await rowsOf(owner.workspaceId)).filter((r) => r.action === 'workspace.updated');
    expect(row).toMatchObject({
      actorType: 'user',
      actorId: owner.userId,
      entityType: 'workspace',
      entityId: owner.workspaceId,
      // Where it came from, as a pseudonym of the address (test/client-ip-privacy.test.ts).
      ipAddress: ipPseudonym(t.deps.authSecret, '203.0.113.9'),
      userAgent: 'HeraldAuditTest/1.0',
      details: { fields: ['name'] },
    });
  });

  it('an API key acting is recorded as the key, through the same helper', async () => {
    const owner = await signUp(t, 'audit-keys@example.com', 'Kai');
    const created = await json<{ apiKey: { id: string } }>(
      await t.call('POST', `/api/v1/workspaces/${owner.workspaceId}/api-keys`, {
        cookie: owner.cookie,
        headers: client,
        body: { name: 'Importer', scope: 'read_write' },
      }),
    );
    const [creation] = (await rowsOf(owner.workspaceId)).filter((r) => r.action === 'api_key.created');
    expect(creation).toMatchObject({ actorType: 'user', actorId: owner.userId, entityId: created.apiKey.id });

    // No route lets a key change anything audited yet, so the helper is called as a key-authenticated
    // route would call it.
    await recordAudit(
      t.deps.db,
      {
        actor: {
          type: 'api_key',
          keyId: created.apiKey.id,
          workspaceId: owner.workspaceId,
          scope: 'read_write',
          userId: owner.userId,
        },
        request: { requestId: 'req-1', ipAddress: '198.51.100.4', userAgent: 'importer/2.0' },
        piiSecret: t.deps.authSecret,
      },
      { action: 'post.imported', entityType: 'post', entityId: 'p1', workspaceId: owner.workspaceId },
    );
    const [row] = (await rowsOf(owner.workspaceId)).filter((r) => r.action === 'post.imported');
    expect(row).toMatchObject({
      actorType: 'api_key',
      actorId: created.apiKey.id,
      ipAddress: '198.51.100.4',
      userAgent: 'importer/2.0',
    });
  });

  it('a refused request writes no audit entry', async () => {
    const owner = await signUp(t, 'audit-refused@example.com', 'Rhea');
    const viewer = await signUp(t, 'audit-viewer@example.com', 'Vera');
    await join(owner, viewer, 'viewer');
    const before = await rowsOf(owner.workspaceId);
    expect(
      (
        await t.call('PATCH', `/api/v1/workspaces/${owner.workspaceId}`, {
          cookie: viewer.cookie,
          body: { name: 'x' },
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await t.call('PATCH', `/api/v1/workspaces/${owner.workspaceId}`, {
          cookie: owner.cookie,
          body: { timezone: 'Nowhere/Land' },
        })
      ).status,
    ).toBe(422);
    expect(await rowsOf(owner.workspaceId)).toEqual(before);
  });

  it('email addresses in details are stored as keyed hashes, never in the clear', async () => {
    const owner = await signUp(t, 'audit-pii@example.com', 'Pia');
    const invitee = 'Private.Person@Example.com';
    const invited = await t.call('POST', `/api/v1/workspaces/${owner.workspaceId}/invitations`, {
      cookie: owner.cookie,
      body: { email: invitee, role: 'member' },
    });
    expect(invited.status).toBe(201);
    const [row] = (await rowsOf(owner.workspaceId)).filter((r) => r.action === 'invitation.created');
    expect(row?.details).toEqual({ email: hashPii(t.deps.authSecret, invitee), role: 'member' });

    await recordAudit(
      t.deps.db,
      { actor: { type: 'anonymous' }, request: null, piiSecret: t.deps.authSecret },
      {
        action: 'test.pii',
        entityType: 'test',
        workspaceId: owner.workspaceId,
        details: {
          contact: { email: 'nested.person@example.com' },
          recipients: [{ email: 'listed.person@example.com' }, 'bare.person@example.com'],
          note: 'Merged with the account of free.text@example.com on request',
          count: 3,
        },
      },
    );
    const all = JSON.stringify(await t.deps.db.select().from(auditLogs)).toLowerCase();
    for (const address of [
      invitee,
      'nested.person@example.com',
      'listed.person@example.com',
      'bare.person@example.com',
      'free.text@example.com',
      owner.email,
    ]) {
      expect(all).not.toContain(address.toLowerCase());
    }
    const [pii] = (await rowsOf(owner.workspaceId)).filter((r) => r.action === 'test.pii');
    expect(pii?.details).toMatchObject({
      contact: { email: hashPii(t.deps.authSecret, 'nested.person@example.com') },
      recipients: [
        { email: hashPii(t.deps.authSecret, 'listed.person@example.com') },
        hashPii(t.deps.authSecret, 'bare.person@example.com'),
      ],
      note: `Merged with the account of ${hashPii(t.deps.authSecret, 'free.text@example.com')} on request`,
      count: 3,
    });
  });

  it('a role change keeps the roles readable in the details', async () => {
    const owner = await signUp(t, 'audit-roles@example.com', 'Rolf');
    const member = await signUp(t, 'audit-promoted@example.com', 'Pam');
    await join(owner, member, 'member');
    const changed = await t.call(
      'PATCH',
      `/api/v1/workspaces/${owner.workspaceId}/members/${member.userId}`,
      {
        cookie: owner.cookie,
        body: { role: 'admin' },
      },
    );
    expect(changed.status).toBe(204);
    const [row] = (await rowsOf(owner.workspaceId)).filter((r) => r.action === 'member.role_changed');
    expect(row?.details).toEqual({ from: 'member', to: 'admin' });
  });

  it("only the workspace's admins and owners can read its audit log", async () => {
    const owner = await signUp(t, 'audit-reader-owner@example.com', 'Oren');
    const admin = await signUp(t, 'audit-reader-admin@example.com', 'Adam');
    const member = await signUp(t, 'audit-reader-member@example.com', 'Mo');
    const viewer = await signUp(t, 'audit-reader-viewer@example.com', 'Vi');
    const outsider = await signUp(t, 'audit-reader-outsider@example.com', 'Ozzy');
    await putOnPlan(t, owner.workspaceId, 'pro'); // four people: free has 2 seats
    await join(owner, admin, 'admin');
    await join(owner, member, 'member');
    await join(owner, viewer, 'viewer');
    const { secret } = await json<{ secret: string }>(
      await t.call('POST', `/api/v1/workspaces/${owner.workspaceId}/api-keys`, {
        cookie: owner.cookie,
        body: { name: 'k', scope: 'read_write' },
      }),
    );
    const path = `/api/v1/workspaces/${owner.workspaceId}/audit-logs`;
    expect((await t.call('GET', path, { cookie: owner.cookie })).status).toBe(200);
    expect((await t.call('GET', path, { cookie: admin.cookie })).status).toBe(200);
    expect((await t.call('GET', path, { cookie: member.cookie })).status).toBe(403);
    expect((await t.call('GET', path, { cookie: viewer.cookie })).status).toBe(403);
    expect((await t.call('GET', path, { apiKey: secret })).status).toBe(403);
    expect((await t.call('GET', path, { cookie: outsider.cookie })).status).toBe(404);
    expect((await t.call('GET', path)).status).toBe(401);

    const page = await json<AuditPage>(await t.call('GET', path, { cookie: admin.cookie }));
    const ids = new Set((await rowsOf(owner.workspaceId)).map((r) => r.id));
    for (const item of page.items) expect(ids.has(item.id)).toBe(true);
  });

  it('the audit log pages with nextCursor across every entry, with no duplicates or gaps', async () => {
    const owner = await signUp(t, 'audit-pager@example.com', 'Paige');
    for (let i = 0; i < 30; i++) {
      const renamed = await t.call('PATCH', `/api/v1/workspaces/${owner.workspaceId}`, {
        cookie: owner.cookie,
        body: { name: `Name ${i}` },
      });
      expect(renamed.status).toBe(200);
    }
    // Entries that share a timestamp must still be split between pages by id.
    const tied = new Date();
    await t.deps.db.insert(auditLogs).values(
      Array.from({ length: 9 }, () => ({
        workspaceId: owner.workspaceId,
        actorType: 'system' as const,
        action: 'test.tied',
        entityType: 'test',
        createdAt: tied,
      })),
    );
    const expected = (await rowsOf(owner.workspaceId)).map((r) => r.id);
    expect(expected.length).toBeGreaterThanOrEqual(39);

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const path: string = `/api/v1/workspaces/${owner.workspaceId}/audit-logs?limit=7${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const response = await t.call('GET', path, { cookie: owner.cookie });
      expect(response.status).toBe(200);
      const page = await json<AuditPage>(response);
      expect(page.items.length).toBeLessThanOrEqual(7);
      seen.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor && pages < 50);

    expect(seen).toEqual(expected);
    expect(new Set(seen).size).toBe(seen.length);
    expect(pages).toBe(Math.ceil(expected.length / 7));
  });

  it('a bad cursor or page size is a 422', async () => {
    const owner = await signUp(t, 'audit-badcursor@example.com', 'Bea');
    const path = `/api/v1/workspaces/${owner.workspaceId}/audit-logs`;
    for (const query of ['?cursor=garbage', '?limit=0', '?limit=101', '?limit=abc']) {
      const response = await t.call('GET', `${path}${query}`, { cookie: owner.cookie });
      expect(response.status, query).toBe(422);
    }
  });
});
