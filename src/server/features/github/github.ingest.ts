// A merged pull request becomes one draft changelog entry, exactly once per (repository, number):
// the PR row is inserted with ON CONFLICT DO NOTHING on its unique index, so of any number of
// deliveries, redeliveries and backfill passes racing for the same PR, one inserts (and creates the
// entry) and the others wait for it, then find the row and only apply what changed.
import { and, count, eq, sql } from 'drizzle-orm';
import type { AppDeps } from '../../app-context.ts';
import type { Database } from '../../platform/db.ts';
import { type AuditContext, recordAudit, systemAudit } from '../audit/audit.service.ts';
import { uniqueEntrySlug } from '../changelog/changelog.slugs.ts';
import { changelogEntries, changelogEntryPullRequests } from '../changelog/changelog.table.ts';
import { type Categorization, categorizePullRequest } from './categorize.ts';
import type { PullRequestInput } from './github.payloads.ts';
import type { githubRepositories } from './github.table.ts';

type RepositoryRow = typeof githubRepositories.$inferSelect;
type PullRequestRow = typeof changelogEntryPullRequests.$inferSelect;
export type IngestDeps = Pick<AppDeps, 'authSecret' | 'clock'>;

export interface IngestResult {
  outcome: 'created' | 'updated' | 'unchanged' | 'skipped';
  entryId: string | null;
}

/** `Fix the feed` out of `fix(rss): fix the feed`; the PR number when nothing is left. */
export function entryTitleOf(pr: PullRequestInput, categorized: Categorization): string {
  const subject = categorized.subject.trim();
  if (!subject) return `Pull request #${pr.number}`;
  return subject.charAt(0).toUpperCase() + subject.slice(1);
}

async function createEntry(
  deps: IngestDeps,
  tx: Database,
  repository: RepositoryRow,
  pr: PullRequestInput,
  categorized: Categorization,
): Promise<string> {
  const title = entryTitleOf(pr, categorized);
  const now = deps.clock.now();
  const [entry] = await tx
    .insert(changelogEntries)
    .values({
      workspaceId: repository.workspaceId,
      repositoryId: repository.id,
      title,
      body: pr.body,
      category: categorized.category,
      slug: await uniqueEntrySlug(tx, repository.workspaceId, title, pr.number),
      createdAt: now,
      updatedAt: now,
    })
    .returning({ id: changelogEntries.id });
  if (!entry) throw new Error('entry not created');
  return entry.id;
}

function audit(
  deps: IngestDeps,
  tx: Database,
  action: string,
  entityId: string,
  row: PullRequestRow,
  extra = {},
) {
  const context: AuditContext = systemAudit(deps.authSecret);
  return recordAudit(tx, context, {
    action,
    entityType: action.startsWith('changelog_entry') ? 'changelog_entry' : 'github_pull_request',
    entityId,
    workspaceId: row.workspaceId,
    details: { source: 'github', repositoryId: row.repositoryId, pullRequest: row.number, ...extra },
  });
}

function prValues(pr: PullRequestInput, categorized: Categorization) {
  return {
    url: pr.url,
    title: pr.title,
    body: pr.body,
    authorLogin: pr.authorLogin,
    authorUrl: pr.authorUrl,
    labels: pr.labels,
    category: categorized.category,
    breaking: categorized.breaking,
    skipped: categorized.skipped,
    mergedAt: pr.mergedAt,
    githubUpdatedAt: pr.updatedAt,
  };
}

function sameAsStored(row: PullRequestRow, next: ReturnType<typeof prValues>): boolean {
  return (
    row.url === next.url &&
    row.title === next.title &&
    row.body === next.body &&
    row.authorLogin === next.authorLogin &&
    row.authorUrl === next.authorUrl &&
    JSON.stringify(row.labels) === JSON.stringify(next.labels) &&
    row.category === next.category &&
    row.breaking === next.breaking &&
    row.skipped === next.skipped &&
    row.mergedAt.getTime() === next.mergedAt.getTime() &&
    row.githubUpdatedAt?.getTime() === next.githubUpdatedAt?.getTime()
  );
}

/**
 * GitHub redelivers and does not order deliveries, and a backfill page can be older than a webhook
 * that came in meanwhile: a copy of the PR older than the stored one must not roll it back.
 */
function olderThanStored(row: PullRequestRow, next: ReturnType<typeof prValues>): boolean {
  return (
    row.githubUpdatedAt !== null &&
    next.githubUpdatedAt !== null &&
    next.githubUpdatedAt.getTime() < row.githubUpdatedAt.getTime()
  );
}

/**
 * Records a merged PR of `repository` and makes or refreshes its draft entry. Call it inside a
 * transaction (`tx`); it is idempotent. A PR with a skip label keeps a row marked `skipped` and no entry.
 */
export async function ingestMergedPullRequest(
  deps: IngestDeps,
  tx: Database,
  repository: RepositoryRow,
  pr: PullRequestInput,
): Promise<IngestResult> {
  const categorized = categorizePullRequest(pr, repository.categoryMapping);
  const values = prValues(pr, categorized);
  const now = deps.clock.now();
  const [inserted] = await tx
    .insert(changelogEntryPullRequests)
    .values({
      workspaceId: repository.workspaceId,
      repositoryId: repository.id,
      number: pr.number,
      ...values,
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoNothing({
      target: [changelogEntryPullRequests.repositoryId, changelogEntryPullRequests.number],
    })
    .returning();
  if (inserted) {
    if (categorized.skipped) {
      await audit(deps, tx, 'github.pull_request_skipped', inserted.id, inserted);
      return { outcome: 'skipped', entryId: null };
    }
    const entryId = await createEntry(deps, tx, repository, pr, categorized);
    await tx
      .update(changelogEntryPullRequests)
      .set({ entryId })
      .where(eq(changelogEntryPullRequests.id, inserted.id));
    await audit(deps, tx, 'changelog_entry.created', entryId, inserted, { category: categorized.category });
    return { outcome: 'created', entryId };
  }
  return refreshPullRequest(deps, tx, repository, pr, categorized);
}

/** The PR is known: store what changed and carry it to the draft while nobody has touched it. */
async function refreshPullRequest(
  deps: IngestDeps,
  tx: Database,
  repository: RepositoryRow,
  pr: PullRequestInput,
  categorized: Categorization,
): Promise<IngestResult> {
  const [row] = await tx
    .select()
    .from(changelogEntryPullRequests)
    .where(
      and(
        eq(changelogEntryPullRequests.repositoryId, repository.id),
        eq(changelogEntryPullRequests.number, pr.number),
      ),
    )
    .for('update');
  if (!row) throw new Error('pull request row vanished');
  const values = prValues(pr, categorized);
  if (sameAsStored(row, values) || olderThanStored(row, values)) {
    return { outcome: row.entryId ? 'unchanged' : 'skipped', entryId: row.entryId };
  }
  const now = deps.clock.now();
  await tx
    .update(changelogEntryPullRequests)
    .set({ ...values, updatedAt: now })
    .where(eq(changelogEntryPullRequests.id, row.id));
  if (!row.entryId) {
    // No entry: either the PR was skipped, or a person deleted its draft (which an edit on GitHub
    // must not bring back). Only a PR whose skip label came off gets its entry now.
    if (categorized.skipped || !row.skipped) {
      await audit(deps, tx, 'github.pull_request_updated', row.id, row);
      return { outcome: categorized.skipped ? 'skipped' : 'unchanged', entryId: null };
    }
    const entryId = await createEntry(deps, tx, repository, pr, categorized);
    await tx
      .update(changelogEntryPullRequests)
      .set({ entryId })
      .where(eq(changelogEntryPullRequests.id, row.id));
    await audit(deps, tx, 'changelog_entry.created', entryId, row, { category: categorized.category });
    return { outcome: 'created', entryId };
  }
  const [entry] = await tx
    .select()
    .from(changelogEntries)
    .where(eq(changelogEntries.id, row.entryId))
    .for('update');
  const [siblings] = await tx
    .select({ n: count() })
    .from(changelogEntryPullRequests)
    .where(eq(changelogEntryPullRequests.entryId, row.entryId));
  // Only a draft made from this PR alone and never edited by a person follows the PR; a grouped,
  // edited, scheduled or published entry is the team's text now.
  const untouched = entry && entry.status === 'draft' && !entry.editedByUser && (siblings?.n ?? 0) <= 1;
  if (!entry || !untouched) {
    await audit(deps, tx, 'github.pull_request_updated', row.id, row);
    return { outcome: 'unchanged', entryId: row.entryId };
  }
  if (categorized.skipped) {
    await tx.delete(changelogEntries).where(eq(changelogEntries.id, entry.id));
    await audit(deps, tx, 'changelog_entry.deleted', entry.id, row, { reason: 'skip_label' });
    return { outcome: 'skipped', entryId: null };
  }
  await tx
    .update(changelogEntries)
    .set({
      title: entryTitleOf(pr, categorized),
      body: pr.body,
      category: categorized.category,
      version: sql`${changelogEntries.version} + 1`,
      updatedAt: now,
    })
    .where(eq(changelogEntries.id, entry.id));
  await audit(deps, tx, 'changelog_entry.updated', entry.id, row, { category: categorized.category });
  return { outcome: 'updated', entryId: entry.id };
}
