import type { AppDeps } from '../../app-context.ts';
import { defineJob } from '../../platform/queue.ts';
import { backfillJobName, backfillJobSchema, backfillRetryLimit, runBackfill } from './github.backfill.ts';

export function githubJobs(deps: AppDeps) {
  return [
    defineJob({
      name: backfillJobName,
      schema: backfillJobSchema,
      // Network errors and GitHub's 5xx are retried; a rate limit is waited out without a retry.
      retryLimit: backfillRetryLimit,
      retryDelaySeconds: 30,
      handler: (data, context) => runBackfill(deps, data, context),
    }),
  ];
}
