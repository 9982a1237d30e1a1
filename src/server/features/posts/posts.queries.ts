import { and, desc, eq, gte, inArray, isNull, lt, notExists, type SQL, sql } from 'drizzle-orm';
import type { Database } from '../../platform/db.ts';
import { type Cursor, olderThan } from '../../platform/pagination.ts';
import { publishAttempts } from '../publishing/publishing.table.ts';
import { storageObjects } from '../storage/storage.table.ts';
import { type PostStatus, posts } from './posts.table.ts';

export type PostRow = typeof posts.$inferSelect;
export type NewPost = typeof posts.$inferInsert;
export type PostPatch = Partial<Omit<NewPost, 'id' | 'workspaceId' | 'version' | 'createdAt'>>;

export async function insertPosts(db: Database, values: NewPost[]): Promise<PostRow[]> {
  if (values.length === 0) return [];
  return db.insert(posts).values(values).returning();
}

export async function findPost(db: Database, workspaceId: string, postId: string) {
  const [row] = await db
    .select()
    .from(posts)
    .where(and(eq(posts.id, postId), eq(posts.workspaceId, workspaceId)));
  return row;
}

export interface PostFilters {
  status?: PostStatus;
  platform?: string;
  tag?: string;
  dateField: 'scheduledAt' | 'createdAt';
  from?: Date;
  to?: Date;
}

function filtersSql(workspaceId: string, filters: PostFilters): SQL | undefined {
  const dateColumn = filters.dateField === 'scheduledAt' ? posts.scheduledAt : posts.createdAt;
  return and(
    eq(posts.workspaceId, workspaceId),
    filters.status ? eq(posts.status, filters.status) : undefined,
    filters.platform ? eq(posts.platform, filters.platform as PostRow['platform']) : undefined,
    filters.tag ? sql`${posts.tags} @> ${JSON.stringify([filters.tag])}::jsonb` : undefined,
    filters.from ? gte(dateColumn, filters.from) : undefined,
    filters.to ? lt(dateColumn, filters.to) : undefined,
  );
}

/** Newest first, one row more than `limit` so the caller knows whether there is a next page. */
export function listPostRows(
  db: Database,
  workspaceId: string,
  filters: PostFilters,
  page: { cursor?: Cursor; limit: number },
) {
  return db
    .select()
    .from(posts)
    .where(and(filtersSql(workspaceId, filters), olderThan(page.cursor, posts.createdAt, posts.id)))
    .orderBy(desc(posts.createdAt), desc(posts.id))
    .limit(page.limit + 1);
}

/** No attempt of the post's current version is under way (written before the platform is called). */
const noAttemptInFlight = () =>
  notExists(
    sql`(select 1 from ${publishAttempts} where ${publishAttempts.postId} = ${posts.id} and ${publishAttempts.postVersion} = ${posts.version} and ${publishAttempts.status} = 'started')`,
  );

/**
 * Applies `patch` and bumps the version, only if the post is still at `expectedVersion` and no
 * publish attempt of that version has started. Undefined when either changed: of an edit and a
 * publish attempt racing, exactly one wins.
 */
export async function updatePostIfIdle(
  db: Database,
  workspaceId: string,
  postId: string,
  expectedVersion: number,
  patch: PostPatch,
) {
  const [row] = await db
    .update(posts)
    .set({ ...patch, version: sql`${posts.version} + 1` })
    .where(
      and(
        eq(posts.id, postId),
        eq(posts.workspaceId, workspaceId),
        eq(posts.version, expectedVersion),
        noAttemptInFlight(),
      ),
    )
    .returning();
  return row;
}

export async function deletePostIfIdle(
  db: Database,
  workspaceId: string,
  postId: string,
  expectedVersion: number,
) {
  const [row] = await db
    .delete(posts)
    .where(
      and(
        eq(posts.id, postId),
        eq(posts.workspaceId, workspaceId),
        eq(posts.version, expectedVersion),
        noAttemptInFlight(),
      ),
    )
    .returning({ id: posts.id });
  return row;
}

export async function attemptInFlight(db: Database, postId: string, version: number): Promise<boolean> {
  const [row] = await db
    .select({ id: publishAttempts.id })
    .from(publishAttempts)
    .where(
      and(
        eq(publishAttempts.postId, postId),
        eq(publishAttempts.postVersion, version),
        eq(publishAttempts.status, 'started'),
      ),
    )
    .limit(1);
  return Boolean(row);
}

/** The ids among `ids` that are live storage objects of the workspace. */
export async function liveStorageObjects(db: Database, workspaceId: string, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .select({
      id: storageObjects.id,
      fileName: storageObjects.fileName,
      contentType: storageObjects.contentType,
    })
    .from(storageObjects)
    .where(
      and(
        eq(storageObjects.workspaceId, workspaceId),
        inArray(storageObjects.id, ids),
        isNull(storageObjects.deletedAt),
      ),
    );
}

/** Every post of the workspace for an export, oldest first, in pages. */
export function exportPostRows(db: Database, workspaceId: string, afterId: string | null, limit: number) {
  return db
    .select()
    .from(posts)
    .where(and(eq(posts.workspaceId, workspaceId), afterId ? sql`${posts.id} > ${afterId}` : undefined))
    .orderBy(posts.id)
    .limit(limit);
}
