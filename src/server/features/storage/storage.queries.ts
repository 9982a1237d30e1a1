import { and, asc, desc, eq, gt, isNotNull, isNull, lt, not, type SQL, sql } from 'drizzle-orm';
import type { Database } from '../../platform/db.ts';
import { type Cursor, olderThan } from '../../platform/pagination.ts';
import { posts } from '../posts/posts.table.ts';
import { storageObjects } from './storage.table.ts';

export type StorageObjectRow = typeof storageObjects.$inferSelect;
export type NewStorageObject = typeof storageObjects.$inferInsert;

export async function insertStorageObject(db: Database, values: NewStorageObject): Promise<StorageObjectRow> {
  const [row] = await db.insert(storageObjects).values(values).returning();
  if (!row) throw new Error('storage object insert returned no row');
  return row;
}

/** A live (not deleted) object of the workspace; another workspace's id finds nothing. */
export async function findStorageObject(db: Database, workspaceId: string, id: string) {
  const [row] = await db
    .select()
    .from(storageObjects)
    .where(
      and(
        eq(storageObjects.id, id),
        eq(storageObjects.workspaceId, workspaceId),
        isNull(storageObjects.deletedAt),
      ),
    );
  return row ?? null;
}

/** Bytes the workspace keeps right now: a gauge, read from the rows rather than a monthly counter. */
export async function sumLiveBytes(db: Database, workspaceId: string): Promise<number> {
  const [row] = await db
    .select({ total: sql<string>`coalesce(sum(${storageObjects.sizeBytes}), 0)` })
    .from(storageObjects)
    .where(and(eq(storageObjects.workspaceId, workspaceId), isNull(storageObjects.deletedAt)));
  return Number(row?.total ?? 0);
}

/** Serializes the storage-limit check of one workspace until the transaction ends. */
export async function lockWorkspaceStorage(tx: Database, workspaceId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`storage:${workspaceId}`}))`);
}

export interface StorageListFilters {
  cursor?: Cursor;
  limit: number;
  purpose?: string;
}

/** Live objects newest first; one row more than `limit` tells whether there is a next page. */
export function listStorageObjectRows(db: Database, workspaceId: string, filters: StorageListFilters) {
  return db
    .select()
    .from(storageObjects)
    .where(
      and(
        eq(storageObjects.workspaceId, workspaceId),
        isNull(storageObjects.deletedAt),
        filters.purpose ? eq(storageObjects.purpose, filters.purpose) : undefined,
        olderThan(filters.cursor, storageObjects.createdAt, storageObjects.id),
      ),
    )
    .orderBy(desc(storageObjects.createdAt), desc(storageObjects.id))
    .limit(filters.limit + 1);
}

/** Locks a live object until the transaction ends, so a delete and a schedule cannot interleave. */
export async function lockLiveStorageObject(tx: Database, workspaceId: string, id: string) {
  const [row] = await tx
    .select()
    .from(storageObjects)
    .where(
      and(
        eq(storageObjects.id, id),
        eq(storageObjects.workspaceId, workspaceId),
        isNull(storageObjects.deletedAt),
      ),
    )
    .for('update');
  return row ?? null;
}

const usedByScheduledPost = (objectId: SQL | string, workspaceId: SQL | string) => sql`exists (
  select 1 from ${posts}
  where ${posts.workspaceId} = ${workspaceId}
    and ${posts.status} = 'scheduled'
    and ${posts.mediaObjectIds} @> jsonb_build_array(${objectId}::text)
)`;

/** Ids of the workspace's scheduled posts whose media include the object (at most 20). */
export async function scheduledPostsUsing(db: Database, workspaceId: string, objectId: string) {
  const rows = await db
    .select({ id: posts.id })
    .from(posts)
    .where(
      and(
        eq(posts.workspaceId, workspaceId),
        eq(posts.status, 'scheduled'),
        sql`${posts.mediaObjectIds} @> jsonb_build_array(${objectId}::text)`,
      ),
    )
    .limit(20);
  return rows.map((row) => row.id);
}

export async function markStorageObjectDeleted(tx: Database, id: string, at: Date) {
  await tx.update(storageObjects).set({ deletedAt: at }).where(eq(storageObjects.id, id));
}

/**
 * Objects deleted before `cutoff`, by id after `afterId`, skipping any a scheduled post still uses
 * (a delete that raced a schedule): their bytes stay until the post is no longer scheduled.
 */
export function purgeableStorageObjects(db: Database, cutoff: Date, afterId: string, limit: number) {
  return db
    .select()
    .from(storageObjects)
    .where(
      and(
        isNotNull(storageObjects.deletedAt),
        lt(storageObjects.deletedAt, cutoff),
        gt(storageObjects.id, afterId),
        not(usedByScheduledPost(sql`${storageObjects.id}`, sql`${storageObjects.workspaceId}`)),
      ),
    )
    .orderBy(asc(storageObjects.id))
    .limit(limit);
}

/** Removes a purged row; only a deleted one, so a row cannot vanish while still live. */
export async function deleteStorageObjectRow(db: Database, id: string) {
  await db.delete(storageObjects).where(and(eq(storageObjects.id, id), isNotNull(storageObjects.deletedAt)));
}
