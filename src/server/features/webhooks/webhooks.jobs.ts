import { z } from 'zod';
import type { AppDeps } from '../../app-context.ts';
import { defineJob } from '../../platform/queue.ts';
import { processWebhookEvent, processWebhookJobName, type WebhookHandlers } from './webhooks.service.ts';

export function webhookJobs(deps: AppDeps, handlers: WebhookHandlers) {
  return [
    defineJob({
      name: processWebhookJobName,
      schema: z.object({ eventId: z.string().min(1) }),
      retryLimit: 10,
      retryDelaySeconds: 5,
      batchSize: 5,
      handler: (data) => processWebhookEvent(deps, handlers, data.eventId),
    }),
  ];
}
