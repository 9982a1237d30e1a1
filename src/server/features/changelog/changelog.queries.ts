import { and, asc, desc, eq, gte, ilike, inArray, ne, or, type SQL, sql } from 'drizzle-orm';
import type { Database } from '../../platform/db.ts';
import { type Cursor, olderThan } from '../../platform/pagination.ts';
import { type ChangelogCategory, githubRepositories } from '../github/github.table.ts';
import { posts } from '../posts/posts.table.ts';
import { workspaces } from '../workspaces/workspaces.table.ts';
import { changelogEntries, changelogEntryPullRequests, type EntryStatus } from './changelog.table.ts';

export type EntryRow = typeof changelogEntries.$inferSelect;
export type NewEntry = typeof changelogEntries.$inferInsert;
export type EntryPatch = Partial<Omit<NewEntry, 'id' | 'workspaceId' | 'version' | 'createdAt'>>;
export type EntryPullRequestRow = typeof changelogEntryPullRequests.$inferSelect;

export async function findEntry(db: Database, workspaceId: string, entryId: string) {
  const [row] = await db
    .select()
    .from(changelogEntries)
    .where(and(eq(changelogEntries.id, entryId), eq(changelogEntries.workspaceId, workspaceId)));
  return row;
}

/** For jobs, which carry only the entry id. */
export async function findEntryById(db: Database, entryId: string) {
  const [row] = await db.select().from(changelogEntries).where(eq(changelogEntries.id, entryId));
  return row;
}

export function findEntries(db: Database, workspaceId: string, entryIds: string[]) {
  return db
    .select()
    .from(changelogEntries)
    .where(and(eq(changelogEntries.workspaceId, workspaceId), inArray(changelogEntries.id, entryIds)));
}

export interface EntryFilters {
  status?: EntryStatus;
  category?: ChangelogCategory;
  repositoryId?: string;
  q?: string;
}

const escapeLike = (value: string) => value.replace(/[\\%_]/g, (ch) => `\\${ch}`);

function filtersSql(workspaceId: string, filters: EntryFilters): SQL | undefined {
  const pattern = filters.q ? `%${escapeLike(filters.q)}%` : undefined;
  return and(
    eq(changelogEntries.workspaceId, workspaceId),
    filters.status ? eq(changelogEntries.status, filters.status) : undefined,
    filters.category ? eq(changelogEntries.category, filters.category) : undefined,
    filters.repositoryId ? eq(changelogEntries.repositoryId, filters.repositoryId) : undefined,
    pattern ? or(ilike(changelogEntries.title, pattern), ilike(changelogEntries.body, pattern)) : undefined,
  );
}

/** Newest first, one row more than `limit` so the caller knows whether there is a next page. */
export function listEntryRows(
  db: Database,
  workspaceId: string,
  filters: EntryFilters,
  page: { cursor?: Cursor; limit: number },
) {
  return db
    .select()
    .from(changelogEntries)
    .where(
      and(
        filtersSql(workspaceId, filters),
        olderThan(page.cursor, changelogEntries.createdAt, changelogEntries.id),
      ),
    )
    .orderBy(desc(changelogEntries.createdAt), desc(changelogEntries.id))
    .limit(page.limit + 1);
}

/** Undefined when the slug was taken meanwhile (the unique index): the caller picks another. */
export async function insertEntry(db: Database, values: NewEntry) {
  const [row] = await db.insert(changelogEntries).values(values).onConflictDoNothing().returning();
  return row;
}

/**
 * Applies `patch` and bumps the version, only while the entry is still at `expectedVersion` (and, with
 * `status`, in that status). Undefined when it changed: of two writers, exactly one wins.
 */
export async function updateEntryIfVersion(
  db: Database,
  entryId: string,
  expectedVersion: number,
  patch: EntryPatch,
  status?: EntryStatus,
) {
  const [row] = await db
    .update(changelogEntries)
    .set({ ...patch, version: sql`${changelogEntries.version} + 1` })
    .where(
      and(
        eq(changelogEntries.id, entryId),
        eq(changelogEntries.version, expectedVersion),
        status ? eq(changelogEntries.status, status) : undefined,
      ),
    )
    .returning();
  return row;
}

/** Deletes entries that are still unpublished at the versions read; returns the ids deleted. */
export async function deleteUnpublishedEntries(
  db: Database,
  workspaceId: string,
  entries: Array<{ id: string; version: number }>,
) {
  if (entries.length === 0) return [];
  const matches = entries.map((entry) =>
    and(eq(changelogEntries.id, entry.id), eq(changelogEntries.version, entry.version)),
  );
  return db
    .delete(changelogEntries)
    .where(
      and(
        eq(changelogEntries.workspaceId, workspaceId),
        ne(changelogEntries.status, 'published'),
        or(...matches),
      ),
    )
    .returning({ id: changelogEntries.id });
}

/** The pull requests of these entries, oldest merge first. */
export function pullRequestsOf(db: Database, entryIds: string[]) {
  if (entryIds.length === 0) return Promise.resolve([] as EntryPullRequestRow[]);
  return db
    .select()
    .from(changelogEntryPullRequests)
    .where(inArray(changelogEntryPullRequests.entryId, entryIds))
    .orderBy(asc(changelogEntryPullRequests.mergedAt), asc(changelogEntryPullRequests.number));
}

export async function movePullRequests(db: Database, fromEntryIds: string[], toEntryId: string, now: Date) {
  if (fromEntryIds.length === 0) return;
  await db
    .update(changelogEntryPullRequests)
    .set({ entryId: toEntryId, updatedAt: now })
    .where(inArray(changelogEntryPullRequests.entryId, fromEntryIds));
}

export async function repositoryNames(db: Database, repositoryIds: string[]) {
  const ids = [...new Set(repositoryIds)];
  if (ids.length === 0) return new Map<string, string>();
  const rows = await db
    .select({ id: githubRepositories.id, fullName: githubRepositories.fullName })
    .from(githubRepositories)
    .where(inArray(githubRepositories.id, ids));
  return new Map(rows.map((row) => [row.id, row.fullName]));
}

/** Whether posts from this entry were saved at or after `since` (the social-posts job's retry guard). */
export async function postsFromEntrySince(db: Database, entryId: string, since: Date) {
  const [row] = await db
    .select({ id: posts.id })
    .from(posts)
    .where(
      and(eq(posts.originType, 'changelog_entry'), eq(posts.originId, entryId), gte(posts.createdAt, since)),
    )
    .limit(1);
  return Boolean(row);
}

export async function repositoryInWorkspace(db: Database, workspaceId: string, repositoryId: string) {
  const [row] = await db
    .select({ id: githubRepositories.id })
    .from(githubRepositories)
    .where(and(eq(githubRepositories.id, repositoryId), eq(githubRepositories.workspaceId, workspaceId)));
  return Boolean(row);
}

export async function workspaceSlugOf(db: Database, workspaceId: string) {
  const [row] = await db
    .select({ slug: workspaces.slug })
    .from(workspaces)
    .where(eq(workspaces.id, workspaceId));
  return row?.slug ?? null;
}
