import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { type FakeLinkedIn, startFakeLinkedIn } from '../../../../../test/fakes/fake-linkedin.ts';
import { landsThenHangs } from '../../../../../test/fakes/platform-fake.ts';
import { parseConfig } from '../../../config.ts';
import { createManualClock } from '../../../platform/clock.ts';
import { createLinkedInPublisher, fromLittleText, toLittleText } from './linkedin-publisher.ts';
import {
  type ChannelCredentials,
  isPublishFailure,
  type PublishablePost,
  type PublishFailure,
} from './publisher.ts';

// The LinkedIn adapter against the local fake: member and page posts through the versioned Posts API,
// the little text format, failure kinds, and finding an earlier attempt.

const linkedIn: FakeLinkedIn = await startFakeLinkedIn();
afterAll(() => linkedIn.close());

const clock = createManualClock(new Date('2027-03-29T07:00:00Z'));
const config = parseConfig({
  NODE_ENV: 'test',
  LINKEDIN_API_BASE_URL: linkedIn.url,
  LINKEDIN_API_VERSION: '202601',
  OUTBOUND_ALLOW_PRIVATE_NETWORKS: 'true',
  PUBLISH_TIMEOUT_MS: '500',
});
const publisher = createLinkedInPublisher({ config, clock });
const memberUrn = `urn:li:person:${linkedIn.member.sub}`;
let token: string;
let run = 0;

beforeEach(() => {
  token = linkedIn.mintAccessToken();
  run += 1;
});

const as = (authorUrn: string): ChannelCredentials => ({
  channelId: 'channel-li',
  accessToken: token,
  externalAccountId: null,
  authorUrn,
  webhookUrl: null,
  webhookSecret: null,
});

function post(...parts: string[]): PublishablePost {
  return {
    postId: `post-${run}`,
    platform: 'linkedin',
    parts: [...parts.slice(0, -1), `${parts.at(-1)} (run ${run})`],
    content: { text: parts.join('\n\n') },
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

describe('the little text format', () => {
  it('escapes LinkedIn’s reserved characters but keeps links and hashtags, and reads back to the same text', () => {
    const text =
      'Big (really) news @team: 50% off_now [today] <3 ~ *wow* | {x} \\ # #launch https://h.example/a_(b)?c=1';
    const little = toLittleText(text);
    expect(little).toBe(
      'Big \\(really\\) news \\@team: 50% off\\_now \\[today\\] \\<3 \\~ \\*wow\\* \\| \\{x\\} \\\\ \\# #launch https://h.example/a_(b)?c=1',
    );
    expect(fromLittleText(little)).toBe(text);
    expect(fromLittleText('Ship it {hashtag|\\#|launch}')).toBe('Ship it #launch');
  });
});

describe('publishing to LinkedIn', () => {
  it('a member post joins the parts, sends the versioned headers and returns the URN from x-restli-id', async () => {
    const content = post('First paragraph (with parentheses).', 'Second one #herald');
    const ref = await publisher.publish(content, as(memberUrn));
    const stored = linkedIn.posts.at(-1);
    expect(ref).toEqual({
      externalId: stored?.id,
      externalUrl: `https://www.linkedin.com/feed/update/${stored?.id}`,
    });
    expect(stored?.author).toBe(memberUrn);
    expect(fromLittleText(stored?.commentary ?? '')).toBe(content.parts.join('\n\n'));
    const request = linkedIn.requests.filter((r) => r.method === 'POST' && r.path === '/rest/posts').at(-1);
    expect(request?.headers['linkedin-version']).toBe('202601');
    expect(request?.headers['x-restli-protocol-version']).toBe('2.0.0');
    expect(JSON.parse(request?.raw ?? '{}')).toMatchObject({
      visibility: 'PUBLIC',
      lifecycleState: 'PUBLISHED',
    });
  });

  it('a page post goes out as the organization', async () => {
    const ref = await publisher.publish(post('From the bakery'), as('urn:li:organization:1001'));
    expect(linkedIn.posts.find((p) => p.id === ref.externalId)?.author).toBe('urn:li:organization:1001');
  });

  it('401 asks for a refresh, 429 and 5xx are retryable, another refusal fails for good', async () => {
    const expired = { ...as(memberUrn), accessToken: 'liat_gone' };
    expect(await failureOf(publisher.publish(post('Expired'), expired))).toMatchObject({
      kind: 'auth',
      httpStatus: 401,
    });
    linkedIn.failPostCall(linkedIn.postCalls() + 1, {
      status: 429,
      headers: { 'retry-after': '30' },
      body: { status: 429 },
    });
    expect(await failureOf(publisher.publish(post('Throttled'), as(memberUrn)))).toMatchObject({
      kind: 'retryable',
      httpStatus: 429,
      retryAfterMs: 30_000,
    });
    linkedIn.failPostCall(linkedIn.postCalls() + 1, { status: 502, body: { status: 502 } });
    expect(await failureOf(publisher.publish(post('Bad gateway'), as(memberUrn)))).toMatchObject({
      kind: 'retryable',
    });
    const refused = await failureOf(publisher.publish(post('Not mine'), as('urn:li:organization:4242')));
    expect(refused).toMatchObject({ kind: 'permanent', httpStatus: 403 });
    expect(refused.message).toContain('Not enough permissions to post as urn:li:organization:4242');
  });

  it('the same text again is recognised as the earlier post, not posted twice', async () => {
    const content = post('Only once');
    const first = await publisher.publish(content, as(memberUrn));
    const count = linkedIn.posts.length;
    expect(await publisher.publish(content, as(memberUrn))).toEqual(first);
    expect(linkedIn.posts).toHaveLength(count);
  });

  it('media is refused before anything is posted (not uploaded yet)', async () => {
    const withMedia = {
      ...post('Photo'),
      media: [{ url: 'https://h.example/p.png', contentType: 'image/png', fileName: 'p.png' }],
    };
    const calls = linkedIn.postCalls();
    expect(await failureOf(publisher.publish(withMedia, as(memberUrn)))).toMatchObject({ kind: 'permanent' });
    expect(linkedIn.postCalls()).toBe(calls);
  });
});

describe('finding an earlier attempt on LinkedIn', () => {
  it('after a timeout whose post did land, findPublished finds it; with nothing there it answers null', async () => {
    const content = post('Landed (despite) the timeout', 'https://h.example/x_y');
    const since = new Date();
    linkedIn.failPostCall(linkedIn.postCalls() + 1, landsThenHangs);
    expect(await failureOf(publisher.publish(content, as(memberUrn)))).toMatchObject({
      kind: 'retryable',
      httpStatus: null,
    });
    const found = await publisher.findPublished(content, as(memberUrn), since);
    expect(found?.externalId).toBe(linkedIn.posts.at(-1)?.id);
    expect(await publisher.findPublished(post('Never sent'), as(memberUrn), since)).toBeNull();
    const request = linkedIn.requests.filter((r) => r.method === 'GET' && r.path === '/rest/posts').at(-1);
    expect(request?.query.get('author')).toBe(memberUrn);
    expect(request?.query.get('q')).toBe('author');
  });

  it('a post of the same text from before the attempt is not this attempt', async () => {
    const content = post('Said long ago');
    linkedIn.addPost(memberUrn, toLittleText(content.parts.join('\n\n')), new Date(Date.now() - 3_600_000));
    expect(await publisher.findPublished(content, as(memberUrn), new Date())).toBeNull();
  });

  it('an app LinkedIn does not let read posts cannot confirm, so the post stops for a person to check', async () => {
    linkedIn.setCanReadPosts(false);
    try {
      const failure = await failureOf(publisher.findPublished(post('Unknown'), as(memberUrn), new Date()));
      expect(failure).toMatchObject({ kind: 'permanent', httpStatus: 403 });
      expect(failure.message).toContain('publish again by hand if it is missing');
    } finally {
      linkedIn.setCanReadPosts(true);
    }
  });
});
