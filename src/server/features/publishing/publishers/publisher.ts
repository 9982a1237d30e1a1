// One interface for every destination (X, LinkedIn, outbound webhook). The publishing service never
// knows which platform it talks to; it only records attempts and reacts to the error kind.
import type { Platform } from '../../../../shared/studio/studio-types.ts';

export interface PublishablePost {
  postId: string;
  platform: Platform;
  /** The composed texts the platform receives, in order (renderPost): a thread's tweets, one post… */
  parts: string[];
  /** The structured content, for adapters that send it as is (the webhook). */
  content: unknown;
  media: Array<{ url: string; contentType: string; fileName: string }>;
  /** Stable per post version: sent where a platform accepts one, and used to find an earlier attempt. */
  idempotencyKey: string;
  /**
   * What earlier attempts of this same post version already put on the platform: the latest
   * `PublishFailure.progress` (stored in that attempt's externalId). Pass it to publish AND
   * findPublished; the adapter continues after it instead of starting over (an X thread cut short
   * never gets its first tweets again). Absent or null: nothing is known to have landed.
   */
  resumeFrom?: string | null;
}

export interface PublishedRef {
  externalId: string;
  externalUrl: string | null;
}

/**
 * How a platform call failed, thrown by adapters (an Error, not a class: the house has one class).
 * `retryable`: safe to try again later (429, 5xx, timeouts) — `retryAfterMs` when the platform said.
 *   With `httpStatus` null (timeout, connection lost) the platform may have acted: confirm with
 *   findPublished before publishing again.
 * `auth`: the token is expired or revoked — refresh, else mark the channel `needs_reauth`.
 * `permanent`: the platform refused the content (4xx) — the post fails with this message.
 */
export interface PublishFailure extends Error {
  publishFailure: true;
  kind: 'retryable' | 'auth' | 'permanent';
  httpStatus: number | null;
  retryAfterMs: number | null;
  /**
   * Part of the post already landed before the failure (X: the thread's posted tweet ids, in order,
   * comma-separated). Store it as the failed attempt's externalId and hand it back as
   * `PublishablePost.resumeFrom`. findPublished throws a retryable failure with progress (retryAfterMs
   * 0) when it finds a thread only partly posted; with that resumeFrom it then answers null, and publish
   * posts only the rest. null: nothing of this attempt is known to have landed.
   */
  progress: string | null;
}

export function publishFailure(
  kind: PublishFailure['kind'],
  message: string,
  httpStatus: number | null = null,
  retryAfterMs: number | null = null,
  progress: string | null = null,
): PublishFailure {
  return Object.assign(new Error(message), {
    publishFailure: true as const,
    kind,
    httpStatus,
    retryAfterMs,
    progress,
  });
}

export function isPublishFailure(error: unknown): error is PublishFailure {
  return error instanceof Error && (error as Partial<PublishFailure>).publishFailure === true;
}

export interface ChannelCredentials {
  channelId: string;
  accessToken: string | null;
  externalAccountId: string | null;
  authorUrn: string | null;
  webhookUrl: string | null;
  webhookSecret: string | null;
}

export interface Publisher {
  kind: 'x' | 'linkedin' | 'webhook';
  publish(
    post: PublishablePost,
    credentials: ChannelCredentials,
    signal?: AbortSignal,
  ): Promise<PublishedRef>;
  /**
   * Asks the platform whether an earlier attempt for this post already landed (after a crash or a
   * timeout the outcome is unknown). Returns the post's reference if it did, null if it surely did not.
   * Throws publishFailure('retryable', …) when the platform cannot say right now.
   */
  findPublished(
    post: PublishablePost,
    credentials: ChannelCredentials,
    since: Date,
    signal?: AbortSignal,
  ): Promise<PublishedRef | null>;
  /**
   * Optional: the numbers the platform reports now for a post it published (`externalId`), for
   * performance snapshots. Adapters without it leave numbers to manual entry and CSV import.
   */
  fetchMetrics?(
    externalId: string,
    credentials: ChannelCredentials,
    signal?: AbortSignal,
  ): Promise<PlatformMetrics>;
}

export interface PlatformMetrics {
  views: number;
  likes: number;
  shares: number;
  comments: number;
  reach: number;
}
