import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { type FakeReply, type RecordedRequest, startHttpFake } from '../../../../../test/fakes/http-fake.ts';
import { createManualClock } from '../../../platform/clock.ts';
import { hmacSha256Hex } from '../../../platform/crypto.ts';
import { isPublishFailure, type PublishablePost, type PublishFailure } from './publisher.ts';
import { createWebhookPublisher, retryAfterMs } from './webhook-publisher.ts';

let answer: (request: RecordedRequest) => FakeReply = () => ({ status: 200, body: { id: 'zap-1' } });
const receiver = await startHttpFake((request) => answer(request));
afterAll(() => receiver.close());

const clock = createManualClock(new Date('2027-03-29T07:00:00Z'));
const publisher = createWebhookPublisher({ clock, allowPrivate: true, timeoutMs: 2000 });
const post: PublishablePost = {
  postId: 'post-1',
  platform: 'x',
  parts: ['Hello #herald'],
  content: { tweets: ['Hello'], hashtags: ['#herald'] },
  media: [],
  idempotencyKey: 'herald-post-post-1-v3',
};
const credentials = {
  channelId: 'ch-1',
  accessToken: null,
  externalAccountId: null,
  authorUrn: null,
  webhookUrl: `${receiver.url}/hook`,
  webhookSecret: 'hwhsec_test-secret',
};

async function failureOf(promise: Promise<unknown>): Promise<PublishFailure> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!isPublishFailure(error)) throw new Error(`expected a publish failure, got ${String(error)}`);
  return error;
}

describe('webhook publisher', () => {
  it('posts the post as signed JSON with the idempotency key and returns the id the receiver gave', async () => {
    const ref = await publisher.publish(post, credentials);
    expect(ref).toEqual({ externalId: 'zap-1', externalUrl: null });
    const request = receiver.requests.at(-1) as RecordedRequest;
    expect(request.method).toBe('POST');
    expect(JSON.parse(request.raw)).toEqual({
      event: 'post.published',
      post: { id: 'post-1', platform: 'x', parts: ['Hello #herald'], content: post.content, media: [] },
      idempotencyKey: post.idempotencyKey,
    });
    expect(request.headers['herald-idempotency-key']).toBe(post.idempotencyKey);
    const t = Math.floor(clock.now().getTime() / 1000);
    // What a receiver does: HMAC the timestamp and the raw body with its secret, compare.
    expect(request.headers['herald-signature']).toBe(
      `t=${t},v1=${hmacSha256Hex(credentials.webhookSecret, `${t}.${request.raw}`)}`,
    );
  });

  it('uses the idempotency key as the reference when the receiver names none', async () => {
    answer = () => ({ status: 202, body: 'accepted' });
    expect(await publisher.publish(post, credentials)).toEqual({
      externalId: post.idempotencyKey,
      externalUrl: null,
    });
  });

  it('treats 408, 429 and 5xx as retry-safe, with Retry-After, and other 4xx as permanent', async () => {
    answer = () => ({ status: 503, body: { error: 'down' } });
    expect(await failureOf(publisher.publish(post, credentials))).toMatchObject({
      kind: 'retryable',
      httpStatus: 503,
    });
    answer = () => ({ status: 408, body: {} });
    expect(await failureOf(publisher.publish(post, credentials))).toMatchObject({
      kind: 'retryable',
      httpStatus: 408,
    });
    answer = () => ({ status: 400, body: { error: 'bad field' } });
    const permanent = await failureOf(publisher.publish(post, credentials));
    expect(permanent).toMatchObject({ kind: 'permanent', httpStatus: 400 });
    expect(permanent.message).toContain('bad field');
    answer = () => ({ status: 401, body: {} });
    expect(await failureOf(publisher.publish(post, credentials))).toMatchObject({ kind: 'permanent' });
    expect(retryAfterMs('3', clock.now())).toBe(3000);
    expect(retryAfterMs(new Date(clock.now().getTime() + 5000).toUTCString(), clock.now())).toBe(5000);
    expect(retryAfterMs('soon', clock.now())).toBeNull();
  });

  it('reports the Retry-After of a 429', async () => {
    const limited = createServer((_req, res) => {
      res.writeHead(429, { 'retry-after': '7' });
      res.end();
    });
    await new Promise<void>((resolve) => limited.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(limited.address() as AddressInfo).port}/`;
      const failure = await failureOf(publisher.publish(post, { ...credentials, webhookUrl: url }));
      expect(failure).toMatchObject({ kind: 'retryable', httpStatus: 429, retryAfterMs: 7000 });
    } finally {
      limited.closeAllConnections();
      limited.close();
    }
  });

  it('reports no answer in time as retry-safe with an unknown outcome (no HTTP status)', async () => {
    const silent = createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}/`;
      const quick = createWebhookPublisher({ clock, allowPrivate: true, timeoutMs: 200 });
      const failure = await failureOf(quick.publish(post, { ...credentials, webhookUrl: url }));
      expect(failure).toMatchObject({ kind: 'retryable', httpStatus: null });
    } finally {
      silent.closeAllConnections();
      silent.close();
    }
  });

  it('refuses a loopback receiver unless private networks are allowed, as a permanent failure', async () => {
    const guarded = createWebhookPublisher({ clock, allowPrivate: false, timeoutMs: 2000 });
    const before = receiver.requests.length;
    const failure = await failureOf(guarded.publish(post, credentials));
    expect(failure.kind).toBe('permanent');
    expect(failure.message).toContain('OUTBOUND_ALLOW_PRIVATE_NETWORKS');
    expect(receiver.requests).toHaveLength(before);
  });

  it('cannot ask a receiver what it got, so it never claims an earlier delivery', async () => {
    expect(await publisher.findPublished(post, credentials, clock.now())).toBeNull();
  });
});
