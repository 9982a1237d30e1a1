import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestApp, json, signUp } from '../../../../test/harness.ts';
import { createManualClock } from '../../platform/clock.ts';
import { workspaces } from '../workspaces/workspaces.table.ts';
import { engagementRate } from './performance.service.ts';
import { postMetrics } from './performance.table.ts';

const clock = createManualClock(new Date('2027-06-15T12:00:00Z'));
const t = await createTestApp({ clock, workers: false });
afterAll(() => t.close());

let counter = 0;
async function owner() {
  counter += 1;
  return signUp(t, `perf-${counter}@example.com`, 'Perry Formance');
}
type User = Awaited<ReturnType<typeof owner>>;

async function post(user: User, platform: 'x' | 'linkedin' = 'x') {
  const content =
    platform === 'x'
      ? { tweets: ['Numbers, please.'], hashtags: [] }
      : { hook: 'Numbers.', body: 'Please.', cta: '', hashtags: [] };
  const response = await t.call('POST', `/api/v1/workspaces/${user.workspaceId}/posts`, {
    cookie: user.cookie,
    body: { platform, content },
  });
  expect(response.status).toBe(201);
  return (await json<{ id: string }>(response)).id;
}

const metricsPath = (user: User, postId: string) =>
  `/api/v1/workspaces/${user.workspaceId}/posts/${postId}/metrics`;
const record = (user: User, postId: string, body: Record<string, unknown>) =>
  t.call('POST', metricsPath(user, postId), { cookie: user.cookie, body });
const importCsv = (user: User, csv: string) =>
  t.call('POST', `/api/v1/workspaces/${user.workspaceId}/metrics/import`, {
    cookie: user.cookie,
    rawBody: csv,
    headers: { 'content-type': 'text/csv' },
  });

describe('engagement rate', () => {
  it('divides engagement by reach, by views when reach is 0, and is null when both are 0', () => {
    expect(engagementRate({ views: 1000, likes: 30, shares: 10, comments: 10, reach: 500 })).toBe(0.1);
    expect(engagementRate({ views: 400, likes: 3, shares: 0, comments: 1, reach: 0 })).toBe(0.01);
    expect(engagementRate({ views: 0, likes: 5, shares: 0, comments: 0, reach: 0 })).toBeNull();
    expect(engagementRate({ views: 0, likes: 0, shares: 0, comments: 0, reach: 0 })).toBeNull();
    expect(engagementRate({ views: 10, likes: 0, shares: 0, comments: 0, reach: 20 })).toBe(0);
  });
});

describe('post metrics', () => {
  it('records readings by hand, replaces one at the same time and answers the series oldest first', async () => {
    const user = await owner();
    const id = await post(user);
    const first = await record(user, id, {
      recordedAt: '2027-06-14T10:00:00Z',
      views: 100,
      likes: 5,
      reach: 50,
    });
    expect(first.status).toBe(201);
    expect(await json(first)).toMatchObject({
      postId: id,
      platform: 'x',
      source: 'manual',
      shares: 0,
      engagementRate: 0.1,
    });
    await record(user, id, { views: 300, likes: 9, shares: 3, comments: 3, reach: 0 });
    const replaced = await record(user, id, {
      recordedAt: '2027-06-14T12:00:00+02:00',
      views: 120,
      likes: 6,
      reach: 60,
    });
    expect(replaced.status).toBe(201);
    const got = await json<{
      latest: { views: number };
      engagementRate: number;
      series: Array<{ views: number; recordedAt: string }>;
    }>(await t.call('GET', metricsPath(user, id), { cookie: user.cookie }));
    expect(got.series.map((s) => [s.recordedAt, s.views])).toEqual([
      ['2027-06-14T10:00:00.000Z', 120],
      ['2027-06-15T12:00:00.000Z', 300],
    ]);
    expect(got.latest.views).toBe(300);
    expect(got.engagementRate).toBe(15 / 300);
  });

  it('answers a post without readings with nulls and refuses bad numbers and times with 422', async () => {
    const user = await owner();
    const id = await post(user);
    expect(await json(await t.call('GET', metricsPath(user, id), { cookie: user.cookie }))).toEqual({
      latest: null,
      engagementRate: null,
      series: [],
    });
    for (const body of [
      { views: -1 },
      { likes: 1.5 },
      { reach: '10' },
      { views: 1e13 },
      { recordedAt: '2027-06-16T12:00:00Z' },
      { recordedAt: '2027-06-14' },
      { recordedAt: '1999-12-31T00:00:00Z' },
      { views: 1, extra: true },
    ]) {
      const response = await record(user, id, body);
      expect(response.status, JSON.stringify(body)).toBe(422);
    }
    expect(await t.deps.db.select().from(postMetrics).where(eq(postMetrics.postId, id))).toEqual([]);
  });

  it("answers 404 for another workspace's post, writing nothing", async () => {
    const user = await owner();
    const stranger = await owner();
    const id = await post(user);
    expect((await record(stranger, id, { views: 5 })).status).toBe(404);
    expect((await t.call('GET', metricsPath(stranger, id), { cookie: stranger.cookie })).status).toBe(404);
    const imported = await importCsv(stranger, `post_id,recorded_at,views\n${id},2027-06-14T10:00:00Z,5\n`);
    expect(imported.status).toBe(422);
    expect(await json(imported)).toMatchObject({
      error: {
        details: {
          rejected: [{ row: 1, errors: [{ path: 'post_id', message: 'No such post in this workspace' }] }],
        },
      },
    });
    expect(await t.deps.db.select().from(postMetrics).where(eq(postMetrics.postId, id))).toEqual([]);
  });
});

describe('CSV import', () => {
  it('writes the good rows and reports each bad row with its number and reasons', async () => {
    const user = await owner();
    const a = await post(user);
    const b = await post(user, 'linkedin');
    const csv = [
      'post_id,recorded_at,views,likes,shares,comments,reach',
      `${a},2027-06-14T10:00:00Z,100,5,1,2,80`,
      `${b},2027-06-14T11:00:00Z,-3,1,0,0,10`,
      `no-such-post,2027-06-14T11:00:00Z,1,1,1,1,1`,
      `${b},yesterday,1,1,1,1,1`,
      `${b},2027-06-14T11:00:00Z,50,,,,`,
      `${a},2027-06-14T10:00:00Z,110,6,1,2,90`,
    ].join('\r\n');
    const response = await importCsv(user, csv);
    expect(response.status, await response.clone().text()).toBe(201);
    const result = await json<{
      accepted: number;
      rejected: Array<{ row: number; errors: Array<{ path: string }> }>;
    }>(response);
    expect(result.accepted).toBe(2);
    expect(result.rejected.map((r) => [r.row, r.errors[0]?.path])).toEqual([
      [1, 'recorded_at'],
      [2, 'views'],
      [3, 'post_id'],
      [4, 'recorded_at'],
    ]);
    const rows = await t.deps.db
      .select()
      .from(postMetrics)
      .where(eq(postMetrics.workspaceId, user.workspaceId));
    expect(rows.map((r) => [r.postId, r.views, r.source]).sort()).toEqual(
      [
        [a, 110, 'csv'],
        [b, 50, 'csv'],
      ].sort(),
    );
  });

  it('refuses a file without the header, without rows, unreadable, or not sent as CSV', async () => {
    const user = await owner();
    const id = await post(user);
    for (const csv of ['views,likes\n1,2\n', 'post_id,recorded_at\n', `post_id,recorded_at\n"${id},x\n`]) {
      expect((await importCsv(user, csv)).status, csv).toBe(422);
    }
    const asJson = await t.call('POST', `/api/v1/workspaces/${user.workspaceId}/metrics/import`, {
      cookie: user.cookie,
      body: { rows: [] },
    });
    expect(asJson.status).toBe(415);
  });
});

describe('summary', () => {
  it('totals each post once per platform and carries readings forward day by day', async () => {
    const user = await owner();
    await t.deps.db
      .update(workspaces)
      .set({ timezone: 'Europe/Paris' })
      .where(eq(workspaces.id, user.workspaceId));
    const x1 = await post(user);
    const x2 = await post(user);
    const li = await post(user, 'linkedin');
    await record(user, x1, { recordedAt: '2027-06-10T08:00:00Z', views: 100, likes: 10, reach: 100 });
    await record(user, x1, {
      recordedAt: '2027-06-12T08:00:00Z',
      views: 200,
      likes: 20,
      comments: 5,
      reach: 100,
    });
    // 23:30 UTC on the 10th is the 11th in Paris.
    await record(user, x2, { recordedAt: '2027-06-10T23:30:00Z', views: 50, shares: 5, reach: 0 });
    await record(user, li, { recordedAt: '2027-06-11T09:00:00Z', views: 0, likes: 0, reach: 0 });
    // Outside the range: not counted.
    await record(user, li, { recordedAt: '2027-06-01T09:00:00Z', views: 999, reach: 999 });
    const response = await t.call(
      'GET',
      `/api/v1/workspaces/${user.workspaceId}/metrics/summary?from=2027-06-10&to=2027-06-12`,
      { cookie: user.cookie },
    );
    expect(response.status, await response.clone().text()).toBe(200);
    const summary = await json<{
      timezone: string;
      perPlatform: Array<Record<string, unknown>>;
      series: Array<{ day: string; platform: string; views: number; engagement: number }>;
    }>(response);
    expect(summary.timezone).toBe('Europe/Paris');
    expect(summary.perPlatform).toEqual([
      {
        platform: 'linkedin',
        posts: 1,
        views: 0,
        likes: 0,
        shares: 0,
        comments: 0,
        reach: 0,
        engagementRate: null,
      },
      {
        platform: 'x',
        posts: 2,
        views: 250,
        likes: 20,
        shares: 5,
        comments: 5,
        reach: 100,
        engagementRate: 0.3,
      },
    ]);
    expect(summary.series).toEqual([
      { day: '2027-06-10', platform: 'x', views: 100, engagement: 10 },
      { day: '2027-06-11', platform: 'linkedin', views: 0, engagement: 0 },
      { day: '2027-06-11', platform: 'x', views: 150, engagement: 15 },
      { day: '2027-06-12', platform: 'linkedin', views: 0, engagement: 0 },
      { day: '2027-06-12', platform: 'x', views: 250, engagement: 30 },
    ]);
    const onlyLinkedin = await json<{ perPlatform: Array<{ platform: string }> }>(
      await t.call(
        'GET',
        `/api/v1/workspaces/${user.workspaceId}/metrics/summary?from=2027-06-10&to=2027-06-12&platform=linkedin`,
        {
          cookie: user.cookie,
        },
      ),
    );
    expect(onlyLinkedin.perPlatform.map((p) => p.platform)).toEqual(['linkedin']);
  });

  it('refuses a reversed or over-long range with 422', async () => {
    const user = await owner();
    for (const query of [
      'from=2027-06-12&to=2027-06-10',
      'from=2025-01-01&to=2027-06-10',
      'from=2027-02-30',
    ]) {
      const response = await t.call(
        'GET',
        `/api/v1/workspaces/${user.workspaceId}/metrics/summary?${query}`,
        {
          cookie: user.cookie,
        },
      );
      expect(response.status, query).toBe(422);
    }
  });
});
