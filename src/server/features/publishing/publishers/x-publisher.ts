import { z } from 'zod';
import {
  callPlatform,
  failureOf,
  type PublisherDeps,
  requireAccessToken,
  searchStart,
  textForMatching,
} from './platform-call.ts';
import { type PublishablePost, type PublishedRef, type Publisher, publishFailure } from './publisher.ts';

// X API v2. A thread is a reply chain: the first tweet, then each next one replying to the one before.
// X takes no idempotency key, so progress is what makes retries safe: every failure after the first
// tweet carries the ids posted so far (PublishFailure.progress, "id1,id2"), and a publish given them
// back as resumeFrom posts only the rest, replying to the last one. findPublished walks the account's
// recent tweets for the same chain; finding only its start, it reports that start as progress.

const tweetCreatedSchema = z.object({ data: z.object({ id: z.string().min(1) }) });
const timelineSchema = z.object({
  data: z
    .array(
      z.object({
        id: z.string(),
        text: z.string(),
        note_tweet: z.object({ text: z.string() }).optional(),
        referenced_tweets: z.array(z.object({ type: z.string(), id: z.string() })).optional(),
      }),
    )
    .optional(),
  meta: z.object({ next_token: z.string().optional() }).optional(),
});
type TimelineTweet = NonNullable<z.infer<typeof timelineSchema>['data']>[number];

/** Pages of 100 recent tweets read when looking for an earlier attempt. */
const maxTimelinePages = 5;

export function tweetUrl(id: string): string {
  return `https://x.com/i/web/status/${id}`;
}

export function progressIds(progress: string | null | undefined): string[] {
  return (progress ?? '').split(',').filter((id) => /^\d+$/.test(id));
}

function detailOf(body: unknown, status: number): string {
  const b = (body ?? {}) as { detail?: unknown; title?: unknown; errors?: Array<{ message?: unknown }> };
  const text = [b.detail, b.errors?.[0]?.message, b.title].find((v) => typeof v === 'string' && v.length > 0);
  return typeof text === 'string' ? text.slice(0, 500) : `HTTP ${status}`;
}

/** X says when its window resets (x-rate-limit-reset, epoch seconds); Retry-After otherwise. */
function xRetryAfterMs(headers: Headers, now: Date): number | null {
  const reset = Number(headers.get('x-rate-limit-reset'));
  if (Number.isFinite(reset) && reset > 0) return Math.max(0, reset * 1000 - now.getTime());
  const seconds = Number(headers.get('retry-after'));
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : null;
}

function repliedTo(tweet: TimelineTweet): string | null {
  return tweet.referenced_tweets?.find((ref) => ref.type === 'replied_to')?.id ?? null;
}

function sameText(tweet: TimelineTweet, part: string): boolean {
  return textForMatching(tweet.note_tweet?.text ?? tweet.text) === textForMatching(part);
}

export function createXPublisher(deps: PublisherDeps): Publisher {
  const api = deps.config.X_API_BASE_URL.replace(/\/+$/, '');

  async function readTimeline(userId: string, token: string, since: Date, signal?: AbortSignal) {
    const tweets: TimelineTweet[] = [];
    let next: string | undefined;
    for (let page = 0; page < maxTimelinePages; page++) {
      const url = new URL(`${api}/2/users/${encodeURIComponent(userId)}/tweets`);
      url.searchParams.set('max_results', '100');
      url.searchParams.set('start_time', `${searchStart(since).toISOString().slice(0, 19)}Z`);
      url.searchParams.set('tweet.fields', 'created_at,referenced_tweets,note_tweet');
      url.searchParams.set('exclude', 'retweets');
      if (next) url.searchParams.set('pagination_token', next);
      const response = await callPlatform(deps, 'X', url.toString(), {
        method: 'GET',
        headers: { authorization: `Bearer ${token}` },
        signal,
      });
      if (response.status !== 200) {
        const detail = detailOf(response.json, response.status);
        const retryAfter = xRetryAfterMs(response.headers, deps.clock.now());
        if ([401, 429].includes(response.status) || response.status >= 500) {
          throw failureOf('X', response, detail, retryAfter);
        }
        // Without reading the timeline nobody can tell whether the earlier attempt landed; retrying
        // blindly could post twice, so the post stops here for a person to check.
        throw publishFailure(
          'permanent',
          `X did not let Herald check whether an earlier attempt was posted (${response.status}: ${detail}); look at the account and publish again by hand if it is missing`,
          response.status,
        );
      }
      const body = timelineSchema.safeParse(response.json);
      if (!body.success) throw publishFailure('retryable', 'X sent an unreadable timeline', 200);
      tweets.push(...(body.data.data ?? []));
      next = body.data.meta?.next_token;
      if (!next) break;
    }
    return tweets;
  }

  return {
    kind: 'x',

    async publish(post: PublishablePost, credentials, signal): Promise<PublishedRef> {
      const token = requireAccessToken(credentials, 'X');
      if (post.media.length > 0) {
        throw publishFailure(
          'permanent',
          'Herald does not upload media to X yet; remove the media or post it by hand',
        );
      }
      if (post.parts.length === 0) throw publishFailure('permanent', 'There is nothing to post');
      const posted = progressIds(post.resumeFrom);
      if (posted.length > post.parts.length) {
        throw publishFailure(
          'permanent',
          'The recorded progress has more tweets than the thread',
          null,
          null,
          post.resumeFrom,
        );
      }
      for (let index = posted.length; index < post.parts.length; index++) {
        const previous = posted[index - 1];
        const body = {
          text: post.parts[index],
          ...(previous ? { reply: { in_reply_to_tweet_id: previous } } : {}),
        };
        const progress = posted.length > 0 ? posted.join(',') : null;
        const response = await callPlatform(
          deps,
          `X (tweet ${index + 1} of ${post.parts.length})`,
          `${api}/2/tweets`,
          {
            method: 'POST',
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            body: JSON.stringify(body),
            signal,
          },
          progress,
        );
        if (response.status !== 201 && response.status !== 200) {
          const label =
            index === 0 ? 'X' : `X (tweet ${index + 1} of ${post.parts.length}, after ${index} posted)`;
          const retryAfter = xRetryAfterMs(response.headers, deps.clock.now());
          throw failureOf(label, response, detailOf(response.json, response.status), retryAfter, progress);
        }
        const created = tweetCreatedSchema.safeParse(response.json);
        // X took it but the id is unreadable: only findPublished can tell what landed.
        if (!created.success) {
          throw publishFailure(
            'retryable',
            'X answered without a tweet id; whether it posted is unknown',
            null,
            null,
            progress,
          );
        }
        posted.push(created.data.data.id);
      }
      const first = posted[0] as string;
      return { externalId: first, externalUrl: tweetUrl(first) };
    },

    async findPublished(post, credentials, since, signal) {
      const token = requireAccessToken(credentials, 'X');
      if (!credentials.externalAccountId)
        throw publishFailure('permanent', 'The X channel has no account id');
      const known = progressIds(post.resumeFrom);
      const tweets = await readTimeline(credentials.externalAccountId, token, since, signal);
      const chain = [...known];
      if (chain.length === 0) {
        // The oldest match: a later identical tweet would have been refused by X as a duplicate anyway.
        const first = tweets.filter((t) => repliedTo(t) === null && sameText(t, post.parts[0] ?? '')).at(-1);
        if (!first) return null;
        chain.push(first.id);
      }
      while (chain.length < post.parts.length) {
        const previous = chain.at(-1);
        const part = post.parts[chain.length] ?? '';
        const next = tweets.find((t) => repliedTo(t) === previous && sameText(t, part));
        if (!next) break;
        chain.push(next.id);
      }
      const first = chain[0] as string;
      if (chain.length >= post.parts.length) return { externalId: first, externalUrl: tweetUrl(first) };
      // Nothing beyond what the caller already knew: the rest surely did not land.
      if (chain.length === known.length) return null;
      throw publishFailure(
        'retryable',
        `${chain.length} of ${post.parts.length} tweets of this thread are on X; the rest follow from there`,
        null,
        0,
        chain.join(','),
      );
    },
  };
}
