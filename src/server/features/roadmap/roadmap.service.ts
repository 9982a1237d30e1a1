// The workspace side of the roadmap: per-repository settings (enable, label mapping, import) and
// moving items between columns. A move is written and audited in one transaction that also queues
// `roadmap.push-status`, which makes the issue's labels on GitHub say the same (roadmap.push.ts).
import { and, eq } from 'drizzle-orm';
import type { AppDeps } from '../../app-context.ts';
import { iso } from '../../http/router.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { type AuditContext, recordAudit } from '../audit/audit.service.ts';
import { findWorkspaceRepository } from '../github/github.queries.ts';
import { countVotes } from '../upvotes/upvotes.service.ts';
import type { WorkspaceAccess } from '../workspaces/workspace-access.ts';
import { importJobName, startImport } from './roadmap.import.ts';
import { pushStatusJobName } from './roadmap.push.ts';
import {
  defaultRoadmapMapping,
  entriesByIds,
  findSettings,
  findWorkspaceItem,
  listWorkspaceItems,
  listWorkspaceSettings,
} from './roadmap.queries.ts';
import {
  type RoadmapMapping,
  type RoadmapStatus,
  roadmapItems,
  roadmapRepositories,
} from './roadmap.table.ts';

type RoadmapDeps = Pick<AppDeps, 'db' | 'queue' | 'clock'>;

/** An import marked running that has not moved for this long lost its job: another may start. */
const staleImportMs = 2 * 3600_000;

export async function getRoadmap(deps: RoadmapDeps, access: WorkspaceAccess) {
  const settings = await listWorkspaceSettings(deps.db, access.workspaceId);
  const rows = await listWorkspaceItems(deps.db, access.workspaceId);
  return {
    repositories: settings.map(({ settings: s, repository }) => ({
      repositoryId: repository.id,
      fullName: repository.fullName,
      enabled: s?.enabled ?? false,
      mapping: s?.mapping ?? defaultRoadmapMapping,
      importStatus: s?.importStatus ?? 'idle',
      importedCount: s?.importedCount ?? 0,
      importError: s?.importError ?? null,
    })),
    items: await presentItems(deps, rows),
  };
}

async function presentItems(
  deps: RoadmapDeps,
  rows: Array<{ item: typeof roadmapItems.$inferSelect; fullName: string }>,
) {
  const votes = await countVotes(
    deps.db,
    'item',
    rows.map((r) => r.item.id),
  );
  const entryIds = [...new Set(rows.map((r) => r.item.entryId).filter((id): id is string => Boolean(id)))];
  const entries = new Map((await entriesByIds(deps.db, entryIds)).map((e) => [e.id, e]));
  return rows.map(({ item, fullName }) => ({
    id: item.id,
    repositoryId: item.repositoryId,
    repositoryFullName: fullName,
    issueNumber: item.issueNumber,
    title: item.title,
    url: item.url,
    labels: item.labels,
    issueState: item.issueState,
    status: item.status,
    votes: votes.get(item.id) ?? 0,
    closedByPr: item.closedByPr,
    entry: item.entryId ? (entries.get(item.entryId) ?? null) : null,
    completedAt: iso(item.completedAt),
    updatedAt: iso(item.updatedAt),
  }));
}

/** One label cannot mean two statuses. */
function assertDistinctStatusLabels(mapping: RoadmapMapping) {
  const labels = [mapping.planned, mapping.inProgress, mapping.completed]
    .filter((label): label is string => Boolean(label))
    .map((label) => label.toLowerCase());
  if (new Set(labels).size !== labels.length) {
    const message = 'The planned, in progress and completed labels must differ';
    throw new AppError('validation_failed', message, [{ path: 'mapping.inProgress', message }]);
  }
}

export async function updateRoadmapRepository(
  deps: RoadmapDeps,
  audit: AuditContext,
  access: WorkspaceAccess,
  repositoryId: string,
  input: { enabled?: boolean; mapping?: RoadmapMapping },
) {
  const repository = await findWorkspaceRepository(deps.db, access.workspaceId, repositoryId);
  if (!repository) throw notFound('Repository');
  if (input.mapping) assertDistinctStatusLabels(input.mapping);
  await deps.queue.ensureQueue(importJobName);
  await deps.db.transaction(async (tx) => {
    const current = await findSettings(tx, repository.id);
    const enabled = input.enabled ?? current?.enabled ?? false;
    const mapping = input.mapping ?? current?.mapping ?? defaultRoadmapMapping;
    const now = deps.clock.now();
    await tx
      .insert(roadmapRepositories)
      .values({
        repositoryId: repository.id,
        workspaceId: access.workspaceId,
        enabled,
        mapping,
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoUpdate({
        target: roadmapRepositories.repositoryId,
        set: { enabled, mapping, updatedAt: now },
      });
    // Enabling imports the issues; a new mapping while enabled reads them again with it.
    const mappingChanged = JSON.stringify(mapping) !== JSON.stringify(current?.mapping ?? null);
    const shouldImport = enabled && (!current?.enabled || mappingChanged);
    if (shouldImport) await startImport(deps, tx, repository.id);
    await recordAudit(tx, audit, {
      action: 'roadmap_repository.updated',
      entityType: 'github_repository',
      entityId: repository.id,
      workspaceId: access.workspaceId,
      details: { enabled, mappingChanged, import: shouldImport },
    });
  });
  return getRoadmap(deps, access);
}

export async function requestRoadmapImport(
  deps: RoadmapDeps,
  audit: AuditContext,
  access: WorkspaceAccess,
  repositoryId: string,
) {
  const repository = await findWorkspaceRepository(deps.db, access.workspaceId, repositoryId);
  if (!repository) throw notFound('Repository');
  const settings = await findSettings(deps.db, repository.id);
  if (!settings?.enabled) throw new AppError('conflict', 'The roadmap is not enabled for this repository');
  const isFresh = deps.clock.now().getTime() - settings.updatedAt.getTime() < staleImportMs;
  if (settings.importStatus === 'running' && isFresh) {
    throw new AppError('conflict', 'An import of this repository is already running');
  }
  await deps.queue.ensureQueue(importJobName);
  await deps.db.transaction(async (tx) => {
    await startImport(deps, tx, repository.id);
    await recordAudit(tx, audit, {
      action: 'roadmap_repository.import_requested',
      entityType: 'github_repository',
      entityId: repository.id,
      workspaceId: access.workspaceId,
    });
  });
  return getRoadmap(deps, access);
}

export async function setItemStatus(
  deps: RoadmapDeps,
  audit: AuditContext,
  access: WorkspaceAccess,
  itemId: string,
  status: RoadmapStatus,
) {
  const current = await findWorkspaceItem(deps.db, access.workspaceId, itemId);
  if (!current?.tracked) throw notFound('Roadmap item');
  if (!(await findSettings(deps.db, current.repositoryId))?.enabled) throw notFound('Roadmap item');
  if (current.status !== status) {
    await deps.queue.ensureQueue(pushStatusJobName);
    await deps.db.transaction(async (tx) => {
      const now = deps.clock.now();
      const [row] = await tx
        .update(roadmapItems)
        .set({ status, completedAt: status === 'completed' ? now : null, updatedAt: now })
        .where(and(eq(roadmapItems.id, current.id), eq(roadmapItems.status, current.status)))
        .returning();
      if (!row) throw new AppError('conflict', 'The item changed meanwhile; reload and try again');
      await deps.queue.send(pushStatusJobName, { itemId: row.id }, { tx });
      await recordAudit(tx, audit, {
        action: 'roadmap_item.status_changed',
        entityType: 'roadmap_item',
        entityId: row.id,
        workspaceId: access.workspaceId,
        details: { from: current.status, to: status, issue: row.issueNumber },
      });
    });
  }
  const rows = await listWorkspaceItems(deps.db, access.workspaceId);
  const mine = rows.filter((r) => r.item.id === current.id);
  const [item] = await presentItems(deps, mine);
  if (!item) throw notFound('Roadmap item');
  return { item };
}
