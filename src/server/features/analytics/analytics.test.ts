import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { revokeFeatures } from '../../../../test/feature-grants.ts';
import { createTestApp, json, signUp } from '../../../../test/harness.ts';
import {
  type ChangelogOwner,
  changelogOwner,
  insertEntry,
} from '../../../../test/public-changelog-fixtures.ts';
import { rowsOf } from '../../platform/db-errors.ts';
import { workspaceMembers } from '../workspaces/workspaces.table.ts';
import { pendingAnalyticsEvents } from './analytics.buffer.ts';
import type { AnalyticsSummary } from './analytics.schemas.ts';
import {
  analyticsDaily,
  analyticsEntryDaily,
  analyticsReferrers,
  analyticsVisitors,
} from './analytics.table.ts';

// The public tracking endpoint, server-side page views, widget events, the summary API, and that no
// IP address is stored anywhere.

// TRUST_PROXY: the client IP comes from X-Forwarded-For, so a test can send a distinctive one.
const t = await createTestApp({ workers: false, env: { TRUST_PROXY: 'true' } });
afterAll(() => t.close());

const distinctiveIp = '203.0.113.77';
const browser = 'Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0 AnalyticsTest';
const visitor = (n: number) => ({
  'x-forwarded-for': `${distinctiveIp.slice(0, -2)}${n}`,
  'user-agent': browser,
});
const asDistinctive = { 'x-forwarded-for': distinctiveIp, 'user-agent': browser };

let owner: ChangelogOwner;
let other: ChangelogOwner;
const entries: Record<string, { id: string; slug: string }> = {};
let widgetId: string;
let otherWidgetId: string;

const eventsPath = (slug = owner.workspaceSlug) => `/api/public/analytics/${slug}/events`;
const track = (events: unknown[], headers: Record<string, string> = asDistinctive, slug?: string) =>
  t.call('POST', eventsPath(slug), { body: { events }, headers });
const summary = async (query = '') => {
  const response = await t.call('GET', `/api/v1/workspaces/${owner.workspaceId}/analytics/summary${query}`, {
    cookie: owner.cookie,
  });
  expect(response.status, await response.clone().text()).toBe(200);
  return json<AnalyticsSummary>(response);
};
const countRows = async () => ({
  daily: (await t.deps.db.select().from(analyticsDaily)).length,
  entries: (await t.deps.db.select().from(analyticsEntryDaily)).length,
  visitors: (await t.deps.db.select().from(analyticsVisitors)).length,
  referrers: (await t.deps.db.select().from(analyticsReferrers)).length,
});
const today = () => t.deps.clock.now().toISOString().slice(0, 10);

beforeAll(async () => {
  owner = await changelogOwner(t, 'analytics');
  other = await changelogOwner(t, 'analytics-other');
  for (const [key, title] of [
    ['launch', 'Launch'],
    ['dark', 'Dark mode'],
  ] as const) {
    const row = await insertEntry(t, owner.workspaceId, {
      title,
      publishedAt: new Date(Date.now() - 60_000),
    });
    entries[key] = { id: row.id, slug: row.slug };
  }
  const draft = await insertEntry(t, owner.workspaceId, { title: 'Draft', status: 'draft' });
  entries.draft = { id: draft.id, slug: draft.slug };
  const foreign = await insertEntry(t, other.workspaceId, { title: 'Elsewhere' });
  entries.foreign = { id: foreign.id, slug: foreign.slug };
  const widget = await t.call('GET', `/api/v1/workspaces/${owner.workspaceId}/widget`, {
    cookie: owner.cookie,
  });
  widgetId = (await json<{ widget: { id: string } }>(widget)).widget.id;
  const otherWidget = await t.call('GET', `/api/v1/workspaces/${other.workspaceId}/widget`, {
    cookie: other.cookie,
  });
  otherWidgetId = (await json<{ widget: { id: string } }>(otherWidget)).widget.id;
});

describe('tracking endpoint', () => {
  it('counts page views per entry and day, unique visitors, referrer hosts and widget events', async () => {
    const launch = entries.launch?.id as string;
    const first = await track(
      [
        { type: 'page_view', entryId: launch, referrer: 'https://news.ycombinator.com/item?id=1&secret=x' },
        { type: 'page_view', path: `/changelog/${owner.workspaceSlug}/entries/${entries.dark?.slug}` },
        { type: 'page_view', path: `/changelog/${owner.workspaceSlug}` },
        { type: 'widget_impression', widgetId },
        { type: 'widget_impression', widgetId, entryId: launch },
        { type: 'widget_click', widgetId, entryId: launch },
      ],
      visitor(1),
    );
    expect(first.status).toBe(202);
    expect(first.headers.get('access-control-allow-origin')).toBe('*');
    expect(await json(first)).toEqual({ accepted: 6 });
    // A second visitor, text/plain like navigator.sendBeacon.
    const beacon = await t.call('POST', eventsPath(), {
      rawBody: JSON.stringify({
        events: [{ type: 'page_view', entryId: launch, referrer: 'https://NEWS.ycombinator.com/' }],
      }),
      headers: { ...visitor(2), 'content-type': 'text/plain;charset=UTF-8' },
    });
    expect(beacon.status).toBe(202);
    // The first visitor again: one more view, not one more visitor.
    expect((await track([{ type: 'page_view', entryId: launch }], visitor(1))).status).toBe(202);

    const s = await summary();
    expect(s.timezone).toBe('UTC');
    expect(s.days).toHaveLength(30);
    expect(s.days.at(-1)).toEqual({
      day: today(),
      views: 5,
      visitors: 2,
      widgetImpressions: 2,
      widgetClicks: 1,
    });
    expect(s.totals).toEqual({
      views: 5,
      visitors: 2,
      widgetImpressions: 2,
      widgetClicks: 1,
      widgetCtr: 0.5,
    });
    expect(s.topEntries.map((e) => [e.title, e.views, e.widgetImpressions, e.widgetClicks])).toEqual([
      ['Launch', 3, 1, 1],
      ['Dark mode', 1, 0, 0],
    ]);
    // Host only: no path, no query, lower-cased.
    expect(s.referrers).toEqual([{ host: 'news.ycombinator.com', views: 2 }]);
    const stored = await t.deps.db.select().from(analyticsReferrers);
    expect(JSON.stringify(stored)).not.toContain('secret');
  });

  it('answers the CORS preflight', async () => {
    const response = await t.call('OPTIONS', eventsPath());
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('does not count bots', async () => {
    const before = await summary();
    for (const ua of ['', 'curl/8.5.0', 'Mozilla/5.0 (compatible; Googlebot/2.1)', 'HeadlessChrome/120']) {
      const response = await track([{ type: 'page_view', entryId: entries.launch?.id }], {
        'x-forwarded-for': distinctiveIp,
        'user-agent': ua,
      });
      expect(response.status).toBe(202);
      expect(await json(response)).toEqual({ accepted: 0 });
    }
    // No user agent header at all.
    const bare = await t.call('POST', eventsPath(), {
      body: { events: [{ type: 'page_view', path: '/x' }] },
    });
    expect(await json(bare)).toEqual({ accepted: 0 });
    expect(pendingAnalyticsEvents(t.deps)).toBe(0);
    expect((await summary()).totals).toEqual(before.totals);
  });

  it('does not count another workspace’s entries or widget, drafts, or unknown entries', async () => {
    const before = await summary();
    const response = await track([
      { type: 'page_view', entryId: entries.foreign?.id },
      { type: 'page_view', entryId: entries.draft?.id },
      { type: 'page_view', entryId: 'no-such-entry' },
      { type: 'widget_impression', widgetId: otherWidgetId },
      { type: 'widget_click', widgetId, entryId: entries.foreign?.id },
      { type: 'page_view', path: `/changelog/${other.workspaceSlug}/entries/${entries.foreign?.slug}` },
      { type: 'page_view', path: `/changelog/${other.workspaceSlug}` },
      { type: 'page_view', path: `/changelog/${owner.workspaceSlug}/entries/${entries.draft?.slug}` },
      { type: 'page_view', path: `/changelog/${owner.workspaceSlug}/entries/%E0%A4%A` },
    ]);
    expect(await json(response)).toEqual({ accepted: 0 });
    // Sent to the other workspace's endpoint, this workspace's entry is not counted there either.
    const crossed = await track(
      [{ type: 'page_view', entryId: entries.launch?.id }],
      asDistinctive,
      other.workspaceSlug,
    );
    expect(await json(crossed)).toEqual({ accepted: 0 });
    expect((await summary()).totals).toEqual(before.totals);
    const otherSummary = await t.call('GET', `/api/v1/workspaces/${other.workspaceId}/analytics/summary`, {
      cookie: other.cookie,
    });
    expect((await json<AnalyticsSummary>(otherSummary)).totals.views).toBe(0);
  });

  it('refuses bad input with a 4xx and counts nothing', async () => {
    const before = await countRows();
    const cases: Array<[string | undefined, unknown, number]> = [
      ['not json', undefined, 400],
      [undefined, { events: [] }, 422],
      [undefined, { events: Array.from({ length: 51 }, () => ({ type: 'page_view', path: '/x' })) }, 422],
      [undefined, { events: [{ type: 'page_view' }] }, 422],
      [undefined, { events: [{ type: 'purchase', path: '/x' }] }, 422],
      [undefined, { events: [{ type: 'widget_click' }] }, 422],
      [undefined, { events: [{ type: 'page_view', path: '/x', ip: '1.2.3.4' }] }, 422],
      [undefined, { events: [{ type: 'page_view', entryId: 'a\u0000b' }] }, 422],
      [undefined, { events: [{ type: 'page_view', path: 'x'.repeat(2001) }] }, 422],
      [undefined, [], 422],
    ];
    for (const [raw, body, status] of cases) {
      const response = await t.call('POST', eventsPath(), {
        rawBody: raw ?? JSON.stringify(body),
        headers: asDistinctive,
      });
      expect(response.status, raw ?? JSON.stringify(body).slice(0, 80)).toBe(status);
      const error = await json<{ error: { code: string } }>(response);
      expect(error.error.code).toMatch(/invalid_json|validation_failed/);
      expect(response.headers.get('access-control-allow-origin')).toBe('*');
    }
    const unknown = await track([{ type: 'page_view', path: '/x' }], asDistinctive, 'no-such-workspace');
    expect(unknown.status).toBe(404);
    expect(pendingAnalyticsEvents(t.deps)).toBe(0);
    await summary();
    expect(await countRows()).toEqual(before);
  });
});

describe('public changelog pages (no script)', () => {
  it('count a view when served, a 304 revalidation too, without changing the ETag', async () => {
    const before = await summary();
    const path = `/changelog/${owner.workspaceSlug}/entries/${entries.dark?.slug}`;
    const first = await t.call('GET', path, {
      headers: { ...visitor(3), referer: 'https://www.google.com/search?q=herald' },
    });
    expect(first.status).toBe(200);
    const etag = first.headers.get('etag') as string;
    const again = await t.call('GET', path, { headers: { ...visitor(3), 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(again.headers.get('etag')).toBe(etag);
    const index = await t.call('GET', `/changelog/${owner.workspaceSlug}`, { headers: visitor(4) });
    expect(index.status).toBe(200);
    // A bot, a missing entry and a feed are not views.
    await t.call('GET', path, { headers: { 'user-agent': 'Twitterbot/1.0' } });
    await t.call('GET', `/changelog/${owner.workspaceSlug}/entries/nope`, { headers: visitor(5) });
    await t.call('GET', `/changelog/${owner.workspaceSlug}/feed.rss`, { headers: visitor(5) });

    const after = await summary();
    expect(after.totals.views - before.totals.views).toBe(3);
    expect(after.totals.visitors - before.totals.visitors).toBe(2);
    const dark = (s: AnalyticsSummary) =>
      s.topEntries.find((e) => e.entryId === entries.dark?.id)?.views ?? 0;
    expect(dark(after) - dark(before)).toBe(2);
    expect(after.referrers).toContainEqual({ host: 'www.google.com', views: 1 });
  });
});

describe('widget events route', () => {
  it('also counts impressions and clicks per day', async () => {
    const before = await summary();
    const response = await t.call('POST', `/api/public/widget/${widgetId}/events`, {
      body: {
        events: [
          { type: 'impression' },
          { type: 'click', entryId: entries.launch?.id },
          { type: 'click', entryId: entries.foreign?.id },
        ],
      },
      headers: visitor(6),
    });
    expect(response.status).toBe(204);
    const after = await summary();
    expect(after.totals.widgetImpressions - before.totals.widgetImpressions).toBe(1);
    expect(after.totals.widgetClicks - before.totals.widgetClicks).toBe(1);
  });
});

describe('summary API', () => {
  it('is readable by viewers, 404 for outsiders, 402 without analytics_insights, 422 for a bad range', async () => {
    const viewer = await signUp(t, `viewer-${process.pid}-${Date.now()}@example.com`);
    await t.deps.db
      .insert(workspaceMembers)
      .values({ workspaceId: owner.workspaceId, userId: viewer.userId, role: 'viewer' });
    const url = `/api/v1/workspaces/${owner.workspaceId}/analytics/summary`;
    expect((await t.call('GET', url, { cookie: viewer.cookie })).status).toBe(200);
    expect((await t.call('GET', url, { cookie: other.cookie })).status).toBe(404);
    expect((await t.call('GET', url)).status).toBe(401);
    expect(
      (await t.call('GET', `${url}?from=2027-01-10&to=2027-01-01`, { cookie: viewer.cookie })).status,
    ).toBe(422);
    expect(
      (await t.call('GET', `${url}?from=2020-01-01&to=2027-01-01`, { cookie: viewer.cookie })).status,
    ).toBe(422);
    expect((await t.call('GET', `${url}?from=2027-02-30`, { cookie: viewer.cookie })).status).toBe(422);
    const oneDay = await t.call('GET', `${url}?from=${today()}&to=${today()}`, { cookie: viewer.cookie });
    expect((await json<AnalyticsSummary>(oneDay)).days).toHaveLength(1);
    await revokeFeatures(t, owner.workspaceId, ['analytics_insights']);
    const refused = await t.call('GET', url, { cookie: viewer.cookie });
    expect(refused.status).toBe(402);
    expect((await json<{ error: { details: unknown } }>(refused)).error.details).toEqual({
      feature: 'analytics_insights',
    });
  });
});

describe('privacy', () => {
  it('stores no IP address and no user agent anywhere in the database', async () => {
    // Everything this file sent came from 203.0.113.x (X-Forwarded-For, TRUST_PROXY on); the sign-ups
    // sent no X-Forwarded-For, so their sessions hold no such address.
    const rows = rowsOf<{ table_name: string }>(
      await t.deps.db.execute(
        sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`,
      ),
    );
    expect(rows.length).toBeGreaterThan(20);
    let dump = '';
    for (const { table_name } of rows) {
      const tableRows = rowsOf<{ row: string }>(
        await t.deps.db.execute(sql`select row_to_json(t)::text as row from ${sql.identifier(table_name)} t`),
      );
      for (const { row } of tableRows) dump += `${table_name}: ${row}\n`;
    }
    expect(dump).toContain('analytics_visitors');
    expect(dump).toContain(owner.workspaceId);
    expect(dump).not.toContain('203.0.113.');
    expect(dump).not.toContain('AnalyticsTest');
  });
});
