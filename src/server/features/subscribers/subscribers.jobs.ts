import { z } from 'zod';
import type { AppDeps } from '../../app-context.ts';
import type { Config } from '../../config.ts';
import { defineJob } from '../../platform/queue.ts';
import {
  deliverJobName,
  digestJobName,
  fanOutEntry,
  purgeConfirmationSends,
  purgeSendsJobName,
  sendDigests,
  sendQueuedDeliveries,
} from './subscribers.delivery.ts';
import { entryPublishedJobName } from './subscribers.service.ts';

export function subscriberJobs(deps: AppDeps) {
  return [
    defineJob({
      name: entryPublishedJobName,
      schema: z.object({ entryId: z.string().min(1) }),
      retryLimit: 5,
      handler: async (data) => {
        await fanOutEntry(deps, data.entryId);
      },
    }),
    defineJob({
      name: deliverJobName,
      schema: z.object({}).passthrough(),
      retryLimit: 5,
      // Two per process: a second job (a publish during a long send) claims other rows meanwhile.
      localConcurrency: 2,
      handler: async () => {
        await sendQueuedDeliveries(deps);
      },
    }),
    defineJob({
      name: digestJobName,
      schema: z.object({}).passthrough(),
      retryLimit: 3,
      handler: async () => {
        await sendDigests(deps);
      },
    }),
    defineJob({
      name: purgeSendsJobName,
      schema: z.object({}).passthrough(),
      handler: () => purgeConfirmationSends(deps),
    }),
  ];
}

/** Cron schedules: the digest, the purge, and a sender sweep (rows left by a crashed process). */
export function subscriberSchedules(config: Config) {
  return [
    { name: digestJobName, cron: config.SUBSCRIBER_DIGEST_CRON },
    { name: purgeSendsJobName, cron: '17 4 * * *' },
    { name: deliverJobName, cron: '* * * * *' },
  ];
}

/** At every worker start: send whatever a stopped or crashed process left queued. */
export async function startSubscriberDelivery(deps: AppDeps): Promise<void> {
  await deps.queue.send(deliverJobName, {});
}
