// How a scheduled entry gets onto the job queue: `changelog.publish {entryId, version}` sent in the
// transaction that schedules it, to start at its time (the delay measured on Herald's clock, as the
// posts' publish queue does), keyed per entry version. The queue is `stately`: at most one waiting and
// one running job per key, so a duplicate send is refused, while a job that finds itself started early
// can still put its successor in line.
import { z } from 'zod';
import type { AppDeps } from '../../app-context.ts';
import type { Database } from '../../platform/db.ts';
import type { Queue } from '../../platform/queue.ts';

export const entryPublishJobName = 'changelog.publish';

export const entryPublishJobSchema = z.object({
  entryId: z.string().min(1),
  version: z.number().int().min(1),
});
export type EntryPublishJob = z.infer<typeof entryPublishJobSchema>;

export const entryPublishQueuePolicy = 'stately' as const;

/** Call before opening a transaction that sends (see Queue.ensureQueue). */
export function ensureEntryPublishQueue(queue: Queue): Promise<void> {
  return queue.ensureQueue(entryPublishJobName, { policy: entryPublishQueuePolicy });
}

export async function enqueueEntryPublish(
  deps: Pick<AppDeps, 'queue' | 'clock'>,
  entry: { id: string; version: number; scheduledAt: Date | null },
  tx?: Database,
): Promise<string | null> {
  const delaySeconds = Math.max(0, ((entry.scheduledAt?.getTime() ?? 0) - deps.clock.now().getTime()) / 1000);
  if (!tx) await ensureEntryPublishQueue(deps.queue);
  return deps.queue.send(
    entryPublishJobName,
    { entryId: entry.id, version: entry.version } satisfies EntryPublishJob,
    {
      tx,
      singletonKey: `${entry.id}:v${entry.version}`,
      startAfter: delaySeconds > 0 ? Number(delaySeconds.toFixed(3)) : undefined,
    },
  );
}
