import { z } from 'zod';
import { languages } from '../../../shared/studio/studio-types.ts';
import type { AppDeps } from '../../app-context.ts';
import { defineJob } from '../../platform/queue.ts';
import { jobActorSchema, jobRequestSchema } from './conversations.generate.ts';
import { runConversationJob } from './conversations.pipeline.ts';
import { describeImageJobName, transcribeJobName } from './conversations.service.ts';

/** Provider calls that fail on the provider's side are tried this many more times, then the conversation fails. */
export const conversationRetryLimit = 3;

const jobSchema = z.object({
  conversationId: z.string().min(1),
  actor: jobActorSchema,
  language: z.enum(languages).optional(),
  request: jobRequestSchema,
});

export function conversationJobs(deps: AppDeps) {
  return [transcribeJobName, describeImageJobName].map((name) =>
    defineJob({
      name,
      schema: jobSchema,
      retryLimit: conversationRetryLimit,
      retryDelaySeconds: 10,
      batchSize: 2,
      handler: (data, job) =>
        runConversationJob(deps, data, { isLast: job.attempt >= conversationRetryLimit }),
    }),
  );
}
