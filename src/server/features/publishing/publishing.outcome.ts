// Step three of a publish: write down what the platform said, in one transaction. Success publishes
// the post; a retry-safe failure schedules the next attempt (backoff, Retry-After) until
// PUBLISH_MAX_ATTEMPTS; anything else fails the post with the platform's words and tells its author.
import { eq } from 'drizzle-orm';
import { platformLabels } from '../../../shared/studio/studio-types.ts';
import type { AppDeps } from '../../app-context.ts';
import type { Database } from '../../platform/db.ts';
import { recordAudit, systemAudit } from '../audit/audit.service.ts';
import { channels } from '../channels/channels.table.ts';
import { notifyWorkspaceAdmins } from '../notifications/notifications.service.ts';
import { notifications } from '../notifications/notifications.table.ts';
import type { PostRow } from '../posts/posts.queries.ts';
import { enqueuePublish, ensurePublishQueue } from './publish-queue.ts';
import type { PublishedRef, PublishFailure } from './publishers/publisher.ts';
import { backoffMs } from './publishing.claim.ts';
import { type AttemptRow, finishAttempt, updateScheduledPost } from './publishing.queries.ts';

export type OutcomeDeps = Pick<AppDeps, 'db' | 'config' | 'clock' | 'queue' | 'authSecret'>;

const maxErrorChars = 1000;

/** One in-app notification for the post's author; the workspace's admins when it has none. */
async function tellAuthor(deps: OutcomeDeps, tx: Database, post: PostRow, title: string, message: string) {
  const actionUrl = `/app/workspaces/${post.workspaceId}/library?post=${post.id}`;
  if (post.createdBy) {
    await tx.insert(notifications).values({
      userId: post.createdBy,
      workspaceId: post.workspaceId,
      type: 'system',
      title,
      message,
      actionUrl,
    });
  } else {
    await notifyWorkspaceAdmins(deps, tx, post.workspaceId, { type: 'system', title, message, actionUrl });
  }
}

const labelOf = (post: PostRow) =>
  `${platformLabels[post.platform] ?? post.platform} post${post.title ? ` "${post.title}"` : ''}`;

export async function recordSuccess(
  deps: OutcomeDeps,
  post: PostRow,
  attempt: AttemptRow,
  ref: PublishedRef,
  confirmedExisting: boolean,
) {
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const mine = await finishAttempt(tx, attempt.id, {
      status: confirmedExisting ? 'confirmed_existing' : 'succeeded',
      finishedAt: now,
      externalId: ref.externalId,
      externalUrl: ref.externalUrl,
    });
    if (!mine) return;
    const published = await updateScheduledPost(tx, post.id, post.version, {
      status: 'published',
      publishedAt: now,
      externalId: ref.externalId,
      externalUrl: ref.externalUrl,
      lastError: null,
      updatedAt: now,
    });
    if (!published) return; // another attempt of this version recorded it first
    await recordAudit(tx, systemAudit(deps.authSecret), {
      action: 'post.published',
      entityType: 'post',
      entityId: post.id,
      workspaceId: post.workspaceId,
      details: { attempt: attempt.attemptNumber, externalId: ref.externalId, confirmedExisting },
    });
    await tellAuthor(deps, tx, post, 'Post published', `Your ${labelOf(post)} was published.`);
  });
}

async function failPost(deps: OutcomeDeps, tx: Database, post: PostRow, message: string, now: Date) {
  const failed = await updateScheduledPost(tx, post.id, post.version, {
    status: 'failed',
    lastError: message,
    updatedAt: now,
  });
  if (!failed) return;
  await recordAudit(tx, systemAudit(deps.authSecret), {
    action: 'post.failed',
    entityType: 'post',
    entityId: post.id,
    workspaceId: post.workspaceId,
    details: { error: message.slice(0, 300) },
  });
  await tellAuthor(
    deps,
    tx,
    post,
    'Post not published',
    `Your ${labelOf(post)} could not be published: ${message}`,
  );
}

/** The post fails without a new attempt (out of attempts, channel gone). */
export async function failWithoutAttempt(deps: OutcomeDeps, post: PostRow, message: string) {
  await deps.db.transaction((tx) => failPost(deps, tx, post, message, deps.clock.now()));
}

export async function recordFailure(
  deps: OutcomeDeps,
  post: PostRow,
  attempt: AttemptRow,
  failure: PublishFailure,
  failedBefore: number,
) {
  const now = deps.clock.now();
  const message = failure.message.slice(0, maxErrorChars);
  // No answer (timeout, connection lost) or a server error: the platform may have acted all the same
  // (X has answered 503 to tweets it posted), so the next attempt asks first. 408 and 429 say it did not.
  const unknownOutcome =
    failure.kind === 'retryable' && (failure.httpStatus === null || failure.httpStatus >= 500);
  await ensurePublishQueue(deps.queue);
  await deps.db.transaction(async (tx) => {
    const mine = await finishAttempt(tx, attempt.id, {
      status: 'failed',
      finishedAt: now,
      errorKind: unknownOutcome ? 'unknown' : failure.kind,
      errorMessage: message,
      httpStatus: failure.httpStatus,
      externalId: failure.progress,
    });
    if (!mine) return;
    if (failure.kind === 'auth') {
      // The token was refreshed and the call retried once already (withChannelCredentials).
      const reconnect = `${message} — connect the account again`;
      await tx
        .update(channels)
        .set({ status: 'needs_reauth', lastError: reconnect, updatedAt: now })
        .where(eq(channels.id, post.channelId ?? ''));
      await failPost(deps, tx, post, reconnect, now);
      return;
    }
    if (failure.kind === 'permanent') {
      await failPost(deps, tx, post, message, now);
      return;
    }
    const failures = failedBefore + 1;
    if (failures >= deps.config.PUBLISH_MAX_ATTEMPTS) {
      await failPost(deps, tx, post, `${message} (gave up after ${failures} attempts)`, now);
      return;
    }
    // Part of a thread landed and the adapter knows where to resume: go on at once.
    const resumeNow = failure.progress !== null && failure.retryAfterMs === 0;
    const waitMs = resumeNow ? 0 : Math.max(backoffMs(deps.config, failures), failure.retryAfterMs ?? 0);
    const kept = await updateScheduledPost(tx, post.id, post.version, { lastError: message, updatedAt: now });
    if (!kept) return;
    await enqueuePublish(deps, kept, {
      attemptNumber: kept.attemptCount + 1,
      notBefore: new Date(now.getTime() + waitMs),
      tx,
    });
  });
}
