import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectThroughFake, platformEnv } from '../../../../test/channel-connect.ts';
import { type FakeLinkedIn, startFakeLinkedIn } from '../../../../test/fakes/fake-linkedin.ts';
import { type FakeX, startFakeX } from '../../../../test/fakes/fake-x.ts';
import { createTestApp, signUp, type TestApp } from '../../../../test/harness.ts';
import { createManualClock } from '../../platform/clock.ts';
import { decryptSecret } from '../../platform/crypto.ts';
import {
  isPublishFailure,
  type PublishablePost,
  type PublishFailure,
} from '../publishing/publishers/publisher.ts';
import { publisherFor } from '../publishing/publishers/publisher-registry.ts';
import { getChannelCredentials, refreshChannelToken, withChannelCredentials } from './channels.service.ts';
import { channels } from './channels.table.ts';

// Access tokens run out (X: two hours; LinkedIn: about sixty days): refreshed before use when close to
// expiry, refreshed after a 401, and a channel whose refresh is refused asks to be connected again.

const clock = createManualClock(new Date());
let x: FakeX;
let linkedIn: FakeLinkedIn;
let t: TestApp;
let run = 0;

beforeAll(async () => {
  x = await startFakeX();
  linkedIn = await startFakeLinkedIn();
  t = await createTestApp({ clock, workers: false, env: platformEnv(x, linkedIn) });
});
afterAll(async () => {
  await t.close();
  await x.close();
  await linkedIn.close();
});

async function connectedChannel(kind: 'x' | 'linkedin') {
  run += 1;
  const user = await signUp(t, `tokens-${run}@channels.example`);
  await connectThroughFake(t, user.cookie, user.workspaceId, kind);
  const [row] = await t.deps.db.select().from(channels).where(eq(channels.workspaceId, user.workspaceId));
  if (!row) throw new Error('no channel');
  return row;
}

const rowOf = async (id: string) => (await t.deps.db.select().from(channels).where(eq(channels.id, id)))[0];

function tweet(text: string): PublishablePost {
  return {
    postId: `p-${run}`,
    platform: 'x',
    parts: [`${text} ${run}`],
    content: {},
    media: [],
    idempotencyKey: `k-${run}`,
  };
}

async function failureOf(promise: Promise<unknown>): Promise<PublishFailure> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!isPublishFailure(error)) throw new Error(`expected a publish failure, got ${String(error)}`);
  return error;
}

const refreshRequests = () =>
  x.requests.filter((r) => r.path === '/2/oauth2/token' && r.raw.includes('grant_type=refresh_token'));

describe('refreshing X tokens', () => {
  it('a token expiring within a minute is refreshed before it is handed out, and both new tokens are stored encrypted', async () => {
    const channel = await connectedChannel('x');
    const before = await getChannelCredentials(t.deps, channel.id);
    expect(refreshRequests()).toHaveLength(0);
    clock.advance(7200_000 - 30_000);
    const after = await getChannelCredentials(t.deps, channel.id);
    expect(refreshRequests()).toHaveLength(1);
    expect(after.accessToken).not.toBe(before.accessToken);
    const row = await rowOf(channel.id);
    expect(decryptSecret(t.deps.encryptionKey, row?.accessTokenEncrypted ?? '')).toBe(after.accessToken);
    // X rotates refresh tokens: the stored one is the new one.
    expect(row?.refreshTokenEncrypted).not.toBe(channel.refreshTokenEncrypted);
    expect(row?.tokenExpiresAt?.getTime()).toBe(clock.now().getTime() + 7200_000);
  });

  it('a token X refuses (401) is refreshed and the publish then succeeds', async () => {
    const channel = await connectedChannel('x');
    x.expireAccessTokens();
    const publisher = publisherFor('x', t.deps);
    const post = tweet('Posted after a refresh');
    const ref = await withChannelCredentials(t.deps, channel.id, (credentials) =>
      publisher.publish(post, credentials),
    );
    expect(x.tweets.find((tw) => tw.id === ref.externalId)?.text).toBe(post.parts[0]);
    const attempts = x.requests.filter((r) => r.path === '/2/tweets').slice(-2);
    expect(attempts[0]?.headers.authorization).not.toBe(attempts[1]?.headers.authorization);
    expect((await rowOf(channel.id))?.status).toBe('active');
  });

  it('a refused refresh marks the channel needs_reauth and fails for good, naming what to do', async () => {
    const channel = await connectedChannel('x');
    x.expireAccessTokens();
    x.revokeRefreshTokens();
    const publisher = publisherFor('x', t.deps);
    const failure = await failureOf(
      withChannelCredentials(t.deps, channel.id, (credentials) =>
        publisher.publish(tweet('Never'), credentials),
      ),
    );
    expect(failure).toMatchObject({ kind: 'permanent', httpStatus: 401 });
    expect(failure.message).toMatch(/connect the X account again/);
    const row = await rowOf(channel.id);
    expect(row?.status).toBe('needs_reauth');
    expect(row?.lastError).toContain('X refused to renew access');
    expect(row?.lastError).not.toMatch(/xrt_|xat_/);
    expect(await failureOf(getChannelCredentials(t.deps, channel.id))).toMatchObject({ kind: 'permanent' });
  });

  it('a 401 in the middle of a thread renews access and hands back the progress, so the rest follows without the start', async () => {
    const channel = await connectedChannel('x');
    const publisher = publisherFor('x', t.deps);
    const post = { ...tweet('Thread start'), parts: [`Thread start ${run}`, `Thread end ${run}`] };
    x.failTweetCall(x.tweetCalls() + 2, { status: 401, body: { title: 'Unauthorized', status: 401 } });
    const failure = await failureOf(
      withChannelCredentials(t.deps, channel.id, (credentials) => publisher.publish(post, credentials)),
    );
    const first = x.tweets.find((tw) => tw.text === post.parts[0]);
    expect(failure).toMatchObject({ kind: 'retryable', retryAfterMs: 0, progress: first?.id });
    await withChannelCredentials(t.deps, channel.id, (credentials) =>
      publisher.publish({ ...post, resumeFrom: failure.progress }, credentials),
    );
    expect(x.tweets.filter((tw) => post.parts.includes(tw.text)).map((tw) => tw.inReplyTo)).toEqual([
      null,
      first?.id,
    ]);
  });

  it('two refreshes at once make one call to X, so the rotated refresh token is spent once', async () => {
    const channel = await connectedChannel('x');
    const calls = refreshRequests().length;
    const [a, b] = await Promise.all([
      refreshChannelToken(t.deps, channel.id),
      refreshChannelToken(t.deps, channel.id),
    ]);
    expect(refreshRequests()).toHaveLength(calls + 1);
    expect(a.accessToken).toBe(b.accessToken);
    // A caller holding an older token than the stored one gets the stored one, without a refresh.
    const again = await refreshChannelToken(t.deps, channel.id, { staleAccessToken: 'xat_older' });
    expect(again.accessToken).toBe(a.accessToken);
    expect(refreshRequests()).toHaveLength(calls + 1);
  });
});

describe('LinkedIn without refresh tokens', () => {
  it('an expired LinkedIn token without a refresh token asks for the account to be connected again', async () => {
    const channel = await connectedChannel('linkedin');
    expect(channel.refreshTokenEncrypted).toBeNull();
    expect((await getChannelCredentials(t.deps, channel.id)).authorUrn).toBe(
      `urn:li:person:${linkedIn.member.sub}`,
    );
    clock.advance(5_184_000_000 + 1000);
    const failure = await failureOf(getChannelCredentials(t.deps, channel.id));
    expect(failure.message).toMatch(/connect the LinkedIn account again/);
    expect((await rowOf(channel.id))?.status).toBe('needs_reauth');
  });
});
