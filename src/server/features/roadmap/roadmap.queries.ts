import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '../../platform/db.ts';
import { changelogEntries, changelogEntryPullRequests } from '../changelog/changelog.table.ts';
import { githubRepositories } from '../github/github.table.ts';
import { type RoadmapMapping, roadmapItems, roadmapRepositories } from './roadmap.table.ts';

export type RoadmapItemRow = typeof roadmapItems.$inferSelect;
export type NewRoadmapItemRow = typeof roadmapItems.$inferInsert;
export type RoadmapSettingsRow = typeof roadmapRepositories.$inferSelect;

export const defaultRoadmapMapping: RoadmapMapping = {
  labels: ['roadmap'],
  planned: 'planned',
  inProgress: 'in progress',
  completed: null,
  closeOnComplete: false,
};

export async function findSettings(db: Database, repositoryId: string): Promise<RoadmapSettingsRow | null> {
  const [row] = await db
    .select()
    .from(roadmapRepositories)
    .where(eq(roadmapRepositories.repositoryId, repositoryId));
  return row ?? null;
}

export function listWorkspaceSettings(db: Database, workspaceId: string) {
  return db
    .select({ settings: roadmapRepositories, repository: githubRepositories })
    .from(githubRepositories)
    .leftJoin(roadmapRepositories, eq(roadmapRepositories.repositoryId, githubRepositories.id))
    .where(eq(githubRepositories.workspaceId, workspaceId))
    .orderBy(asc(githubRepositories.createdAt), asc(githubRepositories.id));
}

export async function findItem(
  db: Database,
  repositoryId: string,
  issueNumber: number,
  options: { lock?: boolean } = {},
): Promise<RoadmapItemRow | null> {
  const query = db
    .select()
    .from(roadmapItems)
    .where(and(eq(roadmapItems.repositoryId, repositoryId), eq(roadmapItems.issueNumber, issueNumber)));
  const [row] = options.lock ? await query.for('update') : await query;
  return row ?? null;
}

export async function findItemById(
  db: Database,
  id: string,
  options: { lock?: boolean } = {},
): Promise<RoadmapItemRow | null> {
  const query = db.select().from(roadmapItems).where(eq(roadmapItems.id, id));
  const [row] = options.lock ? await query.for('update') : await query;
  return row ?? null;
}

export async function findWorkspaceItem(db: Database, workspaceId: string, id: string) {
  const [row] = await db
    .select()
    .from(roadmapItems)
    .where(and(eq(roadmapItems.workspaceId, workspaceId), eq(roadmapItems.id, id)));
  return row ?? null;
}

export async function updateItem(
  db: Database,
  id: string,
  values: Partial<NewRoadmapItemRow>,
): Promise<RoadmapItemRow | null> {
  const [row] = await db
    .update(roadmapItems)
    .set({ ...values, updatedAt: values.updatedAt ?? new Date() })
    .where(eq(roadmapItems.id, id))
    .returning();
  return row ?? null;
}

/** Inserts the item unless (repository, issue) exists; null when another writer got there first. */
export async function insertItem(db: Database, values: NewRoadmapItemRow): Promise<RoadmapItemRow | null> {
  const [row] = await db
    .insert(roadmapItems)
    .values(values)
    .onConflictDoNothing({ target: [roadmapItems.repositoryId, roadmapItems.issueNumber] })
    .returning();
  return row ?? null;
}

/** Tracked items of a workspace, optionally only those of repositories whose roadmap is enabled. */
export function listWorkspaceItems(db: Database, workspaceId: string) {
  return db
    .select({ item: roadmapItems, fullName: githubRepositories.fullName })
    .from(roadmapItems)
    .innerJoin(githubRepositories, eq(githubRepositories.id, roadmapItems.repositoryId))
    .innerJoin(roadmapRepositories, eq(roadmapRepositories.repositoryId, roadmapItems.repositoryId))
    .where(
      and(
        eq(roadmapItems.workspaceId, workspaceId),
        eq(roadmapItems.tracked, true),
        eq(roadmapRepositories.enabled, true),
      ),
    )
    .orderBy(asc(roadmapItems.createdAt), asc(roadmapItems.id))
    .limit(1000);
}

/** The pull request row (and its entry) of a merged PR. */
export async function findPullRequestRow(db: Database, repositoryId: string, number: number) {
  const [row] = await db
    .select({ number: changelogEntryPullRequests.number, entryId: changelogEntryPullRequests.entryId })
    .from(changelogEntryPullRequests)
    .where(
      and(
        eq(changelogEntryPullRequests.repositoryId, repositoryId),
        eq(changelogEntryPullRequests.number, number),
      ),
    );
  return row ?? null;
}

/** Merged PRs of the repository whose body mentions `#number`, newest merge first (the caller checks the keyword). */
export function pullRequestsMentioning(db: Database, repositoryId: string, number: number) {
  return db
    .select({
      number: changelogEntryPullRequests.number,
      entryId: changelogEntryPullRequests.entryId,
      body: changelogEntryPullRequests.body,
    })
    .from(changelogEntryPullRequests)
    .where(
      and(
        eq(changelogEntryPullRequests.repositoryId, repositoryId),
        sql`${changelogEntryPullRequests.body} like ${`%#${number}%`}`,
      ),
    )
    .orderBy(sql`${changelogEntryPullRequests.mergedAt} desc`)
    .limit(20);
}

export async function entryStatusOf(db: Database, entryId: string) {
  const [row] = await db
    .select({
      id: changelogEntries.id,
      workspaceId: changelogEntries.workspaceId,
      status: changelogEntries.status,
      title: changelogEntries.title,
      slug: changelogEntries.slug,
    })
    .from(changelogEntries)
    .where(eq(changelogEntries.id, entryId));
  return row ?? null;
}

export function itemsOfEntry(db: Database, entryId: string) {
  return db.select().from(roadmapItems).where(eq(roadmapItems.entryId, entryId));
}

export function entriesByIds(db: Database, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .select({
      id: changelogEntries.id,
      slug: changelogEntries.slug,
      status: changelogEntries.status,
      title: changelogEntries.title,
    })
    .from(changelogEntries)
    .where(inArray(changelogEntries.id, ids));
}

/** What the public roadmap shows: tracked items of enabled repositories, with their entry when published. */
export function listPublicItems(db: Database, workspaceId: string) {
  return db
    .select({
      id: roadmapItems.id,
      title: roadmapItems.title,
      status: roadmapItems.status,
      url: roadmapItems.url,
      entrySlug: changelogEntries.slug,
      entryStatus: changelogEntries.status,
    })
    .from(roadmapItems)
    .innerJoin(roadmapRepositories, eq(roadmapRepositories.repositoryId, roadmapItems.repositoryId))
    .leftJoin(changelogEntries, eq(changelogEntries.id, roadmapItems.entryId))
    .where(
      and(
        eq(roadmapItems.workspaceId, workspaceId),
        eq(roadmapItems.tracked, true),
        eq(roadmapRepositories.enabled, true),
      ),
    )
    .orderBy(asc(roadmapItems.createdAt), asc(roadmapItems.id))
    .limit(1000);
}
