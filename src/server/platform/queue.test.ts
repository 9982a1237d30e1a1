import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTestApp, type TestApp, waitFor } from '../../../test/harness.ts';
import { rowsOf } from './db-errors.ts';
import { defineJob } from './queue.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ workers: false });
});
afterAll(() => t.close());

async function jobStates(name: string) {
  return rowsOf<{ value: number; state: string; retry_count: number }>(
    await t.deps.db.execute(
      sql`select (data->>'value')::int as value, state, retry_count from pgboss.job where name = ${name} order by value`,
    ),
  );
}

describe('job queue', () => {
  it("a queue first created by a send takes the worker's retry settings when the worker starts", async () => {
    const name = 'test.retry-settings';
    // A web process can send before any worker ever ran: the queue is created with defaults.
    await t.deps.queue.send(name, { value: 0 });
    await t.deps.queue.work([
      defineJob({
        name,
        schema: z.object({ value: z.number() }),
        retryLimit: 7,
        retryDelaySeconds: 3,
        handler: async () => {},
      }),
    ]);
    const [queue] = rowsOf<{ retry_limit: number; retry_delay: number; retry_backoff: boolean }>(
      await t.deps.db.execute(
        sql`select retry_limit, retry_delay, retry_backoff from pgboss.queue where name = ${name}`,
      ),
    );
    expect(queue).toEqual({ retry_limit: 7, retry_delay: 3, retry_backoff: true });
    await t.deps.queue.send(name, { value: 1 });
    const [job] = rowsOf<{ retry_limit: number }>(
      await t.deps.db.execute(
        sql`select retry_limit from pgboss.job where name = ${name} and (data->>'value')::int = 1`,
      ),
    );
    expect(job?.retry_limit).toBe(7);
  });

  it('one failing job of a batch is retried alone; the others of the batch complete', async () => {
    const name = 'test.batch-failures';
    for (const value of [1, 2, 3]) await t.deps.queue.send(name, { value });
    const seen: number[] = [];
    await t.deps.queue.work([
      defineJob({
        name,
        schema: z.object({ value: z.number() }),
        retryLimit: 3,
        retryDelaySeconds: 60,
        batchSize: 3,
        handler: async ({ value }) => {
          seen.push(value);
          if (value === 2) throw new Error('not yet');
        },
      }),
    ]);
    const states = await waitFor(async () => {
      const rows = await jobStates(name);
      return rows.length === 3 && rows.every((row) => row.state !== 'created' && row.state !== 'active')
        ? rows
        : null;
    });
    expect(states.map((row) => [row.value, row.state])).toEqual([
      [1, 'completed'],
      [2, 'retry'],
      [3, 'completed'],
    ]);
    expect(seen.sort()).toEqual([1, 2, 3]);
  });
});
