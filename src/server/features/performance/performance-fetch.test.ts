import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestApp, json, signUp } from '../../../../test/harness.ts';
import { createManualClock } from '../../platform/clock.ts';
import { encryptSecret } from '../../platform/crypto.ts';
import { channels } from '../channels/channels.table.ts';
import { posts } from '../posts/posts.table.ts';
import { type Publisher, publishFailure } from '../publishing/publishers/publisher.ts';
import type { PublishingRuntime } from '../publishing/publishing.service.ts';
import { fetchPostMetrics } from './performance.fetch.ts';

// Fetching numbers through a channel's adapter, with a stand-in adapter (the built-in ones do not
// fetch numbers yet) handed in as the publishing runtime.

const clock = createManualClock(new Date('2027-06-15T12:00:00Z'));
const t = await createTestApp({ clock, workers: false });
afterAll(() => t.close());

let counter = 0;
async function publishedPost() {
  counter += 1;
  const user = await signUp(t, `perf-fetch-${counter}@example.com`, 'Fetch Er');
  const [channel] = await t.deps.db
    .insert(channels)
    .values({
      workspaceId: user.workspaceId,
      kind: 'x',
      name: 'On X',
      externalAccountId: `x-account-${counter}`,
      accessTokenEncrypted: encryptSecret(t.deps.encryptionKey, 'x-token'),
    })
    .returning();
  const created = await t.call('POST', `/api/v1/workspaces/${user.workspaceId}/posts`, {
    cookie: user.cookie,
    body: { platform: 'x', content: { tweets: ['Count me.'], hashtags: [] } },
  });
  const { id } = await json<{ id: string }>(created);
  await t.deps.db
    .update(posts)
    .set({ status: 'published', publishedAt: clock.now(), externalId: 'tweet-42', channelId: channel?.id })
    .where(eq(posts.id, id));
  return { user, postId: id, access: { workspaceId: user.workspaceId, role: 'owner' as const } };
}

function runtimeWith(fetchMetrics: Publisher['fetchMetrics']): PublishingRuntime {
  const publisher: Publisher = {
    kind: 'x',
    publish: async () => ({ externalId: 'unused', externalUrl: null }) as never,
    findPublished: async () => null,
    fetchMetrics,
  };
  return {
    publisherFor: () => publisher,
    withCredentials: (channelId, call) =>
      call({
        channelId,
        accessToken: 'x-token',
        externalAccountId: null,
        authorUrn: null,
        webhookUrl: null,
        webhookSecret: null,
      }),
  };
}

describe('fetching numbers from the platform', () => {
  it('records what the adapter reports as an adapter snapshot, cleaned to whole non-negative numbers', async () => {
    const { postId, access } = await publishedPost();
    const asked: string[] = [];
    const snapshot = await fetchPostMetrics(
      t.deps,
      access,
      postId,
      runtimeWith(async (externalId) => {
        asked.push(externalId);
        return { views: 1200, likes: 40, shares: 5.7, comments: -3, reach: Number.NaN };
      }),
    );
    expect(asked).toEqual(['tweet-42']);
    expect(snapshot).toMatchObject({
      source: 'adapter',
      views: 1200,
      likes: 40,
      shares: 5,
      comments: 0,
      reach: 0,
    });
    expect(snapshot.engagementRate).toBe(45 / 1200);
  });

  it('answers 503 when the platform cannot say, and 409 when the adapter cannot fetch or the post is not out', async () => {
    const { user, postId, access } = await publishedPost();
    await expect(
      fetchPostMetrics(
        t.deps,
        access,
        postId,
        runtimeWith(async () => {
          throw publishFailure('retryable', 'X answered 503', 503);
        }),
      ),
    ).rejects.toMatchObject({ code: 'service_unavailable' });
    const path = `/api/v1/workspaces/${user.workspaceId}/posts/${postId}/metrics/fetch`;
    const unsupported = await t.call('POST', path, { cookie: user.cookie });
    expect(unsupported.status).toBe(409);
    await t.deps.db.update(posts).set({ status: 'failed' }).where(eq(posts.id, postId));
    expect((await t.call('POST', path, { cookie: user.cookie })).status).toBe(409);
    const other = await signUp(t, 'perf-fetch-stranger@example.com');
    const foreign = `/api/v1/workspaces/${other.workspaceId}/posts/${postId}/metrics/fetch`;
    expect((await t.call('POST', foreign, { cookie: other.cookie })).status).toBe(404);
  });
});
