import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cookieFrom, createTestApp, json, type TestApp } from '../../../../test/harness.ts';
import { rowsOf } from '../../platform/db-errors.ts';
import type { AnalyticsSummary } from '../analytics/analytics.schemas.ts';
import { demoAnalyticsDays, demoEmail, seedDemoData } from './demo.service.ts';
import { demoEntries } from './demo-content.ts';
import { demoTraffic, seededRandom, splitByWeight } from './demo-traffic.ts';

// The first-start demo: a workspace that looks a few weeks into Herald, seen through the HTTP API the
// web UI uses (and the public pages), and seeded without mail, jobs or anything IP-like.

const t: TestApp = await createTestApp({ workers: false });
afterAll(() => t.close());

interface PublicEntries {
  entries: Array<{
    id: string;
    slug: string;
    title: string;
    category: string;
    major: boolean;
    publishedAt: string;
  }>;
}
interface EntryList {
  entries: Array<{ id: string; title: string; status: string }>;
}
interface SubscriberList {
  items: Array<{ email: string; status: string; preference: string; source: string }>;
  counts: { total: number; confirmed: number; pending: number; unsubscribed: number };
}
interface PostList {
  items: Array<{
    platform: string;
    status: string;
    originType: string;
    originId: string | null;
    parts: string[];
  }>;
}

let password = '';
let cookie = '';
let workspaceId = '';
let workspaceSlug = '';

const utcDay = (at: Date) => at.toISOString().slice(0, 10);
const today = () => utcDay(t.deps.clock.now());
const addDays = (day: string, days: number) =>
  utcDay(new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000));
const api = (path: string) => `/api/v1/workspaces/${workspaceId}${path}`;

async function get<T>(path: string): Promise<T> {
  const response = await t.call('GET', path, { cookie });
  expect(response.status, await response.clone().text()).toBe(200);
  return json<T>(response);
}

const summary = (from: string, to: string) =>
  get<AnalyticsSummary>(api(`/analytics/summary?from=${from}&to=${to}`));
const lastDays = () => summary(addDays(today(), -(demoAnalyticsDays - 1)), today());

async function countWhere(query: ReturnType<typeof sql>): Promise<number> {
  return rowsOf<{ n: number }>(await t.deps.db.execute(query))[0]?.n ?? -1;
}

beforeAll(async () => {
  const seeded = await seedDemoData(t.deps);
  expect(seeded?.email).toBe(demoEmail);
  password = seeded?.password ?? '';
});

describe('demo seed', () => {
  it('signs in with the returned credentials into the Acme Demo workspace', async () => {
    const response = await t.call('POST', '/api/auth/sign-in/email', {
      body: { email: demoEmail, password },
    });
    expect(response.status, await response.clone().text()).toBe(200);
    cookie = cookieFrom(response);
    const me = await get<{ workspaces: Array<{ id: string; name: string; slug: string }> }>('/api/v1/me');
    // One workspace, the one the app opens after sign-in: the demo content is not beside an empty one.
    expect(me.workspaces.map((workspace) => workspace.name)).toEqual(['Acme Demo']);
    const demo = me.workspaces[0];
    workspaceId = demo?.id ?? '';
    workspaceSlug = demo?.slug ?? '';
  });

  it('is on the free plan, which has everything the demo pages need, with no publish counted', async () => {
    const entitlements = await get<{
      plan: { key: string };
      features: Record<string, boolean>;
      usage: Array<{ unit: string; used: number }>;
    }>(api('/entitlements'));
    expect(entitlements.plan.key).toBe('free');
    expect(entitlements.features.analytics_insights).toBe(true);
    expect(entitlements.features.changelog_widget).toBe(true);
    expect(entitlements.usage.find((line) => line.unit === 'entries_published')?.used).toBe(0);
  });

  it('publishes six entries over the last five weeks, one major, and keeps two drafts private', async () => {
    const all = await get<EntryList>(api('/changelog/entries?limit=50'));
    expect(all.entries.filter((entry) => entry.status === 'published')).toHaveLength(6);
    const drafts = all.entries.filter((entry) => entry.status === 'draft');
    expect(drafts).toHaveLength(2);

    const { entries } = await get<PublicEntries>(`/api/public/changelog/${workspaceSlug}/entries`);
    expect(entries).toHaveLength(6);
    expect(new Set(entries.map((entry) => entry.category))).toEqual(new Set(['New', 'Improved', 'Fixed']));
    expect(entries.filter((entry) => entry.major).map((entry) => entry.title)).toEqual([
      'Introducing Automations',
    ]);
    const times = entries.map((entry) => Date.parse(entry.publishedAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    const now = t.deps.clock.now().getTime();
    expect(now - Math.min(...times)).toBeGreaterThan(28 * 86_400_000);
    expect(now - Math.min(...times)).toBeLessThan(40 * 86_400_000);
    expect(Math.max(...times)).toBeLessThan(now);
    for (const draft of drafts) expect(entries.map((entry) => entry.title)).not.toContain(draft.title);

    const page = await t.call('GET', `/changelog/${workspaceSlug}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Introducing Automations');
    for (const draft of drafts) expect(html).not.toContain(draft.title);
  });

  it('has subscribers: mostly confirmed, one pending, one unsubscribed, with mixed preferences', async () => {
    const list = await get<SubscriberList>(api('/subscribers?limit=100'));
    expect(list.counts).toEqual({ total: 9, confirmed: 7, pending: 1, unsubscribed: 1 });
    expect(new Set(list.items.map((s) => s.preference))).toEqual(new Set(['all', 'major', 'digest']));
    expect(new Set(list.items.map((s) => s.source))).toEqual(new Set(['import', 'page']));
    for (const subscriber of list.items) expect(subscriber.email).toMatch(/@example\.(com|org|net)$/);
  });

  it('shows 21 days of views, visitors, top entries, referrers and widget numbers', async () => {
    const s = await lastDays();
    expect(s.days).toHaveLength(demoAnalyticsDays);
    expect(s.totals.views).toBeGreaterThan(400);
    expect(s.totals.visitors).toBeGreaterThan(250);
    expect(s.totals.visitors).toBeLessThan(s.totals.views);
    // Every past day has traffic (today only what has happened so far).
    for (const day of s.days.slice(0, -1)) {
      expect(day.views, day.day).toBeGreaterThan(0);
      expect(day.visitors, day.day).toBeGreaterThan(0);
      expect(day.visitors, day.day).toBeLessThanOrEqual(day.views);
    }
    // Weekdays are busier than weekends.
    const past = s.days.slice(0, -1);
    const average = (days: typeof past) => days.reduce((sum, d) => sum + d.views, 0) / days.length;
    const isWeekend = (day: string) => [0, 6].includes(new Date(`${day}T00:00:00Z`).getUTCDay());
    expect(average(past.filter((d) => !isWeekend(d.day)))).toBeGreaterThan(
      average(past.filter((d) => isWeekend(d.day))),
    );
    // The busiest day is the launch day.
    const { entries } = await get<PublicEntries>(`/api/public/changelog/${workspaceSlug}/entries`);
    const launch = entries.find((entry) => entry.major);
    const launchDay = utcDay(new Date(launch?.publishedAt ?? 0));
    const busiest = [...s.days].sort((a, b) => b.views - a.views)[0];
    expect(busiest?.day).toBe(launchDay);
    // Top entries are the published ones, the launch first.
    expect(s.topEntries[0]?.title).toBe('Introducing Automations');
    expect(new Set(s.topEntries.map((entry) => entry.entryId))).toEqual(
      new Set(entries.map((entry) => entry.id)),
    );
    const hosts = s.referrers.map((referrer) => referrer.host);
    expect(hosts).toEqual(expect.arrayContaining(['news.ycombinator.com', 'google.com', 'x.com', 'dev.to']));
    const referred = s.referrers.reduce((sum, referrer) => sum + referrer.views, 0);
    expect(referred).toBeLessThan(s.totals.views);
    expect(s.totals.widgetImpressions).toBeGreaterThan(0);
    expect(s.totals.widgetClicks).toBeGreaterThan(0);
    expect(s.totals.widgetCtr).toBeLessThan(0.1);

    // Nothing before the 21 days.
    const before = await summary(addDays(today(), -40), addDays(today(), -demoAnalyticsDays));
    expect(before.totals).toMatchObject({ views: 0, visitors: 0, widgetImpressions: 0 });
  });

  it('counts an entry only from the day it was published', async () => {
    const { entries } = await get<PublicEntries>(`/api/public/changelog/${workspaceSlug}/entries`);
    const latest = entries[0];
    const publishedDay = utcDay(new Date(latest?.publishedAt ?? 0));
    const until = await summary(addDays(today(), -(demoAnalyticsDays - 1)), addDays(publishedDay, -1));
    expect(until.totals.views).toBeGreaterThan(0);
    expect(until.topEntries.map((entry) => entry.title)).not.toContain(latest?.title);
    const from = await summary(publishedDay, today());
    expect(from.topEntries.map((entry) => entry.title)).toContain(latest?.title);
  });

  it('has a widget whose counters match the analytics and whose public data lists the entries', async () => {
    const { widget } = await get<{ widget: { id: string; impressions: number; clicks: number } }>(
      api('/widget'),
    );
    const s = await lastDays();
    expect(widget.clicks).toBe(s.totals.widgetClicks);
    expect(widget.impressions).toBeGreaterThan(0);
    const stats = await get<{ entries: Array<{ title: string; impressions: number }> }>(api('/widget/stats'));
    expect(stats.entries).toHaveLength(6);
    const data = await t.call('GET', `/api/public/widget/${widget.id}`);
    expect(data.status).toBe(200);
    const body = await json<{ entries: Array<{ title: string }> }>(data);
    expect(body.entries).toHaveLength(6);
  });

  it('has social drafts made from entries, none scheduled', async () => {
    const posts = await get<PostList>(api('/posts?limit=50'));
    expect(posts.items.map((post) => post.platform).sort()).toEqual(['linkedin', 'x', 'x']);
    const { entries } = await get<PublicEntries>(`/api/public/changelog/${workspaceSlug}/entries`);
    const launch = entries.find((entry) => entry.major);
    for (const post of posts.items) {
      expect(post.status).toBe('draft');
      expect(post.originType).toBe('changelog_entry');
      expect(entries.map((entry) => entry.id)).toContain(post.originId);
    }
    const launchPosts = posts.items.filter((post) => post.originId === launch?.id);
    expect(launchPosts).toHaveLength(2);
    expect(launchPosts.every((post) => post.parts.join(' ').includes(`/entries/${launch?.slug}`))).toBe(true);
  });

  it('queued no mail, no delivery and no job', async () => {
    const mailbox = await get<{ items: unknown[] }>('/api/v1/staff/mailbox');
    expect(mailbox.items).toEqual([]);
    expect(await countWhere(sql`select count(*)::int as n from outbound_emails`)).toBe(0);
    expect(await countWhere(sql`select count(*)::int as n from subscriber_deliveries`)).toBe(0);
    expect(await countWhere(sql`select count(*)::int as n from subscriber_confirmation_sends`)).toBe(0);
    expect(
      await countWhere(
        sql`select count(*)::int as n from pgboss.job where name in ('subscribers.entry-published', 'roadmap.entry-published', 'changelog.publish', 'posts.publish') or name like 'mail%'`,
      ),
    ).toBe(0);
  });

  it('stores nothing IP-like in the analytics tables; visitor ids are opaque hex', async () => {
    const dump = JSON.stringify(
      rowsOf(
        await t.deps.db.execute(sql`select json_build_object(
          'daily', (select json_agg(d) from analytics_daily d),
          'entries', (select json_agg(e) from analytics_entry_daily e),
          'visitors', (select json_agg(v) from analytics_visitors v),
          'referrers', (select json_agg(r) from analytics_referrers r)) as dump`),
      ),
    );
    expect(dump).not.toMatch(/\b\d{1,3}(\.\d{1,3}){3}\b/);
    expect(dump).not.toMatch(/\b[0-9a-f]{1,4}(:[0-9a-f]{0,4}){2,7}\b/i);
    expect(dump).not.toContain('ip_');
    const ids = rowsOf<{ visitor_id: string }>(
      await t.deps.db.execute(sql`select visitor_id from analytics_visitors`),
    );
    expect(ids.length).toBeGreaterThan(250);
    for (const { visitor_id } of ids) expect(visitor_id).toMatch(/^[0-9a-f]{64}$/);
  });

  it('seeds once: a second call returns null and adds nothing', async () => {
    const before = {
      entries: await get<EntryList>(api('/changelog/entries?limit=50')),
      subscribers: (await get<SubscriberList>(api('/subscribers?limit=100'))).counts,
      posts: (await get<PostList>(api('/posts?limit=50'))).items.length,
      totals: (await lastDays()).totals,
      workspaces: (await get<{ workspaces: unknown[] }>('/api/v1/me')).workspaces.length,
    };
    expect(await seedDemoData(t.deps)).toBeNull();
    expect({
      entries: await get<EntryList>(api('/changelog/entries?limit=50')),
      subscribers: (await get<SubscriberList>(api('/subscribers?limit=100'))).counts,
      posts: (await get<PostList>(api('/posts?limit=50'))).items.length,
      totals: (await lastDays()).totals,
      workspaces: (await get<{ workspaces: unknown[] }>('/api/v1/me')).workspaces.length,
    }).toEqual(before);
  });
});

describe('demo traffic', () => {
  const now = new Date('2026-03-18T15:00:00Z');
  const entries = [
    { id: 'old', publishedAt: new Date('2026-02-10T14:30:00Z'), major: false },
    { id: 'launch', publishedAt: new Date('2026-03-06T14:30:00Z'), major: true },
    { id: 'late', publishedAt: new Date('2026-03-15T14:30:00Z'), major: false },
  ];

  it('is the same on every run', () => {
    expect(demoTraffic({ now, dayCount: 21, entries })).toEqual(demoTraffic({ now, dayCount: 21, entries }));
    const random = seededRandom(7);
    const first = [random(), random()];
    const again = seededRandom(7);
    expect([again(), again()]).toEqual(first);
  });

  it('adds up: visitors within views, entries and referrers within views, widget totals from the days', () => {
    const traffic = demoTraffic({ now, dayCount: 21, entries });
    expect(traffic.days.map((d) => d.day)).toEqual(
      Array.from({ length: 21 }, (_, i) => addDays('2026-03-18', i - 20)),
    );
    for (const day of traffic.days) {
      expect(day.visitors).toBeLessThanOrEqual(day.pageViews);
      expect(day.entries.reduce((sum, e) => sum + e.views, 0)).toBeLessThanOrEqual(day.pageViews);
      expect(day.referrers.reduce((sum, r) => sum + r.views, 0)).toBeLessThanOrEqual(day.pageViews);
      expect(day.entries.reduce((sum, e) => sum + e.widgetClicks, 0)).toBeLessThanOrEqual(day.widgetClicks);
      if (day.day < '2026-03-15') expect(day.entries.map((e) => e.entryId)).not.toContain('late');
    }
    expect(traffic.widget.clicks).toBe(traffic.days.reduce((sum, d) => sum + d.widgetClicks, 0));
    for (const total of traffic.widget.entries) {
      const rows = traffic.days.flatMap((d) => d.entries.filter((e) => e.entryId === total.entryId));
      expect(total.impressions).toBe(rows.reduce((sum, e) => sum + e.widgetImpressions, 0));
      expect(total.clicks).toBe(rows.reduce((sum, e) => sum + e.widgetClicks, 0));
    }
  });

  it('has the same shape whatever the weekday: entries on weekdays, the launch day busiest, weekends quieter', () => {
    for (let offset = 0; offset < 14; offset++) {
      const start = new Date(Date.parse('2026-03-02T06:00:00Z') + offset * 86_400_000 + offset * 3_600_000);
      const published = demoEntries(start).flatMap((entry) =>
        entry.status === 'published' && entry.publishedAt
          ? [{ id: entry.key, publishedAt: entry.publishedAt, major: entry.major ?? false }]
          : [],
      );
      for (const entry of published) expect([0, 6]).not.toContain(entry.publishedAt.getUTCDay());
      const launchDay = utcDay(published.find((entry) => entry.major)?.publishedAt ?? new Date(0));
      const { days } = demoTraffic({ now: start, dayCount: 21, entries: published });
      expect(days.map((d) => d.day)).toContain(launchDay);
      expect([...days].sort((a, b) => b.pageViews - a.pageViews)[0]?.day, start.toISOString()).toBe(
        launchDay,
      );
      const quiet = days.filter((d) => [0, 6].includes(new Date(`${d.day}T00:00:00Z`).getUTCDay()));
      const busy = days.slice(0, -1).filter((d) => !quiet.includes(d));
      const mean = (list: typeof days) => list.reduce((sum, d) => sum + d.pageViews, 0) / list.length;
      expect(mean(busy)).toBeGreaterThan(mean(quiet));
    }
  });

  it('splits a total by weight into whole parts that add up', () => {
    expect(splitByWeight(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(splitByWeight(7, [0, 2, 5])).toEqual([0, 2, 5]);
    expect(splitByWeight(0, [1, 2])).toEqual([0, 0]);
  });
});
