// Publishing: now, at a time (a `changelog.publish` job), and back to draft.
//
// Every publication counts against the plan's monthly `entries_published` limit through the usage
// service, in the same transaction as the status change: refused, nothing changes. The usage is
// recorded under the key `changelog-publish:<entry>:<period start>`, so an entry counts once per
// usage period however often it is unpublished and published again; unpublishing gives nothing back.
import type { AppDeps } from '../../app-context.ts';
import type { Database } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { type AuditContext, recordAudit, systemAudit } from '../audit/audit.service.ts';
import { notifyWorkspaceAdmins } from '../notifications/notifications.service.ts';
import { recordUsage } from '../usage/usage.service.ts';
import { currentUsagePeriod } from '../usage/usage-period.ts';
import type { WorkspaceAccess } from '../workspaces/workspace-access.ts';
import {
  type EntryPublishJob,
  enqueueEntryPublish,
  ensureEntryPublishQueue,
} from './changelog.publish-queue.ts';
import { type EntryRow, findEntryById, updateEntryIfVersion } from './changelog.queries.ts';
import { conflictAfterRace, type EntryDeps, getEntryRow } from './changelog.service.ts';
import { presentOne } from './changelog.view.ts';

/** How far ahead an entry may be scheduled (as for posts). */
const maxScheduleAheadDays = 3 * 366;
/** A job started this early (clock skew between Herald and the database) still publishes. */
const earlyToleranceMs = 1000;

const invalidTime = (message: string) =>
  new AppError('validation_failed', message, [{ path: 'at', message }]);

function parseInstant(value: string, now: Date): Date {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/i.test(value.trim())) {
    throw invalidTime('Give an ISO 8601 instant with its offset, e.g. 2027-03-29T07:00:00Z');
  }
  const at = new Date(value.trim());
  if (Number.isNaN(at.getTime())) throw invalidTime('Not a real date and time');
  if (at.getTime() <= now.getTime()) throw invalidTime('The time must be in the future');
  if (at.getTime() > now.getTime() + maxScheduleAheadDays * 86_400_000) {
    throw invalidTime(`At most ${maxScheduleAheadDays} days ahead`);
  }
  return at;
}

/**
 * Marks the entry published on the version read and counts it, in `tx`. A refused count throws
 * (429, saying the monthly limit is reached) and the caller's transaction undoes the status change.
 */
async function publishInTransaction(
  deps: Pick<AppDeps, 'queue' | 'config' | 'clock'>,
  tx: Database,
  current: EntryRow,
  onlyIfStatus?: 'scheduled',
): Promise<EntryRow | undefined> {
  const now = deps.clock.now();
  const row = await updateEntryIfVersion(
    tx,
    current.id,
    current.version,
    { status: 'published', publishedAt: now, scheduledAt: null, updatedAt: now },
    onlyIfStatus,
  );
  if (!row) return undefined;
  const period = await currentUsagePeriod(tx, row.workspaceId, now);
  try {
    await recordUsage(deps, tx, {
      workspaceId: row.workspaceId,
      unit: 'entries_published',
      quantity: 1,
      operationType: 'changelog_publish',
      idempotencyKey: `changelog-publish:${row.id}:${period.start.toISOString()}`,
    });
  } catch (error) {
    throw monthlyLimitError(error);
  }
  await deps.queue.send('subscribers.entry-published', { entryId: row.id }, { tx });
  await deps.queue.send('roadmap.entry-published', { entryId: row.id }, { tx });
  return row;
}

/** The usage service's 429, said the way a person publishing a changelog reads it. */
function monthlyLimitError(error: unknown): unknown {
  if (!(error instanceof AppError) || error.code !== 'quota_exceeded') return error;
  const details = error.details as { limit?: number; used?: number; resetsAt?: string } | undefined;
  const limit = details?.limit ?? 0;
  const resets = details?.resetsAt ? ` It resets on ${details.resetsAt.slice(0, 10)}.` : '';
  return new AppError(
    'quota_exceeded',
    `The monthly limit of ${limit} published entr${limit === 1 ? 'y' : 'ies'} on your plan is reached (${details?.used ?? limit} of ${limit} this month).${resets} Upgrade the plan to publish more.`,
    details,
  );
}

export async function publishEntry(
  deps: EntryDeps,
  audit: AuditContext,
  access: WorkspaceAccess,
  entryId: string,
  body: { at?: string },
) {
  const current = await getEntryRow(deps.db, access.workspaceId, entryId);
  if (current.status === 'published') throw new AppError('conflict', 'The entry is already published');
  if (body.at !== undefined)
    return scheduleEntry(deps, audit, current, parseInstant(body.at, deps.clock.now()));
  // publishInTransaction enqueues in the transaction: the queues must exist first (Queue.ensureQueue;
  // on PGlite's one connection, creating one inside the transaction would wait forever).
  await deps.queue.ensureQueue('subscribers.entry-published');
  await deps.queue.ensureQueue('roadmap.entry-published');
  return deps.db.transaction(async (tx) => {
    const row = await publishInTransaction(deps, tx, current);
    if (!row) throw await conflictAfterRace(tx, access.workspaceId, entryId);
    await recordAudit(tx, audit, {
      action: 'changelog_entry.published',
      entityType: 'changelog_entry',
      entityId: row.id,
      workspaceId: access.workspaceId,
      details: { from: current.status },
    });
    return presentOne(deps, tx, row);
  });
}

async function scheduleEntry(deps: EntryDeps, audit: AuditContext, current: EntryRow, at: Date) {
  await ensureEntryPublishQueue(deps.queue);
  return deps.db.transaction(async (tx) => {
    const row = await updateEntryIfVersion(tx, current.id, current.version, {
      status: 'scheduled',
      scheduledAt: at,
      updatedAt: deps.clock.now(),
    });
    if (!row) throw await conflictAfterRace(tx, current.workspaceId, current.id);
    await enqueueEntryPublish(deps, row, tx);
    await recordAudit(tx, audit, {
      action: current.status === 'scheduled' ? 'changelog_entry.rescheduled' : 'changelog_entry.scheduled',
      entityType: 'changelog_entry',
      entityId: row.id,
      workspaceId: current.workspaceId,
      details: { scheduledAt: at.toISOString() },
    });
    return presentOne(deps, tx, row);
  });
}

/** Published or scheduled → draft. A draft is answered as it is. */
export async function unpublishEntry(
  deps: EntryDeps,
  audit: AuditContext,
  access: WorkspaceAccess,
  entryId: string,
) {
  const current = await getEntryRow(deps.db, access.workspaceId, entryId);
  if (current.status === 'draft') return presentOne(deps, deps.db, current);
  return deps.db.transaction(async (tx) => {
    const row = await updateEntryIfVersion(tx, current.id, current.version, {
      status: 'draft',
      scheduledAt: null,
      publishedAt: null,
      updatedAt: deps.clock.now(),
    });
    if (!row) throw await conflictAfterRace(tx, access.workspaceId, entryId);
    await recordAudit(tx, audit, {
      action: 'changelog_entry.unpublished',
      entityType: 'changelog_entry',
      entityId: row.id,
      workspaceId: access.workspaceId,
      details: { from: current.status },
    });
    return presentOne(deps, tx, row);
  });
}

export type EntryPublishOutcome =
  | { outcome: 'published' }
  | { outcome: 'skipped'; reason: string }
  | { outcome: 'requeued' }
  | { outcome: 'limit_reached' };

/**
 * The `changelog.publish` job. Does nothing for an entry that is gone, no longer scheduled or at
 * another version (edited, rescheduled or unpublished since: that version has its own job, or none).
 * A job started early puts its successor in line. Over the monthly limit, the entry goes back to
 * draft and the workspace admins are told why, rather than retrying a refusal.
 */
export async function runEntryPublishJob(deps: AppDeps, job: EntryPublishJob): Promise<EntryPublishOutcome> {
  const current = await findEntryById(deps.db, job.entryId);
  if (!current) return { outcome: 'skipped', reason: 'entry deleted' };
  if (current.status !== 'scheduled' || current.version !== job.version) {
    return { outcome: 'skipped', reason: 'no longer scheduled at this version' };
  }
  if ((current.scheduledAt?.getTime() ?? 0) - deps.clock.now().getTime() > earlyToleranceMs) {
    await enqueueEntryPublish(deps, current);
    return { outcome: 'requeued' };
  }
  const audit = systemAudit(deps.authSecret);
  try {
    return await deps.db.transaction(async (tx) => {
      const row = await publishInTransaction(deps, tx, current, 'scheduled');
      if (!row) return { outcome: 'skipped', reason: 'changed meanwhile' } as const;
      await recordAudit(tx, audit, {
        action: 'changelog_entry.published',
        entityType: 'changelog_entry',
        entityId: row.id,
        workspaceId: row.workspaceId,
        details: { from: 'scheduled', scheduledAt: current.scheduledAt?.toISOString() },
      });
      return { outcome: 'published' } as const;
    });
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== 'quota_exceeded') throw error;
    return backToDraft(deps, current, error.message);
  }
}

async function backToDraft(deps: AppDeps, current: EntryRow, reason: string): Promise<EntryPublishOutcome> {
  await deps.db.transaction(async (tx) => {
    const row = await updateEntryIfVersion(
      tx,
      current.id,
      current.version,
      { status: 'draft', scheduledAt: null, updatedAt: deps.clock.now() },
      'scheduled',
    );
    if (!row) return;
    await recordAudit(tx, systemAudit(deps.authSecret), {
      action: 'changelog_entry.publish_refused',
      entityType: 'changelog_entry',
      entityId: row.id,
      workspaceId: row.workspaceId,
      details: { reason: 'quota_exceeded' },
    });
    await notifyWorkspaceAdmins(deps, tx, row.workspaceId, {
      type: 'usage_warning',
      title: `"${row.title.slice(0, 80)}" was not published`,
      message: `${reason} The entry is back in drafts.`,
      actionUrl: `/w/${row.workspaceId}/changelog/${row.id}`,
    });
  });
  return { outcome: 'limit_reached' };
}
