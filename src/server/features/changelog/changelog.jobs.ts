import type { AppDeps } from '../../app-context.ts';
import { defineJob } from '../../platform/queue.ts';
import { runEntryPublishJob } from './changelog.publish.ts';
import {
  entryPublishJobName,
  entryPublishJobSchema,
  entryPublishQueuePolicy,
} from './changelog.publish-queue.ts';
import { runSocialPostsJob, socialPostsJobName, socialPostsJobSchema } from './changelog.social.ts';

export function changelogJobs(deps: AppDeps) {
  return [
    defineJob({
      name: entryPublishJobName,
      schema: entryPublishJobSchema,
      policy: entryPublishQueuePolicy,
      retryLimit: 5,
      handler: async (data) => {
        const result = await runEntryPublishJob(deps, data);
        if (result.outcome !== 'skipped')
          deps.log.info({ entryId: data.entryId, ...result }, 'changelog publish job');
      },
    }),
    defineJob({
      name: socialPostsJobName,
      schema: socialPostsJobSchema,
      policy: 'stately',
      retryLimit: 3,
      handler: async (data) => {
        const outcome = await runSocialPostsJob(deps, data);
        if (outcome !== 'waiting')
          deps.log.info({ entryId: data.entryId, outcome }, 'changelog social posts job');
      },
    }),
  ];
}
