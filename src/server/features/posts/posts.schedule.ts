// Scheduling, rescheduling and cancelling. Each is one conditional update (version unchanged, no
// attempt started) plus, for a schedule, the publish job in the same transaction: the post is
// scheduled if and only if its job exists, and a cancel that loses the race to an attempt says so.
import { and, eq } from 'drizzle-orm';
import { parseLocalDateTime, zonedToInstant } from '../../../shared/time/zoned-time.ts';
import type { Database } from '../../platform/db.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { type AuditContext, recordAudit } from '../audit/audit.service.ts';
import { channels } from '../channels/channels.table.ts';
import { enqueuePublish, ensurePublishQueue } from '../publishing/publish-queue.ts';
import type { WorkspaceAccess } from '../workspaces/workspace-access.ts';
import { findWorkspace } from '../workspaces/workspaces.queries.ts';
import { type PostRow, updatePostIfIdle } from './posts.queries.ts';
import { assertVersion, conflictAfterRace, getPostRow, type PostDeps, presentPost } from './posts.service.ts';

/** How far ahead a post may be scheduled. */
export const maxScheduleAheadDays = 3 * 366;

const invalidTime = (message: string) =>
  new AppError('validation_failed', message, [{ path: 'scheduledAt', message }]);

/**
 * An instant with an offset is taken as is; a wall-clock time without one is read in the workspace's
 * timezone (09:00 in Paris is 08:00Z in winter and 07:00Z in summer).
 */
export function resolveScheduledAt(value: string, timeZone: string): Date {
  const local = parseLocalDateTime(value);
  if (local) {
    const zoned = zonedToInstant(local, timeZone);
    if (!zoned.ok) throw invalidTime(`${value} does not exist in ${timeZone}: the clocks skip it`);
    return zoned.instant;
  }
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/i.test(value.trim())) {
    throw invalidTime(
      'Give an ISO 8601 date-time, with an offset (2027-03-29T07:00:00Z) or without (workspace time)',
    );
  }
  const instant = new Date(value.trim());
  if (Number.isNaN(instant.getTime())) throw invalidTime('Not a real date and time');
  return instant;
}

export async function channelForPost(db: Database, workspaceId: string, channelId: string, post: PostRow) {
  const [channel] = await db
    .select()
    .from(channels)
    .where(and(eq(channels.id, channelId), eq(channels.workspaceId, workspaceId)));
  if (!channel) throw notFound('Channel');
  // X and LinkedIn channels take their own platform's posts; a webhook takes any.
  if (channel.kind !== 'webhook' && channel.kind !== post.platform) {
    throw new AppError(
      'validation_failed',
      `A ${channel.kind} channel cannot publish a ${post.platform} post`,
      [{ path: 'channelId', message: `Pick a ${post.platform} or webhook channel` }],
    );
  }
  if (channel.status !== 'active') {
    throw new AppError('conflict', `The channel "${channel.name}" is ${channel.status.replace('_', ' ')}`);
  }
  return channel;
}

export async function schedulePost(
  deps: PostDeps,
  audit: AuditContext,
  access: WorkspaceAccess,
  postId: string,
  body: { scheduledAt: string; channelId?: string; expectedVersion?: number },
) {
  const current = await getPostRow(deps.db, access.workspaceId, postId);
  assertVersion(current, body.expectedVersion);
  if (current.status === 'published') throw new AppError('conflict', 'The post is already published');
  const workspace = await findWorkspace(deps.db, access.workspaceId);
  const scheduledAt = resolveScheduledAt(body.scheduledAt, workspace?.timezone ?? 'UTC');
  const now = deps.clock.now();
  if (scheduledAt.getTime() <= now.getTime()) throw invalidTime('The time must be in the future');
  if (scheduledAt.getTime() > now.getTime() + maxScheduleAheadDays * 86_400_000) {
    throw invalidTime(`At most ${maxScheduleAheadDays} days ahead`);
  }
  const channelId = body.channelId ?? current.channelId;
  if (!channelId) {
    throw new AppError('validation_failed', 'Pick a channel to publish to', [
      { path: 'channelId', message: 'Required: the post has no channel yet' },
    ]);
  }
  const channel = await channelForPost(deps.db, access.workspaceId, channelId, current);
  await ensurePublishQueue(deps.queue);
  return deps.db.transaction(async (tx) => {
    const row = await updatePostIfIdle(tx, access.workspaceId, postId, current.version, {
      status: 'scheduled',
      scheduledAt,
      channelId: channel.id,
      lastError: null,
      updatedAt: now,
    });
    if (!row) throw await conflictAfterRace(tx, access.workspaceId, postId);
    await enqueuePublish(deps, row, { attemptNumber: row.attemptCount + 1, tx });
    await recordAudit(tx, audit, {
      action: current.status === 'scheduled' ? 'post.rescheduled' : 'post.scheduled',
      entityType: 'post',
      entityId: row.id,
      workspaceId: access.workspaceId,
      details: { scheduledAt: scheduledAt.toISOString(), channelId: channel.id, channelKind: channel.kind },
    });
    return presentPost(row);
  });
}

/** Back to draft, any time before an attempt starts; a failed post can be set back to draft too. */
export async function cancelPost(
  deps: PostDeps,
  audit: AuditContext,
  access: WorkspaceAccess,
  postId: string,
  expectedVersion?: number,
) {
  const current = await getPostRow(deps.db, access.workspaceId, postId);
  assertVersion(current, expectedVersion);
  if (current.status === 'published') throw new AppError('conflict', 'The post is already published');
  if (current.status === 'draft') return presentPost(current);
  return deps.db.transaction(async (tx) => {
    const row = await updatePostIfIdle(tx, access.workspaceId, postId, current.version, {
      status: 'draft',
      scheduledAt: null,
      updatedAt: deps.clock.now(),
    });
    if (!row) throw await conflictAfterRace(tx, access.workspaceId, postId);
    await recordAudit(tx, audit, {
      action: 'post.cancelled',
      entityType: 'post',
      entityId: row.id,
      workspaceId: access.workspaceId,
      details: { from: current.status },
    });
    return presentPost(row);
  });
}
