// Repositories after connecting (github.connect.ts): list, change the category mapping or token,
// disconnect, backfill, rotate the webhook secret. A new token is checked with GitHub before it is
// stored (encrypted); every change is audited in its transaction.
import { and, eq } from 'drizzle-orm';
import { encryptSecret } from '../../platform/crypto.ts';
import type { Database } from '../../platform/db.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { type AuditContext, recordAudit } from '../audit/audit.service.ts';
import type { WorkspaceAccess } from '../workspaces/workspace-access.ts';
import { backfillJobName, startBackfill } from './github.backfill.ts';
import { type RepositoryDeps, verifyAccess } from './github.connect.ts';
import { findWorkspaceRepository, listWorkspaceRepositories, updateRepositoryRow } from './github.queries.ts';
import type { BackfillRequest } from './github.schemas.ts';
import { type CategoryMapping, githubRepositories } from './github.table.ts';
import { newWebhookSecret, presentRepositories, presentRepository, webhookSetup } from './github.view.ts';

export { connectRepository } from './github.connect.ts';
export type { RepositoryDeps };

// A backfill marked running that has not moved for this long lost its job: another may start.
const staleBackfillMs = 2 * 3600_000;

export async function listRepositories(deps: RepositoryDeps, access: WorkspaceAccess) {
  return presentRepositories(deps, deps.db, await listWorkspaceRepositories(deps.db, access.workspaceId));
}

async function repositoryOf(db: Database, access: WorkspaceAccess, repositoryId: string) {
  const row = await findWorkspaceRepository(db, access.workspaceId, repositoryId);
  if (!row) throw notFound('Repository');
  return row;
}

export async function getRepositoryView(deps: RepositoryDeps, access: WorkspaceAccess, repositoryId: string) {
  return presentRepository(deps, deps.db, await repositoryOf(deps.db, access, repositoryId));
}

export async function updateRepository(
  deps: RepositoryDeps,
  audit: AuditContext,
  access: WorkspaceAccess,
  repositoryId: string,
  input: { categoryMapping?: CategoryMapping; token?: string },
) {
  const current = await repositoryOf(deps.db, access, repositoryId);
  if (input.token !== undefined) {
    if (current.authType !== 'token') {
      const message = 'This repository connects through a GitHub App installation, not a token';
      throw new AppError('validation_failed', message, [{ path: 'token', message }]);
    }
    await verifyAccess(deps, { type: 'token', token: input.token }, current.fullName);
  }
  const row = await deps.db.transaction(async (tx) => {
    const updated = await updateRepositoryRow(tx, current.id, {
      ...(input.categoryMapping ? { categoryMapping: input.categoryMapping } : {}),
      ...(input.token ? { tokenEncrypted: encryptSecret(deps.encryptionKey, input.token) } : {}),
      updatedAt: deps.clock.now(),
    });
    if (!updated) throw notFound('Repository');
    await recordAudit(tx, audit, {
      action: 'github_repository.updated',
      entityType: 'github_repository',
      entityId: updated.id,
      workspaceId: access.workspaceId,
      details: {
        changed: Object.keys(input).filter((key) => input[key as keyof typeof input] !== undefined),
      },
    });
    return updated;
  });
  return presentRepository(deps, deps.db, row);
}

export async function disconnectRepository(
  deps: RepositoryDeps,
  audit: AuditContext,
  access: WorkspaceAccess,
  repositoryId: string,
) {
  await deps.db.transaction(async (tx) => {
    const [row] = await tx
      .delete(githubRepositories)
      .where(
        and(eq(githubRepositories.id, repositoryId), eq(githubRepositories.workspaceId, access.workspaceId)),
      )
      .returning();
    if (!row) throw notFound('Repository');
    await recordAudit(tx, audit, {
      action: 'github_repository.disconnected',
      entityType: 'github_repository',
      entityId: row.id,
      workspaceId: access.workspaceId,
      details: { fullName: row.fullName },
    });
  });
}

export async function requestBackfill(
  deps: RepositoryDeps,
  audit: AuditContext,
  access: WorkspaceAccess,
  repositoryId: string,
  request: BackfillRequest,
) {
  const current = await repositoryOf(deps.db, access, repositoryId);
  const isFresh = deps.clock.now().getTime() - current.updatedAt.getTime() < staleBackfillMs;
  if (current.backfillStatus === 'running' && isFresh) {
    throw new AppError('conflict', 'A backfill of this repository is already running');
  }
  await deps.queue.ensureQueue(backfillJobName);
  const row = await deps.db.transaction(async (tx) => {
    const started = await startBackfill(deps, tx, current.id, request);
    if (!started) throw notFound('Repository');
    await recordAudit(tx, audit, {
      action: 'github_repository.backfill_requested',
      entityType: 'github_repository',
      entityId: started.id,
      workspaceId: access.workspaceId,
      details: { request },
    });
    return started;
  });
  return presentRepository(deps, deps.db, row);
}

export async function rotateRepositoryWebhookSecret(
  deps: RepositoryDeps,
  audit: AuditContext,
  access: WorkspaceAccess,
  repositoryId: string,
) {
  const current = await repositoryOf(deps.db, access, repositoryId);
  const webhook = newWebhookSecret(deps);
  await deps.db.transaction(async (tx) => {
    const updated = await updateRepositoryRow(tx, current.id, {
      webhookSecretEncrypted: webhook.encrypted,
      updatedAt: deps.clock.now(),
    });
    if (!updated) throw notFound('Repository');
    await recordAudit(tx, audit, {
      action: 'github_repository.webhook_secret_rotated',
      entityType: 'github_repository',
      entityId: updated.id,
      workspaceId: access.workspaceId,
    });
  });
  return webhookSetup(deps, current.id, webhook.secret);
}
