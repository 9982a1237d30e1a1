// How a post version gets onto the job queue. Every job is keyed by post, version and the attempt it
// is meant to make: the queue (policy `exclusive`) keeps at most one waiting or running job per key,
// so the sweeper, a retry and a reschedule can all send without piling up duplicates. Duplicates
// would still be harmless — the handler decides from the database — only wasted work.
import { z } from 'zod';
import type { AppDeps } from '../../app-context.ts';
import type { Database } from '../../platform/db.ts';
import type { Queue } from '../../platform/queue.ts';

export const publishJobName = 'posts.publish';
export const publishSweepJobName = 'posts.publish-sweep';

export const publishJobSchema = z.object({
  postId: z.string().min(1),
  version: z.number().int().min(1),
});
export type PublishJob = z.infer<typeof publishJobSchema>;

export const publishQueueOptions = {
  policy: 'exclusive',
  retryLimit: 5,
  retryDelay: 5,
  retryBackoff: true,
} as const;

/**
 * Creates the queue with its policy before the first send (a server with HERALD_WORKER=off sends
 * first). Call it before opening a transaction that sends: see Queue.ensureQueue.
 */
export function ensurePublishQueue(queue: Queue): Promise<void> {
  return queue.ensureQueue(publishJobName, { policy: publishQueueOptions.policy });
}

export function publishJobKey(postId: string, version: number, attemptNumber: number): string {
  return `${postId}:v${version}:a${attemptNumber}`;
}

/**
 * Enqueues the attempt `attemptNumber` of this post version, to start at `notBefore` (default: the
 * post's scheduled time). The delay is measured on Herald's clock and handed to the queue as seconds,
 * so a test clock and the queue's database clock cannot disagree about it. Pass `tx` to make the job
 * part of the transaction that scheduled the post — after ensurePublishQueue, outside it.
 */
export async function enqueuePublish(
  deps: Pick<AppDeps, 'queue' | 'clock'>,
  post: { id: string; version: number; scheduledAt: Date | null },
  options: { attemptNumber: number; notBefore?: Date; tx?: Database },
): Promise<string | null> {
  const target = Math.max(post.scheduledAt?.getTime() ?? 0, options.notBefore?.getTime() ?? 0);
  const delaySeconds = Math.max(0, (target - deps.clock.now().getTime()) / 1000);
  if (!options.tx) await ensurePublishQueue(deps.queue);
  return deps.queue.send(publishJobName, { postId: post.id, version: post.version } satisfies PublishJob, {
    tx: options.tx,
    singletonKey: publishJobKey(post.id, post.version, options.attemptNumber),
    startAfter: delaySeconds > 0 ? Number(delaySeconds.toFixed(3)) : undefined,
  });
}

/**
 * enqueuePublish for many posts at once (bulk scheduling): one insert per thousand jobs, the same keys
 * and delays. Not transactional: send after the posts are committed; the sweeper covers a gap.
 */
export async function enqueuePublishBatch(
  deps: Pick<AppDeps, 'queue' | 'clock'>,
  posts: Array<{ id: string; version: number; scheduledAt: Date | null; attemptCount: number }>,
): Promise<void> {
  await ensurePublishQueue(deps.queue);
  const now = deps.clock.now().getTime();
  for (let i = 0; i < posts.length; i += 1000) {
    const jobs = posts.slice(i, i + 1000).map((post) => {
      const delaySeconds = Math.max(0, ((post.scheduledAt?.getTime() ?? 0) - now) / 1000);
      return {
        data: { postId: post.id, version: post.version } satisfies PublishJob,
        singletonKey: publishJobKey(post.id, post.version, post.attemptCount + 1),
        startAfter: delaySeconds > 0 ? Number(delaySeconds.toFixed(3)) : undefined,
      };
    });
    await deps.queue.boss.insert(publishJobName, jobs);
  }
}
