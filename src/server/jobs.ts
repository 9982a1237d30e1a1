import type { AppDeps } from './app-context.ts';
import { accountJobs, accountSchedules } from './features/accounts/accounts.jobs.ts';
import { analyticsJobs, analyticsSchedules } from './features/analytics/analytics.jobs.ts';
import { asaasHandlers } from './features/billing/providers/asaas/asaas.routes.ts';
import { dodoHandlers } from './features/billing/providers/dodo/dodo.routes.ts';
import { stripeHandlers } from './features/billing/providers/stripe/stripe.routes.ts';
import { changelogJobs } from './features/changelog/changelog.jobs.ts';
import { conversationJobs } from './features/conversations/conversations.jobs.ts';
import { generationJobs } from './features/generations/generations.jobs.ts';
import { githubJobs } from './features/github/github.jobs.ts';
import { githubHandlers } from './features/github/github.webhook.ts';
import { mailJobs } from './features/mail/mail.jobs.ts';
import {
  publishingJobs,
  publishingSchedules,
  startPublishing,
} from './features/publishing/publishing.jobs.ts';
import { roadmapJobs, withRoadmapHandlers } from './features/roadmap/roadmap.jobs.ts';
import { storageJobs, storageSchedules } from './features/storage/storage.jobs.ts';
import {
  startSubscriberDelivery,
  subscriberJobs,
  subscriberSchedules,
} from './features/subscribers/subscribers.jobs.ts';
import { clerkHandlers } from './features/webhooks/clerk/clerk.routes.ts';
import { webhookJobs } from './features/webhooks/webhooks.jobs.ts';

/** Every background job; the same list runs inline (embedded) or in `npm run worker` processes. */
export function allJobs(deps: AppDeps) {
  return [
    ...mailJobs(deps),
    ...webhookJobs(deps, {
      clerk: clerkHandlers,
      stripe: stripeHandlers,
      dodo: dodoHandlers,
      asaas: asaasHandlers,
      github: withRoadmapHandlers(githubHandlers),
    }),
    ...accountJobs(deps),
    ...generationJobs(deps),
    ...conversationJobs(deps),
    ...storageJobs(deps),
    ...publishingJobs(deps),
    ...changelogJobs(deps),
    ...githubJobs(deps),
    ...subscriberJobs(deps),
    ...roadmapJobs(deps),
    ...analyticsJobs(deps),
  ];
}

const schedules = [...accountSchedules, ...publishingSchedules, ...storageSchedules, ...analyticsSchedules];

export async function startWorkers(deps: AppDeps): Promise<void> {
  await deps.queue.work(allJobs(deps));
  for (const schedule of schedules) await deps.queue.boss.schedule(schedule.name, schedule.cron, {});
  for (const schedule of subscriberSchedules(deps.config))
    await deps.queue.boss.schedule(schedule.name, schedule.cron, {});
  await startPublishing(deps);
  await startSubscriberDelivery(deps);
}
