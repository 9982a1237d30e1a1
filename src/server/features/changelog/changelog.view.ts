// EntryView: an entry with its repository's name, its pull requests and, once published, its public
// page. Lists load the pull requests and repository names of a whole page in two queries.
import type { AppDeps } from '../../app-context.ts';
import type { Database } from '../../platform/db.ts';
import {
  type EntryPullRequestRow,
  type EntryRow,
  pullRequestsOf,
  repositoryNames,
  workspaceSlugOf,
} from './changelog.queries.ts';
import type { EntryView } from './changelog.schemas.ts';

export function entryPublicUrl(publicBase: string, workspaceSlug: string, entrySlug: string): string {
  return `${publicBase}/changelog/${encodeURIComponent(workspaceSlug)}/entries/${encodeURIComponent(entrySlug)}`;
}

function presentEntry(
  row: EntryRow,
  pullRequests: EntryPullRequestRow[],
  repositoryFullName: string | null,
  publicUrl: string | null,
): EntryView {
  return {
    id: row.id,
    repositoryId: row.repositoryId,
    repositoryFullName,
    title: row.title,
    body: row.body,
    category: row.category,
    status: row.status,
    slug: row.slug,
    major: row.major,
    editedByUser: row.editedByUser,
    aiRewrittenAt: row.aiRewrittenAt?.toISOString() ?? null,
    scheduledAt: row.scheduledAt?.toISOString() ?? null,
    publishedAt: row.publishedAt?.toISOString() ?? null,
    publicUrl: row.status === 'published' ? publicUrl : null,
    pullRequests: pullRequests.map((pr) => ({
      number: pr.number,
      url: pr.url,
      title: pr.title,
      authorLogin: pr.authorLogin,
      labels: pr.labels,
      mergedAt: pr.mergedAt.toISOString(),
      breaking: pr.breaking,
    })),
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export async function presentEntries(
  deps: Pick<AppDeps, 'config'>,
  db: Database,
  workspaceId: string,
  rows: EntryRow[],
): Promise<EntryView[]> {
  if (rows.length === 0) return [];
  const [pullRequests, names, workspaceSlug] = await Promise.all([
    pullRequestsOf(
      db,
      rows.map((row) => row.id),
    ),
    repositoryNames(
      db,
      rows.flatMap((row) => (row.repositoryId ? [row.repositoryId] : [])),
    ),
    rows.some((row) => row.status === 'published') ? workspaceSlugOf(db, workspaceId) : null,
  ]);
  const byEntry = new Map<string, EntryPullRequestRow[]>();
  for (const pr of pullRequests) {
    if (!pr.entryId) continue;
    byEntry.set(pr.entryId, [...(byEntry.get(pr.entryId) ?? []), pr]);
  }
  return rows.map((row) =>
    presentEntry(
      row,
      byEntry.get(row.id) ?? [],
      row.repositoryId ? (names.get(row.repositoryId) ?? null) : null,
      workspaceSlug ? entryPublicUrl(deps.config.publicUrl, workspaceSlug, row.slug) : null,
    ),
  );
}

export async function presentOne(
  deps: Pick<AppDeps, 'config'>,
  db: Database,
  row: EntryRow,
): Promise<EntryView> {
  const [view] = await presentEntries(deps, db, row.workspaceId, [row]);
  if (!view) throw new Error('entry view missing');
  return view;
}
