import { and, eq, sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { flushAnalytics } from '../src/server/features/analytics/analytics.buffer.ts';
import { auditLogs } from '../src/server/features/audit/audit.table.ts';
import { sessions } from '../src/server/features/auth/auth.table.ts';
import { usageEvents } from '../src/server/features/usage/usage.table.ts';
import { workspaces } from '../src/server/features/workspaces/workspaces.table.ts';
import { ipPseudonym } from '../src/server/http/client-ip.ts';
import { cookieFrom, createTestApp, json, type TestApp } from './harness.ts';
import { insertEntry } from './public-changelog-fixtures.ts';
import { studioArticle } from './studio-fixtures.ts';

// No client IP is stored anywhere (issue 7): one person, always from the same distinctive address,
// signs up and in, changes their workspace, generates posts, uses an API key, and visits their public
// changelog (page, analytics event, subscription, upvote). Afterwards every table of every schema
// Herald writes (its own and the job queue's) is dumped and searched for the address. Where a record
// notes where a request came from, it holds the same pseudonym each time. RECORD_CLIENT_IPS=true is
// the operator's explicit choice to keep the address itself.

const ip = '203.0.113.45';
const client = { 'x-forwarded-for': ip, 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) PrivacyCheck/1.0' };
const apps: TestApp[] = [];
afterAll(async () => {
  for (const app of apps) await app.close();
});

const rowsOf = <T>(result: unknown): T[] =>
  Array.isArray(result) ? (result as T[]) : ((result as { rows: T[] }).rows ?? []);

async function actAsOnePerson(t: TestApp) {
  const email = `privacy-${Math.random().toString(36).slice(2, 8)}@example.com`;
  const password = 'correct-horse-battery';
  const signedUp = await t.call('POST', '/api/auth/sign-up/email', {
    body: { email, password, name: 'Pat Private' },
    headers: client,
  });
  expect(signedUp.status).toBe(200);
  const signedIn = await t.call('POST', '/api/auth/sign-in/email', {
    body: { email, password },
    headers: client,
  });
  expect(signedIn.status).toBe(200);
  const cookie = cookieFrom(signedIn);
  const me = await json<{ user: { id: string }; workspaces: Array<{ id: string }> }>(
    await t.call('GET', '/api/v1/me', { cookie, headers: client }),
  );
  const workspaceId = me.workspaces[0]?.id as string;
  const base = `/api/v1/workspaces/${workspaceId}`;
  const call = (method: string, path: string, body?: unknown) =>
    t.call(method, path, { cookie, headers: client, body });

  expect((await call('PATCH', base, { name: 'Private Co' })).status).toBe(200);
  const generated = await call('POST', `${base}/generations`, {
    text: studioArticle,
    platforms: ['x', 'linkedin'],
    tone: 'educational',
  });
  expect(generated.status).toBe(201);
  const key = await json<{ secret: string }>(
    await call('POST', `${base}/api-keys`, { name: 'privacy', scope: 'read' }),
  );
  const withKey = { ...client, authorization: `Bearer ${key.secret}` };
  expect((await t.call('GET', '/api/v1/me', { headers: withKey })).status).toBe(200);

  const [workspace] = await t.deps.db.select().from(workspaces).where(eq(workspaces.id, workspaceId));
  const slug = workspace?.slug as string;
  const entry = await insertEntry(t, workspaceId, { title: 'Quieter logs', slug: 'quieter-logs' });
  expect((await t.call('GET', `/changelog/${slug}/entries/${entry.slug}`, { headers: client })).status).toBe(
    200,
  );
  const tracked = await t.call('POST', `/api/public/analytics/${slug}/events`, {
    body: { events: [{ type: 'page_view', entryId: entry.id, referrer: 'https://news.example.com/' }] },
    headers: client,
  });
  expect(tracked.status).toBe(202);
  const subscribed = await t.call('POST', `/api/public/changelog/${slug}/subscribe`, {
    body: { email: `reader-${email}`, preference: 'all', source: 'page' },
    headers: client,
  });
  expect(subscribed.status).toBeLessThan(300);
  const voted = await t.call('POST', `/api/public/changelog/${slug}/entries/${entry.slug}/upvote`, {
    body: { voterId: 'v_0123456789abcdef0123456789abcdef' },
    headers: client,
  });
  expect(voted.status).toBe(200);
  await flushAnalytics(t.deps);
  return { userId: me.user.id, workspaceId };
}

async function dumpEverything(t: TestApp): Promise<string> {
  const tables = rowsOf<{ table_schema: string; table_name: string }>(
    await t.deps.db.execute(
      sql`select table_schema, table_name from information_schema.tables
          where table_schema not in ('pg_catalog', 'information_schema') and table_type = 'BASE TABLE'`,
    ),
  );
  expect(tables.some((table) => table.table_schema === 'pgboss')).toBe(true);
  let dump = '';
  for (const { table_schema, table_name } of tables) {
    const rows = rowsOf<{ row: string }>(
      await t.deps.db.execute(
        sql`select row_to_json(t)::text as row from ${sql.identifier(table_schema)}.${sql.identifier(table_name)} t`,
      ),
    );
    for (const { row } of rows) dump += `${table_schema}.${table_name}: ${row}\n`;
  }
  return dump;
}

async function recordedSources(t: TestApp, person: { userId: string; workspaceId: string }) {
  const [session] = await t.deps.db
    .select({ ipAddress: sessions.ipAddress })
    .from(sessions)
    .where(eq(sessions.userId, person.userId));
  const [audit] = await t.deps.db
    .select({ ipAddress: auditLogs.ipAddress })
    .from(auditLogs)
    .where(and(eq(auditLogs.workspaceId, person.workspaceId), eq(auditLogs.action, 'workspace.updated')));
  const usage = await t.deps.db
    .select({ ipAddress: usageEvents.ipAddress })
    .from(usageEvents)
    .where(eq(usageEvents.workspaceId, person.workspaceId));
  return { session: session?.ipAddress, audit: audit?.ipAddress, usage: usage.map((u) => u.ipAddress) };
}

describe('client IPs', () => {
  it('are stored nowhere: every table of every schema is free of the address after a full visit', async () => {
    const t = await createTestApp({ env: { TRUST_PROXY: 'true' }, workers: false });
    apps.push(t);
    const person = await actAsOnePerson(t);
    const dump = await dumpEverything(t);
    expect(dump).toContain(person.workspaceId);
    expect(dump).toContain('Private Co');
    expect(dump).toContain('public.analytics_visitors');
    expect(dump).toContain('public.subscribers');
    expect(dump).not.toContain(ip);
    expect(dump).not.toContain('203.0.113.');

    // Where a record says where a request came from, it is one stable pseudonym.
    const pseudonym = ipPseudonym(t.deps.authSecret, ip);
    expect(pseudonym).toMatch(/^ip_[0-9a-f]{16}$/);
    const sources = await recordedSources(t, person);
    expect(sources.session).toBe(pseudonym);
    expect(sources.audit).toBe(pseudonym);
    expect(sources.usage.length).toBeGreaterThan(0);
    expect(new Set(sources.usage)).toEqual(new Set([pseudonym]));
    // The pseudonym is keyed: another secret gives another one, so it cannot be looked up elsewhere.
    expect(ipPseudonym(`${t.deps.authSecret}-other`, ip)).not.toBe(pseudonym);
  });

  it('are kept as they are when the operator sets RECORD_CLIENT_IPS', async () => {
    const t = await createTestApp({
      env: { TRUST_PROXY: 'true', RECORD_CLIENT_IPS: 'true' },
      workers: false,
    });
    apps.push(t);
    const person = await actAsOnePerson(t);
    const sources = await recordedSources(t, person);
    expect(sources).toMatchObject({ session: ip, audit: ip });
    expect(new Set(sources.usage)).toEqual(new Set([ip]));
    // Analytics still never keep it.
    const analytics = rowsOf<{ row: string }>(
      await t.deps.db.execute(
        sql`select row_to_json(v)::text as row from analytics_visitors v union all select row_to_json(d)::text from analytics_daily d`,
      ),
    );
    expect(analytics.length).toBeGreaterThan(0);
    expect(JSON.stringify(analytics)).not.toContain('203.0.113.');
  });
});
