// The outbound webhook publisher: one signed JSON POST per post version, through the SSRF guard.
//
// Exactly once, as far as a webhook can: a receiver cannot be asked whether an earlier delivery
// arrived, so findPublished always answers null and a retry re-sends. Every attempt of one post
// version carries the same `Herald-Idempotency-Key` (and `idempotencyKey` in the body): receivers
// dedupe on it. The signature covers the timestamp and the exact body bytes.
import type { Clock } from '../../../platform/clock.ts';
import { hmacSha256Hex } from '../../../platform/crypto.ts';
import { isBlockedDestination, type Resolver, safeFetch } from '../../../platform/ssrf-guard.ts';
import { type PublishedRef, type Publisher, publishFailure } from './publisher.ts';

export interface WebhookPublisherOptions {
  clock: Clock;
  allowPrivate: boolean;
  timeoutMs: number;
  resolve?: Resolver;
}

const maxReplyBytes = 64 * 1024;

export function webhookSignature(secret: string, timestamp: number, body: string): string {
  return `t=${timestamp},v1=${hmacSha256Hex(secret, `${timestamp}.${body}`)}`;
}

/** Retry-After as seconds or an HTTP date, in milliseconds; null when absent or unreadable. */
export function retryAfterMs(header: string | null, now: Date): number | null {
  if (!header) return null;
  const seconds = Number(header.trim());
  if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, date - now.getTime());
}

function refOf(reply: string, idempotencyKey: string): PublishedRef {
  try {
    const parsed = JSON.parse(reply) as { id?: unknown; url?: unknown };
    const id =
      typeof parsed.id === 'string' || typeof parsed.id === 'number' ? String(parsed.id).slice(0, 200) : null;
    const url =
      typeof parsed.url === 'string' && /^https?:\/\//.test(parsed.url) ? parsed.url.slice(0, 2000) : null;
    return { externalId: id ?? idempotencyKey, externalUrl: url };
  } catch {
    return { externalId: idempotencyKey, externalUrl: null };
  }
}

const excerpt = (text: string) => text.replace(/\s+/g, ' ').trim().slice(0, 300);

export function createWebhookPublisher(options: WebhookPublisherOptions): Publisher {
  return {
    kind: 'webhook',
    async publish(post, credentials, signal) {
      if (!credentials.webhookUrl || !credentials.webhookSecret) {
        throw publishFailure('permanent', 'The webhook channel has no URL or secret');
      }
      const body = JSON.stringify({
        event: 'post.published',
        post: {
          id: post.postId,
          platform: post.platform,
          parts: post.parts,
          content: post.content,
          media: post.media,
        },
        idempotencyKey: post.idempotencyKey,
      });
      const timestamp = Math.floor(options.clock.now().getTime() / 1000);
      let response: Response;
      try {
        response = await safeFetch(
          credentials.webhookUrl,
          {
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              'user-agent': 'Herald-Webhooks/1',
              'herald-event': 'post.published',
              'herald-idempotency-key': post.idempotencyKey,
              'herald-signature': webhookSignature(credentials.webhookSecret, timestamp, body),
            },
            body,
            signal,
          },
          {
            allowPrivate: options.allowPrivate,
            timeoutMs: options.timeoutMs,
            maxResponseBytes: maxReplyBytes,
            resolve: options.resolve,
          },
        );
      } catch (error) {
        if (isBlockedDestination(error)) throw publishFailure('permanent', (error as Error).message);
        // No answer (refused, reset, timed out): the receiver may or may not have it. httpStatus null
        // tells the caller the outcome is unknown; the retry carries the same idempotency key.
        const name = (error as Error).name;
        const why =
          name === 'TimeoutError' || name === 'AbortError'
            ? 'did not answer in time'
            : (error as Error).message;
        throw publishFailure('retryable', `The webhook ${why}`);
      }
      const reply = await response.text();
      if (response.ok) return refOf(reply, post.idempotencyKey);
      const message = `The webhook answered ${response.status}${reply ? `: ${excerpt(reply)}` : ''}`;
      if (response.status === 408 || response.status === 429 || response.status >= 500) {
        throw publishFailure(
          'retryable',
          message,
          response.status,
          retryAfterMs(response.headers.get('retry-after'), options.clock.now()),
        );
      }
      throw publishFailure('permanent', message, response.status);
    },
    async findPublished() {
      // A receiver cannot be asked; it dedupes by the idempotency key instead (see the top).
      return null;
    },
  };
}
