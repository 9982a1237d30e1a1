import { z } from 'zod';
import type { AppDeps } from '../../app-context.ts';
import { defineJob } from '../../platform/queue.ts';
import { deliverQueuedEmail, sendEmailJobName } from './mail.service.ts';

const mailRetryLimit = 8;

export function mailJobs(deps: AppDeps) {
  return [
    defineJob({
      name: sendEmailJobName,
      schema: z.object({ emailId: z.string().min(1) }),
      retryLimit: mailRetryLimit,
      retryDelaySeconds: 10,
      batchSize: 5,
      handler: (data, job) =>
        deliverQueuedEmail(deps, data.emailId, { isLastAttempt: job.attempt >= mailRetryLimit }),
    }),
  ];
}
