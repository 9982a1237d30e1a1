import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { startWebhookReceiver } from '../../../../test/fakes/webhook-receiver.ts';
import { createTestApp, waitFor } from '../../../../test/harness.ts';
import { draftPost, publishingUser, readPost, scheduled } from '../../../../test/publishing-fixtures.ts';
import { rowsOf } from '../../platform/db-errors.ts';
import { publishJobName } from './publish-queue.ts';

// The same paths through the real job queue and its worker, on the real clock: scheduled posts go out
// when pg-boss starts their job, retries wait for the job the failure enqueued.

const receiver = await startWebhookReceiver();
const t = await createTestApp({
  env: {
    OUTBOUND_ALLOW_PRIVATE_NETWORKS: 'true',
    PUBLISH_RETRY_BASE_MS: '200',
    PUBLISH_TIMEOUT_MS: '5000',
  },
});
afterAll(async () => {
  await t.close();
  await receiver.close();
});

const soon = (ms = 1000) => new Date(Date.now() + ms);

describe('publishing through the job queue', () => {
  it('publishes a scheduled post once, not before its time', async () => {
    const user = await publishingUser(t, receiver.url, 'queue');
    const post = await scheduled(t, user, (await draftPost(t, user)).id, soon());
    const published = await waitFor(async () => {
      const current = await readPost(t, user, post.id);
      return current.status === 'published' && current;
    });
    expect(new Date(published.publishedAt ?? 0).getTime()).toBeGreaterThanOrEqual(
      new Date(post.scheduledAt ?? 0).getTime(),
    );
    const mine = receiver.deliveries.filter((d) => d.postId === post.id);
    expect(mine).toHaveLength(1);
    expect(receiver.verify(mine[0]!, user.secret)).toBe(true);
  });

  it('publishes after a 429 once the retry job runs', async () => {
    const user = await publishingUser(t, receiver.url, 'queue');
    receiver.script({ status: 429, headers: { 'retry-after': '1' } });
    const post = await scheduled(t, user, (await draftPost(t, user, 'Rate limited first.')).id, soon(500));
    await waitFor(async () => (await readPost(t, user, post.id)).status === 'published');
    const mine = receiver.deliveries.filter((d) => d.postId === post.id);
    expect(mine.map((d) => d.status)).toEqual([429, 200]);
    expect(new Set(mine.map((d) => d.key)).size).toBe(1);
  });

  it('delivers once when the same job is sent twice and both run at once', async () => {
    const user = await publishingUser(t, receiver.url, 'queue');
    const post = await scheduled(t, user, (await draftPost(t, user, 'Sent twice.')).id, soon(60_000));
    // Two more jobs for the same post version under other keys, due now: a duplicate delivery.
    for (const key of ['dup-1', 'dup-2']) {
      await t.deps.queue.send(
        publishJobName,
        { postId: post.id, version: post.version },
        { singletonKey: `${post.id}:${key}` },
      );
    }
    // Not due for a minute: both duplicates run and stop. Move the time forward, as a reschedule would.
    await t.deps.db.execute(
      sql`update posts set scheduled_at = now() - interval '1 second' where id = ${post.id}`,
    );
    for (const key of ['dup-3', 'dup-4']) {
      await t.deps.queue.send(
        publishJobName,
        { postId: post.id, version: post.version },
        { singletonKey: `${post.id}:${key}` },
      );
    }
    await waitFor(async () => (await readPost(t, user, post.id)).status === 'published');
    // Every duplicate has run to the end before counting.
    await waitFor(async () => {
      const jobs = rowsOf<{ state: string }>(
        await t.deps.db.execute(
          sql`select state::text as state from pgboss.job where name = ${publishJobName} and singleton_key like ${`${post.id}:dup-%`}`,
        ),
      );
      return jobs.length === 4 && jobs.every((job) => job.state === 'completed');
    });
    expect(receiver.deliveries.filter((d) => d.postId === post.id)).toHaveLength(1);
  });
});
