// Content performance: snapshots of a post's numbers over time, entered by hand, imported from CSV
// (performance.import.ts) or fetched by an adapter. Numbers are cumulative readings, so a post's
// value on a day is its latest snapshot up to that day.
import type { Platform } from '../../../shared/studio/studio-types.ts';
import type { AppDeps } from '../../app-context.ts';
import { AppError } from '../../platform/errors.ts';
import { addDays, coveringInstants, dayInZone, daysBetween, dayToUtcMs } from '../calendar/calendar.days.ts';
import { workspaceTimezone } from '../calendar/calendar.service.ts';
import { getPostRow } from '../posts/posts.service.ts';
import type { WorkspaceAccess } from '../workspaces/workspace-access.ts';
import { latestOfPost, type MetricRow, metricsBetween, upsertMetrics } from './performance.queries.ts';
import { type MetricsBody, maxSummaryDays } from './performance.schemas.ts';

type PerformanceDeps = Pick<AppDeps, 'db' | 'clock'>;

const maxSeriesPoints = 1000;
const maxSummaryRows = 50_000;
/** A reading may come from a clock a little ahead of Herald's. */
const futureSkewMs = 5 * 60_000;

interface Counts {
  views: number;
  likes: number;
  shares: number;
  comments: number;
  reach: number;
}

/** (likes + shares + comments) / reach; over views when reach is 0; null when both are 0. */
export function engagementRate(counts: Counts): number | null {
  const engaged = counts.likes + counts.shares + counts.comments;
  if (counts.reach > 0) return engaged / counts.reach;
  if (counts.views > 0) return engaged / counts.views;
  return null;
}

export function presentSnapshot(row: MetricRow) {
  return {
    id: row.id,
    postId: row.postId,
    platform: row.platform,
    recordedAt: row.recordedAt.toISOString(),
    views: row.views,
    likes: row.likes,
    shares: row.shares,
    comments: row.comments,
    reach: row.reach,
    source: row.source,
    engagementRate: engagementRate(row),
  };
}

/** An instant with an offset between 2000 and a few minutes from now, or a message saying why not. */
export function readRecordedAt(value: string, now: Date): Date | string {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/i.test(value.trim())) {
    return 'An ISO 8601 date-time with an offset, e.g. 2027-03-29T18:00:00Z';
  }
  const instant = new Date(value.trim());
  if (Number.isNaN(instant.getTime())) return 'Not a real date and time';
  if (instant.getUTCFullYear() < 2000) return 'Not before the year 2000';
  if (instant.getTime() > now.getTime() + futureSkewMs) return 'Not in the future';
  return instant;
}

export async function recordSnapshot(
  deps: PerformanceDeps,
  access: WorkspaceAccess,
  postId: string,
  body: MetricsBody,
) {
  // The post first: another workspace's post is a 404 whatever the body says.
  const post = await getPostRow(deps.db, access.workspaceId, postId);
  const now = deps.clock.now();
  const recordedAt = body.recordedAt === undefined ? now : readRecordedAt(body.recordedAt, now);
  if (typeof recordedAt === 'string') {
    throw new AppError('validation_failed', recordedAt, [{ path: 'recordedAt', message: recordedAt }]);
  }
  const [row] = await upsertMetrics(deps.db, [
    {
      workspaceId: access.workspaceId,
      postId: post.id,
      platform: post.platform,
      recordedAt,
      views: body.views,
      likes: body.likes,
      shares: body.shares,
      comments: body.comments,
      reach: body.reach,
      source: 'manual',
      createdAt: now,
    },
  ]);
  if (!row) throw new Error('snapshot not written');
  return presentSnapshot(row);
}

export async function postSeries(deps: PerformanceDeps, access: WorkspaceAccess, postId: string) {
  const post = await getPostRow(deps.db, access.workspaceId, postId);
  const series = (await latestOfPost(deps.db, access.workspaceId, post.id, maxSeriesPoints)).reverse();
  const latest = series.at(-1);
  return {
    latest: latest ? presentSnapshot(latest) : null,
    engagementRate: latest ? engagementRate(latest) : null,
    series: series.map(presentSnapshot),
  };
}

const zero = (): Counts => ({ views: 0, likes: 0, shares: 0, comments: 0, reach: 0 });
const add = (into: Counts, from: Counts) => {
  into.views += from.views;
  into.likes += from.likes;
  into.shares += from.shares;
  into.comments += from.comments;
  into.reach += from.reach;
};

export async function metricsSummary(
  deps: PerformanceDeps,
  access: WorkspaceAccess,
  query: { from?: string; to?: string; platform?: Platform },
) {
  const timezone = await workspaceTimezone(deps, access.workspaceId);
  const to = query.to ?? dayInZone(deps.clock.now(), timezone);
  const from = query.from ?? addDays(to, -29);
  const span = ((dayToUtcMs(to) ?? 0) - (dayToUtcMs(from) ?? 0)) / 86_400_000 + 1;
  if (span < 1 || span > maxSummaryDays) {
    throw new AppError(
      'validation_failed',
      `from must be on or before to, at most ${maxSummaryDays} days apart`,
      [{ path: 'from', message: `${from} to ${to}` }],
    );
  }
  const rows = await metricsBetween(
    deps.db,
    access.workspaceId,
    coveringInstants(from, to),
    query.platform,
    maxSummaryRows + 1,
  );
  if (rows.length > maxSummaryRows) {
    throw new AppError('validation_failed', 'Too many snapshots in this range; choose a shorter one', [
      { path: 'from', message: `More than ${maxSummaryRows} snapshots` },
    ]);
  }
  // Each post's latest reading per day (rows come oldest first, so later ones overwrite).
  const byPost = new Map<string, { platform: Platform; days: Map<string, Counts> }>();
  for (const row of rows) {
    const day = dayInZone(row.recordedAt, timezone);
    if (day < from || day > to) continue;
    const entry = byPost.get(row.postId) ?? { platform: row.platform, days: new Map<string, Counts>() };
    entry.days.set(day, row);
    byPost.set(row.postId, entry);
  }
  const days = daysBetween(from, to);
  const perPlatform = new Map<Platform, Counts & { posts: number }>();
  const series = new Map<string, Counts>(); // `${day}|${platform}`
  for (const { platform, days: readings } of byPost.values()) {
    let current: Counts | undefined;
    for (const day of days) {
      current = readings.get(day) ?? current;
      if (!current) continue;
      const key = `${day}|${platform}`;
      const sum = series.get(key) ?? zero();
      add(sum, current);
      series.set(key, sum);
    }
    const total = perPlatform.get(platform) ?? { ...zero(), posts: 0 };
    if (current) add(total, current);
    total.posts += 1;
    perPlatform.set(platform, total);
  }
  return {
    from,
    to,
    timezone,
    perPlatform: [...perPlatform.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([platform, t]) => ({
        platform,
        posts: t.posts,
        views: t.views,
        likes: t.likes,
        shares: t.shares,
        comments: t.comments,
        reach: t.reach,
        engagementRate: engagementRate(t),
      })),
    series: [...series.entries()]
      .map(([key, c]) => {
        const [day, platform] = key.split('|') as [string, Platform];
        return { day, platform, views: c.views, engagement: c.likes + c.shares + c.comments };
      })
      .sort((a, b) => a.day.localeCompare(b.day) || a.platform.localeCompare(b.platform)),
  };
}
