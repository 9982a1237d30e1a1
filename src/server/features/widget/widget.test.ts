import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, json, signUp, testOrigin } from '../../../../test/harness.ts';
import {
  type ChangelogOwner,
  changelogOwner,
  insertEntry,
} from '../../../../test/public-changelog-fixtures.ts';
import { auditLogs } from '../audit/audit.table.ts';
import { workspaceMembers } from '../workspaces/workspaces.table.ts';

// The widget's configuration API (members read, admins write), its public data and events routes.

const t = await createTestApp({ workers: false });
afterAll(() => t.close());

interface WidgetView {
  id: string;
  config: {
    title: string;
    colors: { primary: string; background: string; text: string };
    position: string;
    size: string;
    showDate: boolean;
    showCategory: boolean;
    showNewBadge: boolean;
  };
  impressions: number;
  clicks: number;
  embedSnippet: string;
  publicChangelogUrl: string;
}
interface Stats {
  totals: { impressions: number; clicks: number };
  entries: Array<{ entryId: string; title: string; impressions: number; clicks: number }>;
}

let owner: ChangelogOwner;
let widget: WidgetView;
const entries: Record<string, string> = {};
const widgetPath = () => `/api/v1/workspaces/${owner.workspaceId}/widget`;

async function userWithRole(role: 'admin' | 'member' | 'viewer') {
  const user = await signUp(t, `${role}-${process.pid}-${Math.random().toString(36).slice(2)}@example.com`);
  await t.deps.db
    .insert(workspaceMembers)
    .values({ workspaceId: owner.workspaceId, userId: user.userId, role });
  return user;
}

beforeAll(async () => {
  owner = await changelogOwner(t, 'widget');
  entries.first = (
    await insertEntry(t, owner.workspaceId, {
      title: 'First',
      body: 'One **bold** line.',
      publishedAt: new Date(Date.now() - 60_000),
    })
  ).id;
  entries.second = (await insertEntry(t, owner.workspaceId, { title: 'Second', body: 'Two.' })).id;
  entries.draft = (await insertEntry(t, owner.workspaceId, { title: 'Draft', status: 'draft' })).id;
  const other = await changelogOwner(t, 'widget-other');
  entries.foreign = (await insertEntry(t, other.workspaceId, { title: 'Elsewhere' })).id;
});

describe('configuration', () => {
  it('is made with defaults on the first GET, once, with an embed snippet', async () => {
    const first = await t.call('GET', widgetPath(), { cookie: owner.cookie });
    expect(first.status).toBe(200);
    widget = (await json<{ widget: WidgetView }>(first)).widget;
    expect(widget.config).toMatchObject({ position: 'bottom-right', size: 'medium', showNewBadge: true });
    expect(widget.embedSnippet).toBe(
      `<script src="${testOrigin}/widget.js" data-widget="${widget.id}" async></script>`,
    );
    expect(widget.publicChangelogUrl).toBe(`${testOrigin}/changelog/${owner.workspaceSlug}`);
    const again = (
      await json<{ widget: WidgetView }>(await t.call('GET', widgetPath(), { cookie: owner.cookie }))
    ).widget;
    expect(again.id).toBe(widget.id);
    const created = await t.deps.db
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.action, 'widget.created'), eq(auditLogs.workspaceId, owner.workspaceId)));
    expect(created).toHaveLength(1);
  });

  it('takes part of the configuration from an admin and keeps the rest', async () => {
    const admin = await userWithRole('admin');
    const response = await t.call('PUT', widgetPath(), {
      cookie: admin.cookie,
      body: {
        config: { colors: { primary: '#FF8800' }, position: 'top-left', showDate: false, title: 'Updates' },
      },
    });
    expect(response.status, await response.clone().text()).toBe(200);
    const updated = (await json<{ widget: WidgetView }>(response)).widget;
    expect(updated.config).toEqual({
      ...widget.config,
      title: 'Updates',
      colors: { ...widget.config.colors, primary: '#ff8800' },
      position: 'top-left',
      showDate: false,
    });
    const audited = await t.deps.db
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.action, 'widget.updated'), eq(auditLogs.workspaceId, owner.workspaceId)));
    expect(audited).toHaveLength(1);
  });

  it('refuses colors that are not #rrggbb and other bad values with 422', async () => {
    const bad = [
      { colors: { primary: '#fff' } },
      { colors: { background: 'red' } },
      { colors: { text: '#12345g' } },
      { colors: { primary: '#1234567' } },
      { colors: { primary: 'url(javascript:alert(1))' } },
      { colors: { primary: '#000000;background:url(x)' } },
      { position: 'middle' },
      { size: 'huge' },
      { title: '' },
      { showDate: 'yes' },
      { extra: true },
    ];
    for (const config of bad) {
      const response = await t.call('PUT', widgetPath(), { cookie: owner.cookie, body: { config } });
      expect(response.status, JSON.stringify(config)).toBe(422);
      expect((await json<{ error: { code: string } }>(response)).error.code).toBe('validation_failed');
    }
  });

  it('lets members and viewers read but only admins write; others see no workspace', async () => {
    const member = await userWithRole('member');
    const viewer = await userWithRole('viewer');
    for (const user of [member, viewer]) {
      expect((await t.call('GET', widgetPath(), { cookie: user.cookie })).status).toBe(200);
      expect((await t.call('GET', `${widgetPath()}/stats`, { cookie: user.cookie })).status).toBe(200);
      const write = await t.call('PUT', widgetPath(), {
        cookie: user.cookie,
        body: { config: { size: 'small' } },
      });
      expect(write.status).toBe(403);
    }
    expect((await t.call('GET', widgetPath())).status).toBe(401);
    const stranger = await signUp(t, `stranger-${process.pid}@example.com`);
    expect((await t.call('GET', widgetPath(), { cookie: stranger.cookie })).status).toBe(404);
    expect(
      (await t.call('PUT', widgetPath(), { cookie: stranger.cookie, body: { config: {} } })).status,
    ).toBe(404);
  });
});

describe('public data', () => {
  it('serves config and published entries with CORS, ETag and 304', async () => {
    const response = await t.call('GET', `/api/public/widget/${widget.id}`, {
      headers: { origin: 'https://customer.example' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('cache-control')).toContain('stale-while-revalidate');
    const data = await json<{
      config: WidgetView['config'];
      changelogUrl: string;
      entries: Array<{ id: string; title: string; summaryHtml: string; url: string }>;
    }>(response);
    expect(data.config.position).toBe('top-left');
    expect(data.changelogUrl).toBe(`${testOrigin}/changelog/${owner.workspaceSlug}`);
    expect(data.entries.map((e) => e.title)).toEqual(['Second', 'First']);
    expect(data.entries[1]?.summaryHtml).toBe('<p>One <strong>bold</strong> line.</p>');
    const etag = response.headers.get('etag') as string;
    const cached = await t.call('GET', `/api/public/widget/${widget.id}`, {
      headers: { 'if-none-match': etag },
    });
    expect(cached.status).toBe(304);
    expect(await cached.text()).toBe('');
  });

  it('answers a preflight and 404s an unknown widget, with CORS headers', async () => {
    const preflight = await t.call('OPTIONS', `/api/public/widget/${widget.id}/events`, {
      headers: { 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');
    expect(preflight.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('content-type');
    for (const [method, path] of [
      ['GET', '/api/public/widget/no-such-widget'],
      ['POST', '/api/public/widget/no-such-widget/events'],
    ] as const) {
      const response = await t.call(method, path, {
        rawBody: method === 'POST' ? '{"events":[]}' : undefined,
      });
      expect(response.status, path).toBe(404);
      expect(response.headers.get('access-control-allow-origin')).toBe('*');
      expect((await json<{ error: { code: string } }>(response)).error.code).toBe('not_found');
    }
  });
});

describe('events', () => {
  const send = (body: unknown, contentType = 'text/plain;charset=UTF-8') =>
    t.call('POST', `/api/public/widget/${widget.id}/events`, {
      rawBody: typeof body === 'string' ? body : JSON.stringify(body),
      headers: { 'content-type': contentType },
    });
  const stats = async () =>
    json<Stats>(await t.call('GET', `${widgetPath()}/stats`, { cookie: owner.cookie }));

  it('counts impressions and clicks per widget and per entry, ignoring entries not its own', async () => {
    const response = await send({
      events: [
        { type: 'impression' },
        { type: 'impression', entryId: entries.first },
        { type: 'impression', entryId: entries.second },
        { type: 'click', entryId: entries.first },
        { type: 'click', entryId: entries.foreign },
        { type: 'impression', entryId: entries.foreign },
        { type: 'click', entryId: entries.draft },
        { type: 'click', entryId: 'made-up' },
      ],
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    // JSON content type too (fetch with keepalive may send it).
    expect((await send({ events: [{ type: 'click' }] }, 'application/json')).status).toBe(204);
    const counted = await stats();
    expect(counted.totals).toEqual({ impressions: 1, clicks: 2 });
    expect(counted.entries).toEqual([
      { entryId: entries.first, title: 'First', impressions: 1, clicks: 1 },
      { entryId: entries.second, title: 'Second', impressions: 1, clicks: 0 },
    ]);
    const view = (
      await json<{ widget: WidgetView }>(await t.call('GET', widgetPath(), { cookie: owner.cookie }))
    ).widget;
    expect([view.impressions, view.clicks]).toEqual([1, 2]);
  });

  it('adds concurrent batches without losing any', async () => {
    const before = await stats();
    const batch = { events: [{ type: 'impression' }, { type: 'impression', entryId: entries.second }] };
    const results = await Promise.all(Array.from({ length: 12 }, () => send(batch)));
    expect(results.every((r) => r.status === 204)).toBe(true);
    const after = await stats();
    expect(after.totals.impressions - before.totals.impressions).toBe(12);
    const second = (s: Stats) => s.entries.find((e) => e.entryId === entries.second)?.impressions ?? 0;
    expect(second(after) - second(before)).toBe(12);
  });

  it('refuses more than 50 events, bad JSON and bad events without counting anything', async () => {
    const before = await stats();
    const tooMany = await send({ events: Array.from({ length: 51 }, () => ({ type: 'impression' })) });
    expect(tooMany.status).toBe(422);
    expect(tooMany.headers.get('access-control-allow-origin')).toBe('*');
    expect((await send('{not json')).status).toBe(400);
    expect((await send({ events: [{ type: 'hover' }] })).status).toBe(422);
    expect((await send({ events: [{ type: 'click', entryId: 'a\u0000b' }] })).status).toBe(422);
    expect((await send({})).status).toBe(422);
    expect((await stats()).totals).toEqual(before.totals);
  });
});
