// Backfill: past merged PRs become drafts through the same ingest as webhooks (so a PR already there is
// left as it is). Pages of closed PRs, most recently updated first, following Link rel="next"; stops at
// the count or once PRs were last updated before the range. GitHub's rate limit is waited out: the job
// sends itself again to start at the reset, carrying the page and counts, instead of failing.
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { AppDeps } from '../../app-context.ts';
import type { Database } from '../../platform/db.ts';
import type { JobContext } from '../../platform/queue.ts';
import { authOf, withGithubAuth } from './github.auth.ts';
import { closedPullsUrl, isGithubError, listPullsPage } from './github.client.ts';
import { ingestMergedPullRequest } from './github.ingest.ts';
import { githubPullRequestSchema, mergedPullRequestOf, updatedAtOf } from './github.payloads.ts';
import { findRepositoryById, type NewRepositoryRow, type RepositoryRow } from './github.queries.ts';
import type { BackfillRequest } from './github.schemas.ts';
import { githubRepositories } from './github.table.ts';

export const backfillJobName = 'github.backfill';
export const backfillRetryLimit = 5;

const storedRequestSchema = z.object({
  count: z.number().int().optional(),
  since: z.string().optional(),
  until: z.string().optional(),
});

export const backfillJobSchema = z.object({
  repositoryId: z.string().min(1),
  request: storedRequestSchema,
  /** The page to read next; null: the first page. */
  next: z.string().nullable().default(null),
  /** Merged PRs looked at so far (what `count` limits) and those that have an entry. */
  seen: z.number().int().min(0).default(0),
  imported: z.number().int().min(0).default(0),
});
export type BackfillJob = z.infer<typeof backfillJobSchema>;

/**
 * Marks the repository's backfill running and queues it, inside the caller's transaction (call
 * `deps.queue.ensureQueue(backfillJobName)` before opening it).
 */
export async function startBackfill(
  deps: Pick<AppDeps, 'queue' | 'clock'>,
  tx: Database,
  repositoryId: string,
  request: BackfillRequest,
): Promise<RepositoryRow | null> {
  const [row] = await tx
    .update(githubRepositories)
    .set({
      backfillStatus: 'running',
      backfillRequest: request,
      backfillImported: 0,
      backfillError: null,
      backfillFinishedAt: null,
      updatedAt: deps.clock.now(),
    })
    .where(eq(githubRepositories.id, repositoryId))
    .returning();
  if (!row) return null;
  await deps.queue.send(backfillJobName, { repositoryId, request } satisfies Partial<BackfillJob>, { tx });
  return row;
}

const sameRequest = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Writes progress only while this run is still the repository's running backfill. */
async function setProgress(deps: AppDeps, job: BackfillJob, values: Partial<NewRepositoryRow>) {
  const [row] = await deps.db
    .update(githubRepositories)
    .set({ ...values, updatedAt: deps.clock.now() })
    .where(and(eq(githubRepositories.id, job.repositoryId), eq(githubRepositories.backfillStatus, 'running')))
    .returning({ id: githubRepositories.id });
  return Boolean(row);
}

/** `[since, until)` in milliseconds; a date without a time covers that whole (UTC) day. */
function rangeOf(request: BackfillJob['request']) {
  const since = request.since ? Date.parse(request.since) : null;
  let until = request.until ? Date.parse(request.until) : null;
  if (until !== null && request.until && !request.until.includes('T')) until += 86_400_000;
  else if (until !== null) until += 1;
  return { since, until };
}

export async function runBackfill(deps: AppDeps, job: BackfillJob, context: JobContext): Promise<void> {
  const row = await findRepositoryById(deps.db, job.repositoryId);
  // A stale job (the repository is gone, or a newer backfill replaced this one) does nothing.
  if (row?.backfillStatus !== 'running' || !sameRequest(row.backfillRequest, job.request)) return;
  const { count } = job.request;
  const { since, until } = rangeOf(job.request);
  let url: string | null = job.next ?? closedPullsUrl(row.fullName);
  let { seen, imported } = job;
  try {
    while (url) {
      const pageUrl: string = url;
      const page = await withGithubAuth(deps, authOf(deps, row), (bearer) =>
        listPullsPage(deps, bearer, pageUrl),
      );
      let done = false;
      for (const raw of page.pulls) {
        const parsed = githubPullRequestSchema.safeParse(raw);
        if (!parsed.success) continue;
        // Sorted by last update: merging updates a PR, so once updates are older than the range,
        // every merge further down is too.
        const updatedAt = updatedAtOf(parsed.data);
        if (since !== null && updatedAt && updatedAt.getTime() < since) {
          done = true;
          break;
        }
        const pr = mergedPullRequestOf(parsed.data);
        if (!pr) continue;
        const mergedAt = pr.mergedAt.getTime();
        if ((since !== null && mergedAt < since) || (until !== null && mergedAt >= until)) continue;
        if (count !== undefined && seen >= count) {
          done = true;
          break;
        }
        seen += 1;
        const result = await deps.db.transaction((tx) => ingestMergedPullRequest(deps, tx, row, pr));
        if (result.outcome !== 'skipped') imported += 1;
      }
      if (count !== undefined && seen >= count) done = true;
      url = done ? null : page.next;
      if (!(await setProgress(deps, job, { backfillImported: imported }))) return;
    }
    await setProgress(deps, job, {
      backfillStatus: 'completed',
      backfillImported: imported,
      backfillError: null,
      backfillFinishedAt: deps.clock.now(),
    });
    deps.log.info({ repositoryId: row.id, imported, seen }, 'GitHub backfill completed');
  } catch (error) {
    await onBackfillError(deps, { ...job, next: url, seen, imported }, context, error);
  }
}

async function onBackfillError(deps: AppDeps, state: BackfillJob, context: JobContext, error: unknown) {
  if (isGithubError(error) && error.kind === 'rate_limited' && error.retryAt) {
    const waitSeconds = Math.max(1, Math.ceil((error.retryAt.getTime() - deps.clock.now().getTime()) / 1000));
    await setProgress(deps, state, { backfillImported: state.imported });
    await deps.queue.send(backfillJobName, state, { startAfter: waitSeconds });
    deps.log.info(
      { repositoryId: state.repositoryId, waitSeconds },
      'GitHub backfill waits for the rate limit',
    );
    return;
  }
  const isFinal =
    (isGithubError(error) && error.kind === 'rejected') || context.attempt >= backfillRetryLimit;
  if (!isFinal) throw error;
  await setProgress(deps, state, {
    backfillStatus: 'failed',
    backfillImported: state.imported,
    backfillError: (error as Error).message.slice(0, 500),
    backfillFinishedAt: deps.clock.now(),
  });
  deps.log.warn({ repositoryId: state.repositoryId, err: error }, 'GitHub backfill failed');
}
