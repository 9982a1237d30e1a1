import { and, desc, eq, inArray, lte, sql } from 'drizzle-orm';
import type { Database } from '../../platform/db.ts';
import { type Cursor, olderThan } from '../../platform/pagination.ts';
import { changelogEntries, changelogEntryPullRequests } from '../changelog/changelog.table.ts';
import { githubRepositories } from '../github/github.table.ts';
import { upvotes } from '../upvotes/upvotes.table.ts';
import { workspaces } from '../workspaces/workspaces.table.ts';

export interface PublicWorkspaceRow {
  id: string;
  name: string;
  slug: string;
  /** Changes whenever anything a public surface shows may have changed (see publicVersionSql). */
  version: string;
}

// What the public pages show comes from the workspace (name), its entries and its repositories (names,
// slugs). Every entry edit, publish or unpublish bumps the entry's `version` and `updated_at`; deleting
// one changes the count; an entry whose publishedAt passes changes the visible count. The repositories'
// part catches connects, renames and disconnects. Pull request rows are not read: the pages show only
// their number, link and author, which do not change once merged. Upvotes (count and latest) change the
// vote counts the pages show.
// Drizzle prints a selected column unqualified ("id"), which inside the subqueries would mean the
// entry's own id: the outer workspace's id is named in full.
const outerWorkspaceId = sql`${sql.identifier('workspaces')}.${sql.identifier('id')}`;
const publicVersionSql = (now: Date) => sql<string>`concat_ws('|',
  ${workspaces.updatedAt}::text, ${workspaces.name},
  (select concat_ws(':', count(*), sum(e.version), max(e.updated_at)::text,
     count(*) filter (where e.status = 'published' and e.published_at <= ${now.toISOString()}::timestamptz))
   from ${changelogEntries} e where e.workspace_id = ${outerWorkspaceId}),
  (select concat_ws(':', count(*), max(r.updated_at)::text)
   from ${githubRepositories} r where r.workspace_id = ${outerWorkspaceId}),
  (select concat_ws(':', count(*), max(u.created_at)::text)
   from ${upvotes} u where u.workspace_id = ${outerWorkspaceId}))`;

export async function findPublicWorkspace(
  db: Database,
  by: { slug: string } | { id: string },
  now: Date,
): Promise<PublicWorkspaceRow | undefined> {
  const [row] = await db
    .select({
      id: workspaces.id,
      name: workspaces.name,
      slug: workspaces.slug,
      version: publicVersionSql(now),
    })
    .from(workspaces)
    .where('slug' in by ? eq(workspaces.slug, by.slug) : eq(workspaces.id, by.id));
  return row;
}

export async function findRepositoryBySlug(db: Database, workspaceId: string, slug: string) {
  const [row] = await db
    .select({
      id: githubRepositories.id,
      fullName: githubRepositories.fullName,
      slug: githubRepositories.slug,
    })
    .from(githubRepositories)
    .where(and(eq(githubRepositories.workspaceId, workspaceId), eq(githubRepositories.slug, slug)));
  return row;
}

const entryColumns = {
  id: changelogEntries.id,
  slug: changelogEntries.slug,
  title: changelogEntries.title,
  body: changelogEntries.body,
  category: changelogEntries.category,
  major: changelogEntries.major,
  publishedAt: changelogEntries.publishedAt,
  updatedAt: changelogEntries.updatedAt,
  repositoryFullName: githubRepositories.fullName,
  repositorySlug: githubRepositories.slug,
};

export interface PublishedEntryRow {
  id: string;
  slug: string;
  title: string;
  body: string;
  category: string;
  major: boolean;
  publishedAt: Date;
  updatedAt: Date;
  repositoryFullName: string | null;
  repositorySlug: string | null;
}

// Only `published` entries whose time has come; a scheduled entry stays invisible until its job runs.
const isVisible = (workspaceId: string, now: Date) =>
  and(
    eq(changelogEntries.workspaceId, workspaceId),
    eq(changelogEntries.status, 'published'),
    lte(changelogEntries.publishedAt, now),
  );

/** Newest first by (published_at, id); `limit + 1` rows so the caller knows whether more follow. */
export async function listPublishedEntries(
  db: Database,
  input: { workspaceId: string; repositoryId?: string; now: Date; cursor?: Cursor; limit: number },
): Promise<PublishedEntryRow[]> {
  const rows = await db
    .select(entryColumns)
    .from(changelogEntries)
    .leftJoin(githubRepositories, eq(githubRepositories.id, changelogEntries.repositoryId))
    .where(
      and(
        isVisible(input.workspaceId, input.now),
        input.repositoryId ? eq(changelogEntries.repositoryId, input.repositoryId) : undefined,
        olderThan(input.cursor, changelogEntries.publishedAt, changelogEntries.id),
      ),
    )
    .orderBy(desc(changelogEntries.publishedAt), desc(changelogEntries.id))
    .limit(input.limit + 1);
  return rows as PublishedEntryRow[];
}

export async function findPublishedEntry(
  db: Database,
  workspaceId: string,
  slug: string,
  now: Date,
): Promise<PublishedEntryRow | undefined> {
  const [row] = await db
    .select(entryColumns)
    .from(changelogEntries)
    .leftJoin(githubRepositories, eq(githubRepositories.id, changelogEntries.repositoryId))
    .where(and(isVisible(workspaceId, now), eq(changelogEntries.slug, slug)));
  return row as PublishedEntryRow | undefined;
}

export async function pullRequestsOfEntries(db: Database, entryIds: string[]) {
  if (entryIds.length === 0) return [];
  return db
    .select({
      entryId: changelogEntryPullRequests.entryId,
      number: changelogEntryPullRequests.number,
      url: changelogEntryPullRequests.url,
      authorLogin: changelogEntryPullRequests.authorLogin,
    })
    .from(changelogEntryPullRequests)
    .where(inArray(changelogEntryPullRequests.entryId, entryIds))
    .orderBy(changelogEntryPullRequests.number);
}
