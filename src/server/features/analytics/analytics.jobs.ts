import { z } from 'zod';
import type { AppDeps } from '../../app-context.ts';
import { defineJob } from '../../platform/queue.ts';
import { purgeOldSalts } from './visitor-id.ts';

export const purgeSaltsJobName = 'analytics.purge-salts';

// Hourly: a day's salt is gone within an hour of its day becoming more than one day old.
export const analyticsSchedules = [{ name: purgeSaltsJobName, cron: '7 * * * *' }];

export function analyticsJobs(deps: AppDeps) {
  return [
    defineJob({
      name: purgeSaltsJobName,
      schema: z.object({}).passthrough(),
      retryLimit: 3,
      handler: async () => {
        const purged = await purgeOldSalts(deps);
        if (purged > 0) deps.log.info({ purged }, 'old analytics salts deleted');
      },
    }),
  ];
}
