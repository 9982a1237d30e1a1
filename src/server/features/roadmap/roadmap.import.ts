// Import on enable: every issue of the repository (GET /repos/{o}/{r}/issues?state=all, following
// Link rel="next") goes through the same applyIssue as deliveries, one transaction per issue, so an
// import running beside deliveries, or twice, changes nothing already there. GitHub's rate limit is
// waited out by sending the job again at the reset with the page it stopped at.
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { AppDeps } from '../../app-context.ts';
import type { Database } from '../../platform/db.ts';
import type { JobContext } from '../../platform/queue.ts';
import { authOf, withGithubAuth } from '../github/github.auth.ts';
import { isGithubError } from '../github/github.client.ts';
import { findRepositoryById } from '../github/github.queries.ts';
import { issuesUrl, listIssuesPage } from './roadmap.github.ts';
import { githubIssueSchema, issueInputOf } from './roadmap.payloads.ts';
import { findSettings } from './roadmap.queries.ts';
import { applyIssue } from './roadmap.sync.ts';
import { roadmapRepositories } from './roadmap.table.ts';

export const importJobName = 'roadmap.import';
export const importRetryLimit = 5;
export const importJobSchema = z.object({
  repositoryId: z.string().min(1),
  next: z.string().nullable().default(null),
  imported: z.number().int().min(0).default(0),
});
type ImportJob = z.infer<typeof importJobSchema>;

/** Marks the import running and queues it in `tx` (call ensureQueue(importJobName) before opening it). */
export async function startImport(
  deps: Pick<AppDeps, 'queue' | 'clock'>,
  tx: Database,
  repositoryId: string,
) {
  await tx
    .update(roadmapRepositories)
    .set({ importStatus: 'running', importedCount: 0, importError: null, updatedAt: deps.clock.now() })
    .where(eq(roadmapRepositories.repositoryId, repositoryId));
  await deps.queue.send(importJobName, { repositoryId }, { tx });
}

async function setImport(
  deps: AppDeps,
  repositoryId: string,
  values: Partial<typeof roadmapRepositories.$inferInsert>,
) {
  await deps.db
    .update(roadmapRepositories)
    .set({ ...values, updatedAt: deps.clock.now() })
    .where(eq(roadmapRepositories.repositoryId, repositoryId));
}

export async function runImport(deps: AppDeps, job: ImportJob, context: JobContext): Promise<void> {
  const repository = await findRepositoryById(deps.db, job.repositoryId);
  const settings = await findSettings(deps.db, job.repositoryId);
  if (!repository || !settings?.enabled) return;
  let url: string | null = job.next ?? issuesUrl(repository.fullName);
  let { imported } = job;
  try {
    while (url) {
      const pageUrl: string = url;
      const page = await withGithubAuth(deps, authOf(deps, repository), (bearer) =>
        listIssuesPage(deps, bearer, pageUrl),
      );
      for (const raw of page.issues) {
        const parsed = githubIssueSchema.safeParse(raw);
        if (!parsed.success || parsed.data.pull_request) continue;
        const issue = issueInputOf(parsed.data);
        // The mapping as it is now (it may have been edited since the job was sent).
        const outcome = await deps.db.transaction(async (tx) => {
          const current = await findSettings(tx, repository.id);
          if (!current?.enabled) return 'ignored';
          return applyIssue(deps, tx, repository, current.mapping, issue);
        });
        if (outcome === 'created' || outcome === 'updated' || outcome === 'unchanged') imported += 1;
      }
      url = page.next;
      await setImport(deps, repository.id, { importedCount: imported });
    }
    await setImport(deps, repository.id, {
      importStatus: 'completed',
      importedCount: imported,
      importError: null,
    });
    deps.log.info({ repositoryId: repository.id, imported }, 'roadmap import completed');
  } catch (error) {
    if (isGithubError(error) && error.kind === 'rate_limited' && error.retryAt) {
      const waitSeconds = Math.max(
        1,
        Math.ceil((error.retryAt.getTime() - deps.clock.now().getTime()) / 1000),
      );
      await deps.queue.send(
        importJobName,
        { repositoryId: repository.id, next: url, imported },
        { startAfter: waitSeconds },
      );
      return;
    }
    const isFinal =
      (isGithubError(error) && error.kind === 'rejected') || context.attempt >= importRetryLimit;
    if (!isFinal) throw error;
    await setImport(deps, repository.id, {
      importStatus: 'failed',
      importedCount: imported,
      importError: (error as Error).message.slice(0, 500),
    });
    deps.log.warn({ repositoryId: repository.id, err: error }, 'roadmap import failed');
  }
}
