// Connecting a repository: GitHub is asked first (with the token, or an installation token the App
// mints), so a refusal leaves nothing behind; then, in one transaction under a per-workspace lock,
// the plan's limit and duplicates are checked again, the row (token and webhook secret encrypted) and
// its audit entry are written, and the backfill is queued when asked for.
import type { AppDeps } from '../../app-context.ts';
import { encryptSecret } from '../../platform/crypto.ts';
import type { Database } from '../../platform/db.ts';
import { isUniqueViolation } from '../../platform/db-errors.ts';
import { AppError } from '../../platform/errors.ts';
import { type AuditContext, recordAudit } from '../audit/audit.service.ts';
import { getWorkspacePlan, limitOf } from '../plans/plans.service.ts';
import type { WorkspaceAccess } from '../workspaces/workspace-access.ts';
import { defaultCategoryMapping } from './categorize.ts';
import { assertAppConfigured, type RepositoryAuth, withGithubAuth } from './github.auth.ts';
import { backfillJobName, startBackfill } from './github.backfill.ts';
import { type GithubRepository, getRepository, isGithubError } from './github.client.ts';
import {
  countWorkspaceRepositories,
  findRepositoryByName,
  lockWorkspaceRepositories,
  repositorySlugsOf,
} from './github.queries.ts';
import type { ConnectRepositoryInput } from './github.schemas.ts';
import { githubRepositories } from './github.table.ts';
import { newWebhookSecret, presentRepository, webhookSetup } from './github.view.ts';

export type RepositoryDeps = Pick<
  AppDeps,
  'db' | 'config' | 'clock' | 'queue' | 'encryptionKey' | 'decryptionKeys'
>;

/** Checks the credentials reach the repository; GitHub's refusal becomes a 422 with its message. */
export async function verifyAccess(
  deps: RepositoryDeps,
  auth: RepositoryAuth,
  fullName: string,
): Promise<GithubRepository> {
  try {
    return await withGithubAuth(deps, auth, (bearer) => getRepository(deps, bearer, fullName));
  } catch (error) {
    if (!isGithubError(error)) throw error;
    const why =
      error.kind === 'rate_limited' ? 'is rate limiting Herald; try again later' : `said: ${error.message}`;
    const message =
      error.kind === 'unavailable' && error.status === null
        ? `${error.message}; check GITHUB_API_URL or try again later`
        : `GitHub ${why}`;
    throw new AppError('github_rejected', `Could not read ${fullName} on GitHub. ${message}`, {
      status: error.status,
    });
  }
}

/** The plan's `connected_repos` limit counts what the workspace has connected now (a gauge, like storage). */
async function assertRepositoryLimit(db: Database, workspaceId: string) {
  const plan = await getWorkspacePlan(db, workspaceId);
  const limit = limitOf(plan, 'connected_repos');
  if (limit === null || typeof plan.overagePrices.connected_repos === 'number') return;
  const used = await countWorkspaceRepositories(db, workspaceId);
  if (used >= limit) {
    throw new AppError(
      'quota_exceeded',
      `Your plan connects at most ${limit} ${limit === 1 ? 'repository' : 'repositories'} (${used} connected); disconnect one or upgrade`,
      { unit: 'connected_repos', used, limit },
    );
  }
}

const alreadyConnected = (fullName: string) =>
  new AppError('conflict', `${fullName} is already connected to this workspace`);

/** The repository's lower-case name; with the owner when taken; then numbered. */
function chooseSlug(fullName: string, taken: Set<string>): string {
  const [owner = '', name = ''] = fullName.toLowerCase().split('/');
  for (const candidate of [name, `${name}-${owner}`]) if (!taken.has(candidate)) return candidate;
  for (let n = 2; ; n++) if (!taken.has(`${name}-${owner}-${n}`)) return `${name}-${owner}-${n}`;
}

export async function connectRepository(
  deps: RepositoryDeps,
  audit: AuditContext,
  access: WorkspaceAccess,
  userId: string | null,
  input: ConnectRepositoryInput,
) {
  const auth: RepositoryAuth =
    input.auth.type === 'token'
      ? { type: 'token', token: input.auth.token }
      : { type: 'app', installationId: String(input.auth.installationId) };
  if (auth.type === 'app') assertAppConfigured(deps.config);
  // Cheap refusals first, so GitHub is not asked for nothing; both are checked again below.
  await assertRepositoryLimit(deps.db, access.workspaceId);
  if (await findRepositoryByName(deps.db, access.workspaceId, input.fullName)) {
    throw alreadyConnected(input.fullName);
  }
  const remote = await verifyAccess(deps, auth, input.fullName);
  const webhook = newWebhookSecret(deps);
  if (input.backfill) await deps.queue.ensureQueue(backfillJobName);
  const row = await deps.db
    .transaction(async (tx) => {
      await lockWorkspaceRepositories(tx, access.workspaceId);
      await assertRepositoryLimit(tx, access.workspaceId);
      if (await findRepositoryByName(tx, access.workspaceId, remote.fullName))
        throw alreadyConnected(remote.fullName);
      const now = deps.clock.now();
      const [inserted] = await tx
        .insert(githubRepositories)
        .values({
          workspaceId: access.workspaceId,
          fullName: remote.fullName,
          githubId: remote.id,
          slug: chooseSlug(remote.fullName, await repositorySlugsOf(tx, access.workspaceId)),
          authType: auth.type,
          tokenEncrypted: auth.type === 'token' ? encryptSecret(deps.encryptionKey, auth.token) : null,
          installationId: auth.type === 'app' ? auth.installationId : null,
          webhookSecretEncrypted: webhook.encrypted,
          categoryMapping: input.categoryMapping ?? defaultCategoryMapping,
          createdBy: userId,
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      if (!inserted) throw new Error('repository not inserted');
      await recordAudit(tx, audit, {
        action: 'github_repository.connected',
        entityType: 'github_repository',
        entityId: inserted.id,
        workspaceId: access.workspaceId,
        details: { fullName: inserted.fullName, authType: auth.type, backfill: input.backfill ?? null },
      });
      if (!input.backfill) return inserted;
      return (await startBackfill(deps, tx, inserted.id, input.backfill)) ?? inserted;
    })
    .catch((error: unknown) => {
      if (isUniqueViolation(error)) throw alreadyConnected(remote.fullName);
      throw error;
    });
  return {
    repository: await presentRepository(deps, deps.db, row),
    webhook: webhookSetup(deps, row.id, webhook.secret),
  };
}
