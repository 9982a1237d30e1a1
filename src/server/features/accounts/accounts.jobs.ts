import { z } from 'zod';
import type { AppDeps } from '../../app-context.ts';
import { defineJob } from '../../platform/queue.ts';
import { purgeDeletedAccounts } from './accounts.service.ts';

const purgeJobName = 'accounts.purge-deleted';

export const accountSchedules = [{ name: purgeJobName, cron: '17 * * * *' }];

export function accountJobs(deps: AppDeps) {
  return [
    defineJob({
      name: purgeJobName,
      schema: z.object({}).passthrough(),
      retryLimit: 3,
      handler: async () => {
        const purged = await purgeDeletedAccounts(deps);
        if (purged > 0) deps.log.info({ purged }, 'deleted accounts purged');
      },
    }),
  ];
}
