import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { type FakeX, startFakeX } from '../../../../../test/fakes/fake-x.ts';
import { landsThenHangs } from '../../../../../test/fakes/platform-fake.ts';
import { parseConfig } from '../../../config.ts';
import { createManualClock } from '../../../platform/clock.ts';
import {
  type ChannelCredentials,
  isPublishFailure,
  type PublishablePost,
  type PublishFailure,
} from './publisher.ts';
import { createXPublisher, progressIds } from './x-publisher.ts';

// The X adapter against the local fake: threads as reply chains, failure kinds, resuming a thread cut
// short, and finding an earlier attempt on the timeline.

const x: FakeX = await startFakeX();
afterAll(() => x.close());

const clock = createManualClock(new Date('2027-03-29T07:00:00Z'));
const config = parseConfig({
  NODE_ENV: 'test',
  X_API_BASE_URL: x.url,
  OUTBOUND_ALLOW_PRIVATE_NETWORKS: 'true',
  // A hung call gives up quickly; no test asserts how long anything takes.
  PUBLISH_TIMEOUT_MS: '500',
});
const publisher = createXPublisher({ config, clock });
let credentials: ChannelCredentials;
let run = 0;

beforeEach(() => {
  credentials = {
    channelId: 'channel-x',
    accessToken: x.mintAccessToken(),
    externalAccountId: x.user.id,
    authorUrn: null,
    webhookUrl: null,
    webhookSecret: null,
  };
  run += 1;
});

/** Each test its own texts: the fake, like X, refuses a duplicate tweet. */
function thread(...parts: string[]): PublishablePost {
  return {
    postId: `post-${run}`,
    platform: 'x',
    parts: parts.map((part) => `${part} (run ${run})`),
    content: { tweets: parts },
    media: [],
    idempotencyKey: `herald-post-${run}-v1`,
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

const tweetsOf = (post: PublishablePost) => x.tweets.filter((t) => post.parts.includes(t.text));

describe('publishing to X', () => {
  it('a thread is posted as a reply chain, each tweet replying to the one before', async () => {
    const post = thread(
      'First, the news.',
      'Second, the detail.',
      'Third, the link: https://herald.example/a?b=1&c=2',
    );
    const ref = await publisher.publish(post, credentials);
    const [first, second, third] = tweetsOf(post);
    expect(ref).toEqual({ externalId: first?.id, externalUrl: `https://x.com/i/web/status/${first?.id}` });
    expect([first?.inReplyTo, second?.inReplyTo, third?.inReplyTo]).toEqual([null, first?.id, second?.id]);
    const sent = x.requests.filter((r) => r.path === '/2/tweets').slice(-3);
    expect(sent.map((r) => r.headers.authorization)).toEqual(
      Array(3).fill(`Bearer ${credentials.accessToken}`),
    );
    expect(JSON.parse(sent[1]?.raw ?? '{}')).toEqual({
      text: post.parts[1],
      reply: { in_reply_to_tweet_id: first?.id },
    });
  });

  it('a 429 is retryable after the time X names in x-rate-limit-reset', async () => {
    const reset = clock.now().getTime() / 1000 + 90;
    x.failTweetCall(x.tweetCalls() + 1, {
      status: 429,
      headers: { 'x-rate-limit-reset': String(reset), 'x-rate-limit-remaining': '0' },
      body: { title: 'Too Many Requests', detail: 'Too Many Requests', status: 429 },
    });
    const failure = await failureOf(publisher.publish(thread('Rate limited'), credentials));
    expect(failure).toMatchObject({
      kind: 'retryable',
      httpStatus: 429,
      retryAfterMs: 90_000,
      progress: null,
    });
  });

  it('a 5xx is retryable, a 401 asks for a token refresh, a duplicate (403) fails for good with X’s words', async () => {
    x.failTweetCall(x.tweetCalls() + 1, { status: 503, body: { title: 'Service Unavailable', status: 503 } });
    expect(await failureOf(publisher.publish(thread('Busy'), credentials))).toMatchObject({
      kind: 'retryable',
      httpStatus: 503,
    });
    const expired = { ...credentials, accessToken: 'xat_not_a_token' };
    expect(await failureOf(publisher.publish(thread('Expired'), expired))).toMatchObject({
      kind: 'auth',
      httpStatus: 401,
    });
    const post = thread('Said once');
    await publisher.publish(post, credentials);
    const duplicate = await failureOf(publisher.publish(post, credentials));
    expect(duplicate).toMatchObject({ kind: 'permanent', httpStatus: 403 });
    expect(duplicate.message).toContain('You are not allowed to create a Tweet with duplicate content.');
  });

  it('media is refused before anything is posted (not uploaded yet)', async () => {
    const post = {
      ...thread('With a photo'),
      media: [{ url: 'https://h.example/p.png', contentType: 'image/png', fileName: 'p.png' }],
    };
    const calls = x.tweetCalls();
    expect(await failureOf(publisher.publish(post, credentials))).toMatchObject({ kind: 'permanent' });
    expect(x.tweetCalls()).toBe(calls);
  });
});

describe('a thread cut short', () => {
  it('resumes from the recorded progress without posting its first tweets again', async () => {
    const post = thread('One', 'Two', 'Three');
    x.failTweetCall(x.tweetCalls() + 2, { status: 500, body: { title: 'Internal Error', status: 500 } });
    const failure = await failureOf(publisher.publish(post, credentials));
    const [first] = tweetsOf(post);
    expect(failure).toMatchObject({ kind: 'retryable', httpStatus: 500, progress: first?.id });
    expect(failure.message).toContain('tweet 2 of 3, after 1 posted');

    const ref = await publisher.publish({ ...post, resumeFrom: failure.progress }, credentials);
    const posted = tweetsOf(post);
    expect(posted.map((t) => t.text)).toEqual(post.parts);
    expect(posted.map((t) => t.inReplyTo)).toEqual([null, posted[0]?.id, posted[1]?.id]);
    expect(ref.externalId).toBe(first?.id);
  });

  it('after a timeout whose tweet did land, findPublished extends the progress and the resume posts only the rest', async () => {
    const post = thread('Alpha', 'Beta', 'Gamma');
    const since = new Date();
    x.failTweetCall(x.tweetCalls() + 2, landsThenHangs);
    const failure = await failureOf(publisher.publish(post, credentials));
    expect(failure).toMatchObject({ kind: 'retryable', httpStatus: null });
    expect(progressIds(failure.progress)).toHaveLength(1);

    const found = await failureOf(
      publisher.findPublished({ ...post, resumeFrom: failure.progress }, credentials, since),
    );
    expect(found).toMatchObject({ kind: 'retryable', retryAfterMs: 0 });
    expect(progressIds(found.progress)).toEqual(tweetsOf(post).map((t) => t.id));
    expect(
      await publisher.findPublished({ ...post, resumeFrom: found.progress }, credentials, since),
    ).toBeNull();

    await publisher.publish({ ...post, resumeFrom: found.progress }, credentials);
    const posted = tweetsOf(post);
    expect(posted.map((t) => t.text)).toEqual(post.parts);
    expect(posted.map((t) => t.inReplyTo)).toEqual([null, posted[0]?.id, posted[1]?.id]);
  });
});

describe('finding an earlier attempt', () => {
  it('finds a thread posted in full, though X shortened its links and escaped its ampersands', async () => {
    const post = thread(
      'Read this & that: https://herald.example/changelog?x=1&y=2',
      'And herald.example/docs too',
    );
    const since = new Date();
    const ref = await publisher.publish(post, credentials);
    expect(x.tweets.find((t) => t.id === ref.externalId)?.text).toContain('https://herald.example');
    expect(await publisher.findPublished(post, credentials, since)).toEqual(ref);
    const timeline = x.requests.filter((r) => r.path.endsWith('/tweets') && r.method === 'GET').at(-1);
    expect(timeline?.query.get('tweet.fields')).toContain('referenced_tweets');
  });

  it('answers null when nothing of the post appeared since the attempt started', async () => {
    const post = thread('Never sent');
    expect(await publisher.findPublished(post, credentials, new Date())).toBeNull();
    // The same text long before the attempt is someone else's tweet, not this attempt's.
    x.addTweet(post.parts[0] ?? '', { createdAt: new Date(Date.now() - 3_600_000) });
    expect(await publisher.findPublished(post, credentials, new Date())).toBeNull();
  });

  it('reports a thread found only in part as progress, so the rest is posted without its start', async () => {
    const post = thread('Opening tweet', 'Closing tweet');
    const since = new Date();
    const opening = x.addTweet(post.parts[0] ?? '');
    const partial = await failureOf(publisher.findPublished(post, credentials, since));
    expect(partial).toMatchObject({ kind: 'retryable', progress: opening.id, retryAfterMs: 0 });
    await publisher.publish({ ...post, resumeFrom: partial.progress }, credentials);
    expect(tweetsOf(post).map((t) => [t.text, t.inReplyTo])).toEqual([
      [post.parts[0], null],
      [post.parts[1], opening.id],
    ]);
  });

  it('an expired token while checking is an auth failure, to refresh and ask again', async () => {
    const failure = await failureOf(
      publisher.findPublished(thread('Checking'), { ...credentials, accessToken: 'xat_gone' }, new Date()),
    );
    expect(failure).toMatchObject({ kind: 'auth', httpStatus: 401 });
  });
});
