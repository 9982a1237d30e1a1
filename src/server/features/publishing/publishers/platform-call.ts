import type { Config } from '../../../config.ts';
import {
  type OutboundRequest,
  type OutboundResponse,
  outboundRequest,
  retryAfterMsOf,
} from '../../../platform/outbound-request.ts';
import { type ChannelCredentials, type PublishFailure, publishFailure } from './publisher.ts';

// What the X and LinkedIn publishers share: one guarded call with the publish time limit, the mapping
// from HTTP answers to failure kinds, and the text comparison used to recognise an earlier post.

export interface PublisherDeps {
  config: Config;
  clock: { now(): Date };
}

/** A platform call; no answer at all (network, time limit) is a retryable failure whose outcome is unknown. */
export async function callPlatform(
  deps: PublisherDeps,
  label: string,
  url: string,
  request: Omit<OutboundRequest, 'timeoutMs'>,
  progress: string | null = null,
): Promise<OutboundResponse> {
  try {
    return await outboundRequest(deps.config, url, { ...request, timeoutMs: deps.config.PUBLISH_TIMEOUT_MS });
  } catch (error) {
    const why =
      error instanceof Error && error.name === 'TimeoutError' ? 'timed out' : 'could not be reached';
    throw publishFailure('retryable', `${label} ${why}; whether it acted is unknown`, null, null, progress);
  }
}

export function requireAccessToken(credentials: ChannelCredentials, label: string): string {
  if (!credentials.accessToken) throw publishFailure('auth', `The ${label} channel has no access token`, 401);
  return credentials.accessToken;
}

/**
 * 401 → auth (refresh, then reconnect); 429 and 5xx → retryable; any other refusal → permanent with the
 * platform's own words.
 */
export function failureOf(
  label: string,
  response: OutboundResponse,
  detail: string,
  retryAfterMs: number | null,
  progress: string | null = null,
): PublishFailure {
  const { status } = response;
  if (status === 401)
    return publishFailure('auth', `${label} refused the access token: ${detail}`, 401, null, progress);
  if (status === 429) {
    return publishFailure('retryable', `${label} rate limit reached: ${detail}`, 429, retryAfterMs, progress);
  }
  if (status >= 500) {
    return publishFailure(
      'retryable',
      `${label} failed on its side (${status}): ${detail}`,
      status,
      retryAfterMs,
      progress,
    );
  }
  return publishFailure(
    'permanent',
    `${label} refused the post (${status}): ${detail}`,
    status,
    null,
    progress,
  );
}

export function retryAfterOf(response: OutboundResponse, now: Date): number | null {
  return retryAfterMsOf(response.headers, now);
}

const htmlEntities: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
};
const httpUrl = /https?:\/\/\S+/gi;
// A bare domain (example.com/page) that a platform may turn into a link of its own.
const bareDomain = /\b(?:[a-z0-9-]+\.)+[a-z]{2,}(?:\/\S*)?/gi;

/**
 * The text as a platform may give it back: X shortens every link (bare domains too) to t.co and
 * escapes &, < and >; replies may start with @mentions. Both sides are reduced the same way, so links
 * compare as "a link here" and spacing does not matter.
 */
export function textForMatching(text: string): string {
  return text
    .replace(/&(?:amp|lt|gt|quot|#39);/g, (entity) => htmlEntities[entity] ?? entity)
    .normalize('NFC')
    .replace(httpUrl, ' <link> ')
    .replace(bareDomain, ' <link> ')
    .replace(/^(?:\s*@\w+)+\s/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A small margin before `since`: the platform's clock and ours need not agree. */
export function searchStart(since: Date): Date {
  return new Date(since.getTime() - 2 * 60_000);
}
