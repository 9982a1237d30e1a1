// Step one of a publish, in one short transaction and BEFORE any platform call: lock the post, decide
// whether an attempt may start, and record it as `started`. A crash after this commit leaves the
// attempt `started`; the next attempt then knows the outcome is unknown and asks the platform first.
import type { AppDeps } from '../../app-context.ts';
import { isUniqueViolation } from '../../platform/db-errors.ts';
import type { PostRow } from '../posts/posts.queries.ts';
import type { PublishJob } from './publish-queue.ts';
import {
  type AttemptRow,
  attemptsOfVersion,
  failedAttemptCount,
  finishAttempt,
  insertAttempt,
  lockPost,
  updateScheduledPost,
} from './publishing.queries.ts';

export type ClaimDeps = Pick<AppDeps, 'db' | 'config' | 'clock'>;

export type Claim =
  | { go: false; reason: string; exhausted?: { post: PostRow; attempts: AttemptRow[] } }
  | {
      go: true;
      post: PostRow;
      attempt: AttemptRow;
      /** An earlier attempt of this version may have landed: ask the platform before posting. */
      uncertainSince: Date | null;
      /** What earlier attempts already put on the platform (an X thread's first tweets). */
      resumeFrom: string | null;
      /** Failed attempts of this version before this one. */
      failedBefore: number;
    };

/** Same for every attempt of one post version; receivers and platforms dedupe on it. */
export function idempotencyKeyOf(postId: string, version: number): string {
  return `herald-post-${postId}-v${version}`;
}

/** How long a `started` attempt is presumed alive: two platform calls (confirm, publish) and a margin. */
export function attemptLeaseMs(config: ClaimDeps['config']): number {
  return config.PUBLISH_TIMEOUT_MS * 2 + 10_000;
}

/** Base delay before retry `n` (1-based): doubling from PUBLISH_RETRY_BASE_MS, capped at an hour. */
export function backoffMs(config: ClaimDeps['config'], failures: number): number {
  return Math.min(3_600_000, config.PUBLISH_RETRY_BASE_MS * 2 ** Math.max(0, failures - 1));
}

// A retry job may be fetched a little before Herald's clock agrees it is due (the queue's clock is the
// database's); this much early is still on time.
const earlyToleranceMs = 250;

const uncertain = (a: AttemptRow) =>
  a.status === 'started' || a.status === 'abandoned' || a.errorKind === 'unknown';

export async function claimAttempt(deps: ClaimDeps, job: PublishJob): Promise<Claim> {
  const now = deps.clock.now();
  try {
    return await deps.db.transaction(async (tx): Promise<Claim> => {
      const post = await lockPost(tx, job.postId);
      if (!post) return { go: false, reason: 'the post was deleted' };
      if (post.version !== job.version)
        return { go: false, reason: 'the post changed since the job was sent' };
      if (post.status !== 'scheduled') return { go: false, reason: `the post is ${post.status}` };
      if (!post.scheduledAt || post.scheduledAt.getTime() > now.getTime() + earlyToleranceMs) {
        return { go: false, reason: 'not due yet' };
      }
      if (post.needsApproval && post.approvalState !== 'approved')
        return { go: false, reason: 'awaiting approval' };
      const attempts = await attemptsOfVersion(tx, post.id, post.version);
      const last = attempts.at(-1);
      if (
        last?.status === 'started' &&
        now.getTime() - last.startedAt.getTime() < attemptLeaseMs(deps.config)
      ) {
        return { go: false, reason: 'an attempt is under way' };
      }
      if (last?.status === 'succeeded' || last?.status === 'confirmed_existing') {
        return { go: false, reason: 'already published' };
      }
      const failedBefore = failedAttemptCount(attempts) + (last?.status === 'started' ? 1 : 0);
      // Guards against an early sweep; a failure that left progress is resumed at once (outcome.ts).
      if (last?.status === 'failed' && last.finishedAt && !last.externalId) {
        const dueAt = last.finishedAt.getTime() + backoffMs(deps.config, failedBefore);
        if (dueAt > now.getTime() + earlyToleranceMs)
          return { go: false, reason: 'backing off after a failure' };
      }
      if (last?.status === 'started') {
        // Its worker died (or lost its connection) before recording an outcome.
        await finishAttempt(tx, last.id, {
          status: 'abandoned',
          finishedAt: now,
          errorKind: 'unknown',
          errorMessage: 'The worker stopped before the outcome was recorded',
        });
        last.status = 'abandoned';
      }
      const isUncertain = attempts.some(uncertain);
      // Past the limit, an attempt is only made when an earlier one may have landed: to find out.
      if (failedBefore >= deps.config.PUBLISH_MAX_ATTEMPTS && !isUncertain) {
        return { go: false, reason: 'out of attempts', exhausted: { post, attempts } };
      }
      const attemptNumber = post.attemptCount + 1;
      const attempt = await insertAttempt(tx, {
        workspaceId: post.workspaceId,
        postId: post.id,
        attemptNumber,
        postVersion: post.version,
        idempotencyKey: idempotencyKeyOf(post.id, post.version),
        status: 'started',
        startedAt: now,
      });
      const claimed = await updateScheduledPost(tx, post.id, post.version, { attemptCount: attemptNumber });
      if (!claimed) throw new Error('post changed while locked');
      return {
        go: true,
        post: claimed,
        attempt,
        uncertainSince: isUncertain ? (attempts[0]?.startedAt ?? now) : null,
        resumeFrom:
          [...attempts].reverse().find((a) => a.externalId && a.status !== 'succeeded')?.externalId ?? null,
        failedBefore,
      };
    });
  } catch (error) {
    // Two deliveries racing past the lock (it cannot happen with it, but the index is the last word).
    if (isUniqueViolation(error)) return { go: false, reason: 'another delivery started this attempt' };
    throw error;
  }
}
