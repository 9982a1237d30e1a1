import { and, asc, desc, eq, gte, lt, sql } from 'drizzle-orm';
import type { Database } from '../../platform/db.ts';
import { postMetrics } from './performance.table.ts';

export type MetricRow = typeof postMetrics.$inferSelect;
export type NewMetric = typeof postMetrics.$inferInsert;

/** Writes snapshots; one already recorded for the same post and moment is replaced. */
export async function upsertMetrics(db: Database, values: NewMetric[]): Promise<MetricRow[]> {
  if (values.length === 0) return [];
  return db
    .insert(postMetrics)
    .values(values)
    .onConflictDoUpdate({
      target: [postMetrics.postId, postMetrics.recordedAt],
      set: {
        views: sql`excluded.views`,
        likes: sql`excluded.likes`,
        shares: sql`excluded.shares`,
        comments: sql`excluded.comments`,
        reach: sql`excluded.reach`,
        source: sql`excluded.source`,
      },
    })
    .returning();
}

/** The latest `limit` snapshots of a post, newest first. */
export function latestOfPost(db: Database, workspaceId: string, postId: string, limit: number) {
  return db
    .select()
    .from(postMetrics)
    .where(and(eq(postMetrics.workspaceId, workspaceId), eq(postMetrics.postId, postId)))
    .orderBy(desc(postMetrics.recordedAt))
    .limit(limit);
}

export function metricsBetween(
  db: Database,
  workspaceId: string,
  range: { start: Date; end: Date },
  platform: string | undefined,
  limit: number,
) {
  return db
    .select()
    .from(postMetrics)
    .where(
      and(
        eq(postMetrics.workspaceId, workspaceId),
        platform ? eq(postMetrics.platform, platform as MetricRow['platform']) : undefined,
        gte(postMetrics.recordedAt, range.start),
        lt(postMetrics.recordedAt, range.end),
      ),
    )
    .orderBy(asc(postMetrics.recordedAt), asc(postMetrics.id))
    .limit(limit);
}
