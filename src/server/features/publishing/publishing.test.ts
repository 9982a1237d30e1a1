import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { startWebhookReceiver } from '../../../../test/fakes/webhook-receiver.ts';
import { createTestApp } from '../../../../test/harness.ts';
import {
  draftPost,
  type PublishingUser,
  publishingUser,
  readPost,
  schedule,
  scheduled,
} from '../../../../test/publishing-fixtures.ts';
import { createManualClock } from '../../platform/clock.ts';
import { rowsOf } from '../../platform/db-errors.ts';
import { notifications } from '../notifications/notifications.table.ts';
import { posts } from '../posts/posts.table.ts';
import { publishJobName } from './publish-queue.ts';
import { sweepDuePosts } from './publishing.jobs.ts';
import { runPublishJob } from './publishing.service.ts';
import { publishAttempts } from './publishing.table.ts';

// The publish handler step by step, on a clock the tests move (no queue worker runs here; the jobs the
// code sends are inspected in pg-boss's table and run by calling the handler).

const clock = createManualClock(new Date('2027-03-27T12:00:00Z'));
const receiver = await startWebhookReceiver();
const t = await createTestApp({
  clock,
  workers: false,
  env: {
    OUTBOUND_ALLOW_PRIVATE_NETWORKS: 'true',
    PUBLISH_MAX_ATTEMPTS: '3',
    PUBLISH_RETRY_BASE_MS: '1000',
    PUBLISH_TIMEOUT_MS: '5000',
  },
});
afterAll(async () => {
  await t.close();
  await receiver.close();
});
beforeEach(() => {
  receiver.releaseHeld();
  receiver.deliveries.length = 0;
  receiver.processed.clear();
  receiver.script();
});

const hour = 3_600_000;
const inAnHour = () => new Date(clock.now().getTime() + hour);
const run = (post: { id: string; version: number }) =>
  runPublishJob(t.deps, { postId: post.id, version: post.version });

async function attemptsOf(postId: string) {
  return t.deps.db
    .select()
    .from(publishAttempts)
    .where(eq(publishAttempts.postId, postId))
    .orderBy(publishAttempts.attemptNumber);
}

async function jobsOf(postId: string) {
  return rowsOf<{ singleton_key: string; state: string; seconds_ahead: number }>(
    await t.deps.db.execute(sql`
      select singleton_key, state::text as state, extract(epoch from (start_after - created_on))::float8 as seconds_ahead
      from pgboss.job where name = ${publishJobName} and data->>'postId' = ${postId} order by created_on`),
  );
}

async function due(user: PublishingUser, text?: string) {
  const post = await scheduled(t, user, (await draftPost(t, user, text)).id, inAnHour());
  clock.advance(hour);
  return post;
}

describe('publishing a scheduled post', () => {
  it('delivers it once at its time, signed, marks it published and tells the author', async () => {
    const user = await publishingUser(t, receiver.url);
    const post = await scheduled(t, user, (await draftPost(t, user)).id, inAnHour());
    expect(await jobsOf(post.id)).toMatchObject([{ singleton_key: `${post.id}:v2:a1`, state: 'created' }]);
    expect(await run(post)).toEqual({ outcome: 'skipped', reason: 'not due yet' });
    clock.advance(hour);
    expect(await run(post)).toEqual({ outcome: 'published', confirmedExisting: false });
    expect(await run(post)).toMatchObject({ outcome: 'skipped' });
    expect(receiver.deliveries).toHaveLength(1);
    const [delivery] = receiver.deliveries;
    expect(receiver.verify(delivery!, user.secret)).toBe(true);
    expect(delivery?.body).toMatchObject({ event: 'post.published', post: { id: post.id, platform: 'x' } });
    expect(await readPost(t, user, post.id)).toMatchObject({
      status: 'published',
      externalId: 'hook-1',
      lastError: null,
    });
    expect(await attemptsOf(post.id)).toMatchObject([{ status: 'succeeded', attemptNumber: 1 }]);
    const [note] = await t.deps.db.select().from(notifications).where(eq(notifications.userId, user.userId));
    expect(note).toMatchObject({ title: 'Post published' });
  });

  it('makes one delivery when the same job is delivered twice at once', async () => {
    const user = await publishingUser(t, receiver.url);
    const post = await due(user);
    receiver.respondWith(() => 'hold');
    const first = run(post);
    await receiver.waitForDeliveries(1);
    // The first delivery's attempt is recorded and under way: the second stops before the platform.
    expect(await run(post)).toEqual({ outcome: 'skipped', reason: 'an attempt is under way' });
    receiver.releaseHeld();
    expect(await first).toMatchObject({ outcome: 'published' });
    expect(receiver.deliveries).toHaveLength(1);
    expect(await attemptsOf(post.id)).toHaveLength(1);
  });

  it('retries a 429 after its Retry-After with the same idempotency key, then publishes', async () => {
    const user = await publishingUser(t, receiver.url);
    const post = await due(user);
    receiver.script({ status: 429, headers: { 'retry-after': '30' } });
    expect(await run(post)).toMatchObject({ outcome: 'failed', kind: 'retryable' });
    expect(await readPost(t, user, post.id)).toMatchObject({
      status: 'scheduled',
      lastError: expect.stringContaining('429'),
    });
    const retry = (await jobsOf(post.id)).at(-1);
    expect(retry?.singleton_key).toBe(`${post.id}:v2:a2`);
    expect(retry?.seconds_ahead).toBeGreaterThanOrEqual(29);
    // An early sweep cannot jump the queue: the handler waits out the backoff as well.
    clock.advance(500);
    expect(await run(post)).toEqual({ outcome: 'skipped', reason: 'backing off after a failure' });
    clock.advance(30_000);
    expect(await run(post)).toMatchObject({ outcome: 'published' });
    expect(receiver.deliveries.map((d) => d.key)).toEqual([
      receiver.deliveries[0]?.key,
      receiver.deliveries[0]?.key,
    ]);
    expect(receiver.processed.size).toBe(1);
    expect((await attemptsOf(post.id)).map((a) => [a.status, a.httpStatus])).toEqual([
      ['failed', 429],
      ['succeeded', null],
    ]);
  });

  it('fails the post after PUBLISH_MAX_ATTEMPTS server errors and tells the author', async () => {
    const user = await publishingUser(t, receiver.url);
    const post = await due(user);
    receiver.script(500, 502, 503, 200);
    for (let i = 0; i < 3; i++) {
      expect(await run(post)).toMatchObject({ outcome: 'failed', kind: 'retryable' });
      clock.advance(hour);
    }
    expect(await run(post)).toMatchObject({ outcome: 'skipped' });
    const final = await readPost(t, user, post.id);
    expect(final.status).toBe('failed');
    expect(final.lastError).toMatch(/answered 503.*gave up after 3 attempts/);
    expect(receiver.deliveries).toHaveLength(3);
    const notes = await t.deps.db.select().from(notifications).where(eq(notifications.userId, user.userId));
    expect(notes.map((n) => n.title)).toContain('Post not published');
  });

  it('fails the post at once on a permanent refusal, with the receiver’s words', async () => {
    const user = await publishingUser(t, receiver.url);
    const post = await due(user);
    receiver.script({ status: 400, body: { error: 'unknown field "tweets"' } });
    expect(await run(post)).toMatchObject({ outcome: 'failed', kind: 'permanent' });
    expect(await readPost(t, user, post.id)).toMatchObject({
      status: 'failed',
      lastError: expect.stringContaining('unknown field'),
    });
    clock.advance(hour);
    expect(await sweepDuePosts(t.deps)).toBe(0);
    expect(receiver.deliveries).toHaveLength(1);
  });
});

describe('cancel, reschedule and time zones', () => {
  it('delivers nothing for a post cancelled before its attempt starts, and refuses to cancel one under way', async () => {
    const user = await publishingUser(t, receiver.url);
    const post = await scheduled(t, user, (await draftPost(t, user)).id, inAnHour());
    const cancel = (id: string) =>
      // A bare POST, no body.
      t.call('POST', `/api/v1/workspaces/${user.workspaceId}/posts/${id}/cancel`, { cookie: user.cookie });
    expect(await (await cancel(post.id)).json()).toMatchObject({ status: 'draft', scheduledAt: null });
    clock.advance(hour);
    expect(await run(post)).toMatchObject({
      outcome: 'skipped',
      reason: 'the post changed since the job was sent',
    });
    expect(await sweepDuePosts(t.deps)).toBe(0);
    expect(receiver.deliveries).toHaveLength(0);

    const busy = await due(user);
    receiver.respondWith(() => 'hold');
    const running = run(busy);
    await receiver.waitForDeliveries(1);
    expect((await cancel(busy.id)).status).toBe(409);
    receiver.releaseHeld();
    await running;
    expect(await readPost(t, user, busy.id)).toMatchObject({ status: 'published' });
  });

  it('moves the time when scheduled again', async () => {
    const user = await publishingUser(t, receiver.url);
    const first = await scheduled(t, user, (await draftPost(t, user)).id, inAnHour());
    const moved = await scheduled(t, user, first.id, new Date(clock.now().getTime() + 2 * hour));
    expect(moved.version).toBe(first.version + 1);
    expect((await jobsOf(first.id)).at(-1)?.seconds_ahead).toBeGreaterThan(2 * 3600 - 5);
    clock.advance(hour);
    expect(await run(first)).toMatchObject({
      outcome: 'skipped',
      reason: 'the post changed since the job was sent',
    });
    expect(await run(moved)).toEqual({ outcome: 'skipped', reason: 'not due yet' });
    clock.advance(hour);
    expect(await run(moved)).toMatchObject({ outcome: 'published' });
    expect(receiver.deliveries).toHaveLength(1);
  });

  it('fires 09:00 Paris time the day after the spring change at 07:00Z', async () => {
    const user = await publishingUser(t, receiver.url);
    const renamed = await t.call('PATCH', `/api/v1/workspaces/${user.workspaceId}`, {
      cookie: user.cookie,
      body: { timezone: 'Europe/Paris' },
    });
    expect(renamed.status).toBe(200);
    clock.set(new Date('2027-03-27T12:00:00Z')); // Saturday; clocks go forward early on Sunday the 28th
    const post = await scheduled(t, user, (await draftPost(t, user)).id, '2027-03-29T09:00');
    expect(post.scheduledAt).toBe('2027-03-29T07:00:00.000Z');
    // The job starts 43 hours later: Saturday 12:00Z to Monday 07:00Z.
    expect((await jobsOf(post.id))[0]?.seconds_ahead).toBeCloseTo(43 * 3600, -1);
    clock.set(new Date('2027-03-29T06:59:00Z'));
    expect(await run(post)).toEqual({ outcome: 'skipped', reason: 'not due yet' });
    clock.set(new Date('2027-03-29T07:00:00Z'));
    expect(await run(post)).toMatchObject({ outcome: 'published' });
    const gap = await schedule(t, user, (await draftPost(t, user)).id, '2028-03-26T02:30');
    expect(gap.status).toBe(422);
  });
});

describe('recovery', () => {
  it('re-enqueues a due post whose job went missing, once', async () => {
    const user = await publishingUser(t, receiver.url);
    const post = await due(user);
    expect(await sweepDuePosts(t.deps)).toBe(0); // its job is still waiting
    await t.deps.queue.boss.deleteQueuedJobs(publishJobName);
    expect(await sweepDuePosts(t.deps)).toBeGreaterThanOrEqual(1);
    expect(await sweepDuePosts(t.deps)).toBe(0);
    expect(await run(post)).toMatchObject({ outcome: 'published' });
  });

  it('holds a post that needs approval until it is approved', async () => {
    const user = await publishingUser(t, receiver.url);
    const draft = await draftPost(t, user, 'Needs a yes first.', { needsApproval: true });
    const post = await scheduled(t, user, draft.id, inAnHour());
    clock.advance(hour);
    expect(await run(post)).toEqual({ outcome: 'skipped', reason: 'awaiting approval' });
    await t.deps.db.update(posts).set({ approvalState: 'approved' }).where(eq(posts.id, post.id));
    await t.deps.queue.boss.deleteQueuedJobs(publishJobName);
    expect(await sweepDuePosts(t.deps)).toBeGreaterThanOrEqual(1);
    expect(await run(post)).toMatchObject({ outcome: 'published' });
  });

  it('recovers an attempt its worker never finished: after the lease, it re-sends with the same key', async () => {
    const user = await publishingUser(t, receiver.url);
    const post = await due(user);
    // What a worker killed mid-call leaves: an attempt `started`, a delivery the receiver got.
    receiver.respondWith(() => 'hold');
    const stuck = run(post);
    await receiver.waitForDeliveries(1);
    expect(await run(post)).toEqual({ outcome: 'skipped', reason: 'an attempt is under way' });
    clock.advance(5 * 60_000); // past the lease (2 × PUBLISH_TIMEOUT_MS + 10 s)
    receiver.respondWith(() => ({ status: 200 }));
    expect(await run(post)).toMatchObject({ outcome: 'published' });
    receiver.releaseHeld();
    await stuck; // the "dead" worker's late answer changes nothing
    expect(receiver.deliveries.map((d) => d.key)).toEqual([
      receiver.deliveries[0]?.key,
      receiver.deliveries[0]?.key,
    ]);
    expect(receiver.processed.size).toBe(1);
    const attempts = await attemptsOf(post.id);
    expect(attempts.map((a) => a.status)).toEqual(['abandoned', 'succeeded']);
    const published = await t.deps.db
      .select()
      .from(posts)
      .where(and(eq(posts.id, post.id), eq(posts.status, 'published')));
    expect(published).toHaveLength(1);
  });
});
