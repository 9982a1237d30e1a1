import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { connectThroughFake, platformEnv } from '../../../../test/channel-connect.ts';
import { startFakeLinkedIn } from '../../../../test/fakes/fake-linkedin.ts';
import { startFakeX } from '../../../../test/fakes/fake-x.ts';
import { createTestApp, json, signUp } from '../../../../test/harness.ts';
import { channels } from '../channels/channels.table.ts';
import { posts } from '../posts/posts.table.ts';
import { type PublishOutcome, runPublishJob } from './publishing.service.ts';
import { publishAttempts } from './publishing.table.ts';

// Exactly once against a platform that can be asked: the local fake X. When an attempt's answer is
// lost (or X answers 503 after posting), the next attempt finds the tweet instead of posting again.

const x = await startFakeX();
const linkedIn = await startFakeLinkedIn();
const t = await createTestApp({
  workers: false,
  env: platformEnv(x, linkedIn, { PUBLISH_TIMEOUT_MS: '1000', PUBLISH_RETRY_BASE_MS: '10' }),
});
afterAll(async () => {
  await t.close();
  await x.close();
  await linkedIn.close();
});

let counter = 0;

/** A connected X channel and a post scheduled on it that is already due. */
async function duePost(text: string) {
  counter += 1;
  const user = await signUp(t, `x-publish-${counter}@example.com`);
  await connectThroughFake(t, user.cookie, user.workspaceId, 'x');
  const [channel] = await t.deps.db.select().from(channels).where(eq(channels.workspaceId, user.workspaceId));
  const base = `/api/v1/workspaces/${user.workspaceId}/posts`;
  const draft = await json<{ id: string }>(
    await t.call('POST', base, {
      cookie: user.cookie,
      body: { platform: 'x', content: { tweets: [`${text} ${counter}`], hashtags: [] } },
    }),
  );
  const scheduledAt = new Date(Date.now() + 200).toISOString();
  const post = await json<{ id: string; version: number }>(
    await t.call('POST', `${base}/${draft.id}/schedule`, {
      cookie: user.cookie,
      body: { scheduledAt, channelId: channel?.id },
    }),
  );
  await new Promise((resolve) => setTimeout(resolve, 250));
  return { post, channelId: channel?.id ?? '' };
}

/** Runs the job until it publishes or gives up, as the queue's retries would. */
async function runToTheEnd(post: { id: string; version: number }): Promise<PublishOutcome[]> {
  const outcomes: PublishOutcome[] = [];
  for (let i = 0; i < 6; i++) {
    const outcome = await runPublishJob(t.deps, { postId: post.id, version: post.version });
    outcomes.push(outcome);
    if (outcome.outcome === 'published' || (outcome.outcome === 'failed' && outcome.kind !== 'retryable'))
      break;
    await new Promise((resolve) => setTimeout(resolve, 60)); // past the 10 ms backoff
  }
  return outcomes;
}

const attemptsOf = (postId: string) =>
  t.deps.db
    .select()
    .from(publishAttempts)
    .where(eq(publishAttempts.postId, postId))
    .orderBy(publishAttempts.attemptNumber);

describe('publishing to X exactly once', () => {
  it('finds the tweet whose answer was lost instead of posting it again', async () => {
    const { post } = await duePost('Lost answer');
    x.failTweetCall(x.tweetCalls() + 1, { status: 200, hang: true, land: true });
    const tweetsBefore = x.tweets.length;
    const outcomes = await runToTheEnd(post);
    expect(outcomes.map((o) => o.outcome)).toEqual(['failed', 'published']);
    expect(outcomes[1]).toEqual({ outcome: 'published', confirmedExisting: true });
    expect(x.tweets.length - tweetsBefore).toBe(1);
    expect((await attemptsOf(post.id)).map((a) => [a.status, a.errorKind])).toEqual([
      ['failed', 'unknown'],
      ['confirmed_existing', null],
    ]);
    const [row] = await t.deps.db.select().from(posts).where(eq(posts.id, post.id));
    expect(row).toMatchObject({ status: 'published', externalId: x.tweets.at(-1)?.id });
  });

  it('finds a tweet X posted though it answered 503', async () => {
    const { post } = await duePost('Posted anyway');
    const callsBefore = x.tweetCalls();
    x.failTweetCall(callsBefore + 1, { status: 503, body: { title: 'Service Unavailable' }, land: true });
    const outcomes = await runToTheEnd(post);
    expect(outcomes.at(-1)).toEqual({ outcome: 'published', confirmedExisting: true });
    expect(x.tweetCalls() - callsBefore).toBe(1);
  });

  it('refreshes an expired token and posts once', async () => {
    const { post } = await duePost('After a refresh');
    x.expireAccessTokens();
    const callsBefore = x.tweetCalls();
    const outcomes = await runToTheEnd(post);
    expect(outcomes).toEqual([{ outcome: 'published', confirmedExisting: false }]);
    expect(x.tweetCalls() - callsBefore).toBe(2); // the 401, then the tweet with the new token
  });

  it('fails the post and asks for a reconnect when the refresh is refused', async () => {
    const { post, channelId } = await duePost('Revoked');
    x.expireAccessTokens();
    x.revokeRefreshTokens();
    const outcomes = await runToTheEnd(post);
    expect(outcomes.at(-1)).toMatchObject({ outcome: 'failed', kind: 'permanent' });
    const [row] = await t.deps.db.select().from(posts).where(eq(posts.id, post.id));
    expect(row?.status).toBe('failed');
    const [channel] = await t.deps.db.select().from(channels).where(eq(channels.id, channelId));
    expect(channel?.status).toBe('needs_reauth');
  });
});
