import { and, asc, eq, sql } from 'drizzle-orm';
import type { Database } from '../../platform/db.ts';
import { rowsOf } from '../../platform/db-errors.ts';
import type { PostRow } from '../posts/posts.queries.ts';
import { posts } from '../posts/posts.table.ts';
import { type AttemptStatus, publishAttempts } from './publishing.table.ts';

export type AttemptRow = typeof publishAttempts.$inferSelect;
export type NewAttempt = typeof publishAttempts.$inferInsert;

/** The post, locked until the transaction ends: claims of the same post run one after the other. */
export async function lockPost(tx: Database, postId: string): Promise<PostRow | undefined> {
  const [row] = await tx.select().from(posts).where(eq(posts.id, postId)).for('update');
  return row;
}

export function attemptsOfVersion(db: Database, postId: string, version: number): Promise<AttemptRow[]> {
  return db
    .select()
    .from(publishAttempts)
    .where(and(eq(publishAttempts.postId, postId), eq(publishAttempts.postVersion, version)))
    .orderBy(asc(publishAttempts.attemptNumber));
}

export async function insertAttempt(tx: Database, values: NewAttempt): Promise<AttemptRow> {
  const [row] = await tx.insert(publishAttempts).values(values).returning();
  if (!row) throw new Error('attempt not inserted');
  return row;
}

/**
 * Writes an attempt's outcome if it is still `started`. False when it is not: after its lease a
 * recovery attempt took over (marking it abandoned), and a late answer must not undo that.
 */
export async function finishAttempt(
  db: Database,
  attemptId: string,
  patch: Partial<
    Pick<NewAttempt, 'errorKind' | 'errorMessage' | 'httpStatus' | 'externalId' | 'externalUrl'>
  > & {
    status: AttemptStatus;
    finishedAt: Date;
  },
): Promise<boolean> {
  const rows = await db
    .update(publishAttempts)
    .set(patch)
    .where(and(eq(publishAttempts.id, attemptId), eq(publishAttempts.status, 'started')))
    .returning({ id: publishAttempts.id });
  return rows.length > 0;
}

/** Changes a post that is still scheduled at `version`; undefined when it no longer is. */
export async function updateScheduledPost(
  db: Database,
  postId: string,
  version: number,
  patch: Partial<typeof posts.$inferInsert>,
) {
  const [row] = await db
    .update(posts)
    .set(patch)
    .where(and(eq(posts.id, postId), eq(posts.version, version), eq(posts.status, 'scheduled')))
    .returning();
  return row;
}

export interface DuePost {
  id: string;
  version: number;
  scheduledAt: Date;
  attemptCount: number;
  lastStatus: AttemptStatus | null;
  lastStartedAt: Date | null;
}

/** Scheduled posts whose time has come (approval given where needed), with their version's last attempt. */
export async function duePosts(db: Database, now: Date, limit: number): Promise<DuePost[]> {
  const rows = rowsOf<{
    id: string;
    version: number;
    scheduled_at: string | Date;
    attempt_count: number;
    last_status: AttemptStatus | null;
    last_started_at: string | Date | null;
  }>(
    await db.execute(sql`
      select p.id, p.version, p.scheduled_at, p.attempt_count, a.status as last_status, a.started_at as last_started_at
      from ${posts} p
      left join lateral (
        select status, started_at from ${publishAttempts} a
        where a.post_id = p.id and a.post_version = p.version
        order by a.attempt_number desc limit 1
      ) a on true
      where p.status = 'scheduled' and p.scheduled_at <= ${now.toISOString()}::timestamptz
        and (not p.needs_approval or p.approval_state = 'approved')
      order by p.scheduled_at
      limit ${limit}`),
  );
  return rows.map((row) => ({
    id: row.id,
    version: Number(row.version),
    scheduledAt: new Date(row.scheduled_at),
    attemptCount: Number(row.attempt_count),
    lastStatus: row.last_status,
    lastStartedAt: row.last_started_at ? new Date(row.last_started_at) : null,
  }));
}

export function failedAttemptCount(attempts: AttemptRow[]): number {
  return attempts.filter((a) => a.status === 'failed' || a.status === 'abandoned').length;
}
