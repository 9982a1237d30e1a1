import { z } from 'zod';
import type { AppDeps } from '../../app-context.ts';
import { defineJob } from '../../platform/queue.ts';
import {
  enqueuePublish,
  publishJobName,
  publishJobSchema,
  publishQueueOptions,
  publishSweepJobName,
} from './publish-queue.ts';
import { attemptLeaseMs } from './publishing.claim.ts';
import { duePosts } from './publishing.queries.ts';
import { runPublishJob } from './publishing.service.ts';

/** Every minute: the sweeper. */
export const publishingSchedules = [{ name: publishSweepJobName, cron: '* * * * *' }];

const sweepPageSize = 1000;

/**
 * Sends a job for every due post that has none waiting: one whose job went missing, one approved
 * after its time, one whose attempt was left `started` by a dead worker (its job starts when the
 * attempt's lease ends). Jobs are keyed per attempt, so a post that already has its job waiting
 * gets no second one. Returns how many jobs were sent.
 */
export async function sweepDuePosts(deps: AppDeps): Promise<number> {
  const now = deps.clock.now();
  let sent = 0;
  const due = await duePosts(deps.db, now, sweepPageSize);
  for (const post of due) {
    const leaseEnds =
      post.lastStatus === 'started' && post.lastStartedAt
        ? new Date(post.lastStartedAt.getTime() + attemptLeaseMs(deps.config) + 1000)
        : undefined;
    const id = await enqueuePublish(deps, post, {
      attemptNumber: post.attemptCount + 1,
      notBefore: leaseEnds,
    });
    if (id) sent++;
  }
  if (sent > 0) deps.log.info({ sent, due: due.length }, 'publish sweep enqueued due posts');
  return sent;
}

export function publishingJobs(deps: AppDeps) {
  return [
    defineJob({
      name: publishJobName,
      schema: publishJobSchema,
      policy: publishQueueOptions.policy,
      retryLimit: publishQueueOptions.retryLimit,
      retryDelaySeconds: publishQueueOptions.retryDelay,
      batchSize: 5,
      localConcurrency: deps.config.PUBLISH_CONCURRENCY,
      // Many posts due at once (every hour on the hour): drain the backlog without polling pauses.
      burstWhenBatchFull: true,
      handler: async (data) => {
        const result = await runPublishJob(deps, data);
        if (result.outcome !== 'skipped')
          deps.log.info({ postId: data.postId, ...result }, 'publish attempt finished');
      },
    }),
    defineJob({
      name: publishSweepJobName,
      schema: z.object({}).passthrough(),
      retryLimit: 1,
      handler: async () => {
        await sweepDuePosts(deps);
      },
    }),
  ];
}

/** At worker start: recover what a stop or crash left behind, without waiting for the first cron tick. */
export async function startPublishing(deps: AppDeps): Promise<void> {
  await deps.queue.send(publishSweepJobName, {});
}
