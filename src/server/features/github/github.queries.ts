import { and, asc, count, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '../../platform/db.ts';
import { changelogEntries } from '../changelog/changelog.table.ts';
import { workspaces } from '../workspaces/workspaces.table.ts';
import { githubRepositories } from './github.table.ts';

export type RepositoryRow = typeof githubRepositories.$inferSelect;
export type NewRepositoryRow = typeof githubRepositories.$inferInsert;

export async function findRepositoryById(db: Database, id: string): Promise<RepositoryRow | null> {
  const [row] = await db.select().from(githubRepositories).where(eq(githubRepositories.id, id));
  return row ?? null;
}

export async function findWorkspaceRepository(
  db: Database,
  workspaceId: string,
  id: string,
): Promise<RepositoryRow | null> {
  const [row] = await db
    .select()
    .from(githubRepositories)
    .where(and(eq(githubRepositories.workspaceId, workspaceId), eq(githubRepositories.id, id)));
  return row ?? null;
}

export function listWorkspaceRepositories(db: Database, workspaceId: string): Promise<RepositoryRow[]> {
  return db
    .select()
    .from(githubRepositories)
    .where(eq(githubRepositories.workspaceId, workspaceId))
    .orderBy(asc(githubRepositories.createdAt), asc(githubRepositories.id));
}

export async function countWorkspaceRepositories(db: Database, workspaceId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(githubRepositories)
    .where(eq(githubRepositories.workspaceId, workspaceId));
  return row?.n ?? 0;
}

export async function findRepositoryByName(
  db: Database,
  workspaceId: string,
  fullName: string,
): Promise<RepositoryRow | null> {
  const [row] = await db
    .select()
    .from(githubRepositories)
    .where(
      and(
        eq(githubRepositories.workspaceId, workspaceId),
        sql`lower(${githubRepositories.fullName}) = ${fullName.toLowerCase()}`,
      ),
    );
  return row ?? null;
}

export async function repositorySlugsOf(db: Database, workspaceId: string): Promise<Set<string>> {
  const rows = await db
    .select({ slug: githubRepositories.slug })
    .from(githubRepositories)
    .where(eq(githubRepositories.workspaceId, workspaceId));
  return new Set(rows.map((row) => row.slug));
}

/** Connecting is serialized per workspace, so the plan's repository limit holds under concurrency. */
export async function lockWorkspaceRepositories(tx: Database, workspaceId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`github_repositories:${workspaceId}`}))`);
}

export async function entryCountsOf(db: Database, repositoryIds: string[]): Promise<Map<string, number>> {
  if (repositoryIds.length === 0) return new Map();
  const rows = await db
    .select({ repositoryId: changelogEntries.repositoryId, n: count() })
    .from(changelogEntries)
    .where(inArray(changelogEntries.repositoryId, repositoryIds))
    .groupBy(changelogEntries.repositoryId);
  return new Map(rows.map((row) => [row.repositoryId ?? '', row.n]));
}

export async function workspaceSlugOf(db: Database, workspaceId: string): Promise<string> {
  const [row] = await db
    .select({ slug: workspaces.slug })
    .from(workspaces)
    .where(eq(workspaces.id, workspaceId));
  return row?.slug ?? workspaceId;
}

export async function updateRepositoryRow(
  db: Database,
  id: string,
  values: Partial<NewRepositoryRow>,
): Promise<RepositoryRow | null> {
  const [row] = await db
    .update(githubRepositories)
    .set({ ...values, updatedAt: values.updatedAt ?? new Date() })
    .where(eq(githubRepositories.id, id))
    .returning();
  return row ?? null;
}
