import type { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { fromDrizzle, fromPglite, type JobResult, PgBoss, type QueuePolicy, type SendOptions } from 'pg-boss';
import type { z } from 'zod';
import type { Database } from './db.ts';
import type { Logger } from './logger.ts';

export interface JobContext {
  jobId: string;
  attempt: number;
}

export interface JobDefinition<Schema extends z.ZodType = z.ZodType> {
  name: string;
  schema: Schema;
  handler: (data: z.infer<Schema>, context: JobContext) => Promise<void>;
  retryLimit?: number;
  retryDelaySeconds?: number;
  /** Concurrency per process. */
  batchSize?: number;
  /** Workers polling this queue in each process, each with its own batch (jobs of a batch run one by one). */
  localConcurrency?: number;
  /** Fetch again at once, without the polling pause, while fetches come back full (a backlog). */
  burstWhenBatchFull?: boolean;
  /** pg-boss queue policy, set when the queue is created (`exclusive`: one waiting job per singletonKey). */
  policy?: QueuePolicy;
}

export function defineJob<Schema extends z.ZodType>(
  definition: JobDefinition<Schema>,
): JobDefinition<Schema> {
  return definition;
}

export interface Queue {
  /** Enqueue a job; pass `tx` to make the enqueue part of that transaction. */
  send(name: string, data: object, options?: SendOptions & { tx?: Database }): Promise<string | null>;
  /**
   * Creates the queue (with a policy) unless it exists. `send` does this itself, but outside any
   * transaction: on PGlite's one connection, doing it inside `send({ tx })` would wait on the
   * transaction forever, so callers that send in a transaction call this before opening it.
   */
  ensureQueue(name: string, options?: { policy?: QueuePolicy }): Promise<void>;
  work(definitions: JobDefinition[]): Promise<void>;
  ping(): Promise<void>;
  stop(): Promise<void>;
  boss: PgBoss;
}

export interface CreateQueueOptions {
  pglite?: PGlite;
  databaseUrl?: string;
  log: Logger;
  pollingIntervalSeconds?: number;
}

// Queue names are created on first use; the set remembers which exist so `send` stays one query.
export async function createQueue(options: CreateQueueOptions): Promise<Queue> {
  const boss = options.pglite
    ? new PgBoss({ db: fromPglite(options.pglite), backend: 'pglite', schema: 'pgboss' })
    : new PgBoss({ connectionString: options.databaseUrl, schema: 'pgboss', max: 4 });
  boss.on('error', (error: Error) => options.log.error({ err: error }, 'job queue error'));
  await boss.start();
  const knownQueues = new Set((await boss.getQueues()).map((queue) => queue.name));
  const retryOptionsOf = (definition?: JobDefinition) => ({
    retryLimit: definition?.retryLimit ?? 5,
    retryDelay: definition?.retryDelaySeconds ?? 5,
    retryBackoff: true,
  });
  const ensureQueue = async (name: string, queueOptions: { policy?: QueuePolicy } = {}) => {
    if (knownQueues.has(name)) return;
    await boss.createQueue(name, { ...retryOptionsOf(), ...queueOptions });
    // createQueue empties pg-boss's cache entry for the queue, and the next send would refill it on
    // its own connection: inside `send({ tx })` on PGlite that waits on the transaction forever.
    await boss.getJobById(name, '00000000-0000-0000-0000-000000000000');
    knownQueues.add(name);
  };
  // A queue may already exist (an earlier run, or a `send` before the worker started) with other
  // retry settings; jobs copy them from the queue when they are sent, so the worker's definition is
  // written onto the queue every time it starts.
  const applyDefinition = async (definition: JobDefinition) => {
    if (knownQueues.has(definition.name)) {
      await boss.updateQueue(definition.name, retryOptionsOf(definition));
    } else {
      await boss.createQueue(definition.name, { ...retryOptionsOf(definition), policy: definition.policy });
      knownQueues.add(definition.name);
    }
  };
  let stopped = false;
  return {
    boss,
    ensureQueue,
    async send(name, data, sendOptions = {}) {
      await ensureQueue(name);
      const { tx, ...rest } = sendOptions;
      return boss.send(name, data, tx ? { ...rest, db: fromDrizzle(tx as never, sql as never) } : rest);
    },
    async work(definitions) {
      for (const definition of definitions) {
        await applyDefinition(definition);
        await boss.work(
          definition.name,
          {
            pollingIntervalSeconds: options.pollingIntervalSeconds ?? 1,
            batchSize: definition.batchSize ?? 1,
            localConcurrency: definition.localConcurrency ?? 1,
            burstWhenBatchFull: definition.burstWhenBatchFull ?? false,
            // Each job of a batch succeeds or fails (and is retried) on its own: one failing job
            // must not send the rest of its batch back to wait for a retry.
            perJobResults: true,
          },
          async (jobs) => {
            const results: JobResult[] = [];
            for (const job of jobs) {
              const parsed = definition.schema.safeParse(job.data);
              if (!parsed.success) {
                // A payload that does not match will never match: log and drop instead of retrying.
                options.log.error({ job: definition.name, jobId: job.id }, 'invalid job payload dropped');
                results.push({ id: job.id, status: 'completed' });
                continue;
              }
              try {
                await definition.handler(parsed.data, { jobId: job.id, attempt: job.retryCount ?? 0 });
                results.push({ id: job.id, status: 'completed' });
              } catch (error) {
                options.log.warn(
                  { err: error, job: definition.name, jobId: job.id },
                  'job failed; retried later',
                );
                results.push({ id: job.id, status: 'failed', output: { message: (error as Error).message } });
              }
            }
            return results;
          },
        );
      }
    },
    async ping() {
      await boss.getQueues();
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await boss.stop({ graceful: true, timeout: 10_000 });
    },
  };
}
