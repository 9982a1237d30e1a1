import { z } from 'zod';
import type { AppDeps } from '../../app-context.ts';
import { defineJob } from '../../platform/queue.ts';
import { purgeDeletedStorageObjects } from './storage.purge.ts';

const purgeJobName = 'storage.purge';

// Daily, at a quiet minute; deleted objects wait STORAGE_PURGE_AFTER_DAYS, so once a day is enough.
export const storageSchedules = [{ name: purgeJobName, cron: '43 3 * * *' }];

export function storageJobs(deps: AppDeps) {
  return [
    defineJob({
      name: purgeJobName,
      schema: z.object({}).passthrough(),
      retryLimit: 3,
      handler: async () => {
        const { purged, failed } = await purgeDeletedStorageObjects(deps);
        if (purged > 0 || failed > 0) deps.log.info({ purged, failed }, 'deleted storage objects purged');
      },
    }),
  ];
}
