import { eq, sql } from 'drizzle-orm';
import { afterAll, expect, it } from 'vitest';
import { createTestApp, waitFor } from '../../../../test/harness.ts';
import { changelogOwner } from '../../../../test/public-changelog-fixtures.ts';
import { closeAnalytics, pendingAnalyticsEvents } from './analytics.buffer.ts';
import { analyticsDaily } from './analytics.table.ts';

// The buffer writes on its own: on the interval, and at once when enough events are waiting; after
// the shutdown hook has run, new events are refused (503) rather than accepted and lost.

const browser = { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Firefox/121.0' };

async function viewsOf(t: Awaited<ReturnType<typeof createTestApp>>, workspaceId: string) {
  const [row] = await t.deps.db
    .select({ n: sql<number>`coalesce(sum(${analyticsDaily.pageViews}), 0)::int` })
    .from(analyticsDaily)
    .where(eq(analyticsDaily.workspaceId, workspaceId));
  return Number(row?.n ?? 0);
}

const views = (n: number) => ({
  events: Array.from({ length: n }, () => ({ type: 'page_view', path: '/x' })),
});

const byInterval = await createTestApp({ workers: false, env: { ANALYTICS_FLUSH_INTERVAL_MS: '100' } });
const byCount = await createTestApp({
  workers: false,
  env: { ANALYTICS_FLUSH_INTERVAL_MS: '600000', ANALYTICS_FLUSH_EVENTS: '10' },
});
afterAll(async () => {
  await byInterval.close();
  await byCount.close();
});

it('flushes on the interval, with no read asking for it', async () => {
  const owner = await changelogOwner(byInterval, 'interval');
  const response = await byInterval.call('POST', `/api/public/analytics/${owner.workspaceSlug}/events`, {
    body: views(3),
    headers: browser,
  });
  expect(response.status).toBe(202);
  expect(await waitFor(async () => (await viewsOf(byInterval, owner.workspaceId)) === 3)).toBe(true);
  expect(pendingAnalyticsEvents(byInterval.deps)).toBe(0);
});

it('flushes as soon as ANALYTICS_FLUSH_EVENTS are waiting, and not before', async () => {
  const owner = await changelogOwner(byCount, 'count');
  const path = `/api/public/analytics/${owner.workspaceSlug}/events`;
  expect((await byCount.call('POST', path, { body: views(6), headers: browser })).status).toBe(202);
  expect(pendingAnalyticsEvents(byCount.deps)).toBe(6);
  expect(await viewsOf(byCount, owner.workspaceId)).toBe(0);
  expect((await byCount.call('POST', path, { body: views(6), headers: browser })).status).toBe(202);
  expect(await waitFor(async () => (await viewsOf(byCount, owner.workspaceId)) === 12)).toBe(true);
});

it('refuses events with 503 once the shutdown hook has run, and writes what it had', async () => {
  const owner = await changelogOwner(byCount, 'closing');
  const path = `/api/public/analytics/${owner.workspaceSlug}/events`;
  expect((await byCount.call('POST', path, { body: views(2), headers: browser })).status).toBe(202);
  await closeAnalytics(byCount.deps);
  expect(await viewsOf(byCount, owner.workspaceId)).toBe(2);
  const refused = await byCount.call('POST', path, { body: views(1), headers: browser });
  expect(refused.status).toBe(503);
  expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('service_unavailable');
  // A served page still answers; its view is simply not counted.
  const page = await byCount.call('GET', `/changelog/${owner.workspaceSlug}`, { headers: browser });
  expect(page.status).toBe(200);
  expect(await viewsOf(byCount, owner.workspaceId)).toBe(2);
});
