// The scheduled publish, exactly once. Three steps, each its own short transaction where it writes:
//   1. claim (publishing.claim.ts): lock the post, check it is still due at this version, record the
//      attempt as `started` and commit — before any platform call;
//   2. call the platform: when an earlier attempt of this version may have landed (a crash left it
//      `started`, or it timed out), ask the platform first (findPublished) and publish only if not;
//   3. record the outcome (publishing.outcome.ts).
// Two deliveries of one job: the second finds the first's attempt under way and stops. A crash
// between 1 and 3: the attempt stays `started`; after its lease the sweeper or a retry recovers it.
import { eq } from 'drizzle-orm';
import { renderPost } from '../../../shared/studio/platform-rules.ts';
import type { AppDeps } from '../../app-context.ts';
import { withChannelCredentials } from '../channels/channels.service.ts';
import { type ChannelKind, channels } from '../channels/channels.table.ts';
import type { PostRow } from '../posts/posts.queries.ts';
import { liveStorageObjects } from '../posts/posts.queries.ts';
import type { PublishJob } from './publish-queue.ts';
import {
  type ChannelCredentials,
  isPublishFailure,
  type PublishablePost,
  type PublishedRef,
  type Publisher,
  publishFailure,
} from './publishers/publisher.ts';
import { publisherFor } from './publishers/publisher-registry.ts';
import { claimAttempt, idempotencyKeyOf } from './publishing.claim.ts';
import { failWithoutAttempt, recordFailure, recordSuccess } from './publishing.outcome.ts';

/** Where adapters and credentials come from; tests may hand in their own. */
export interface PublishingRuntime {
  publisherFor(kind: ChannelKind): Publisher;
  withCredentials<T>(channelId: string, call: (credentials: ChannelCredentials) => Promise<T>): Promise<T>;
}

export function defaultRuntime(deps: AppDeps): PublishingRuntime {
  return {
    publisherFor: (kind) => publisherFor(kind, deps),
    withCredentials: (channelId, call) => withChannelCredentials(deps, channelId, call),
  };
}

export type PublishOutcome =
  | { outcome: 'skipped'; reason: string }
  | { outcome: 'published'; confirmedExisting: boolean }
  | { outcome: 'failed'; kind: string; message: string };

async function publishableOf(
  deps: AppDeps,
  post: PostRow,
  resumeFrom: string | null,
): Promise<PublishablePost> {
  const media = await liveStorageObjects(deps.db, post.workspaceId, post.mediaObjectIds);
  const byId = new Map(media.map((object) => [object.id, object]));
  return {
    postId: post.id,
    platform: post.platform,
    parts: renderPost(post.platform, post.content as never),
    content: post.content,
    media: post.mediaObjectIds.flatMap((id) => {
      const object = byId.get(id);
      if (!object) return [];
      const url = `${deps.config.publicUrl}/api/v1/workspaces/${post.workspaceId}/storage-objects/${id}/content`;
      return [{ url, contentType: object.contentType, fileName: object.fileName }];
    }),
    idempotencyKey: idempotencyKeyOf(post.id, post.version),
    resumeFrom,
  };
}

export async function runPublishJob(
  deps: AppDeps,
  job: PublishJob,
  runtime: PublishingRuntime = defaultRuntime(deps),
): Promise<PublishOutcome> {
  const claim = await claimAttempt(deps, job);
  if (!claim.go) {
    if (claim.exhausted) {
      await failWithoutAttempt(deps, claim.exhausted.post, 'Out of publish attempts');
    }
    return { outcome: 'skipped', reason: claim.reason };
  }
  const { post, attempt } = claim;
  const fail = async (error: unknown): Promise<PublishOutcome> => {
    const failure = isPublishFailure(error)
      ? error
      : publishFailure('retryable', `Publishing stopped unexpectedly: ${(error as Error).message}`);
    if (!isPublishFailure(error))
      deps.log.warn({ err: error, postId: post.id }, 'publish attempt failed unexpectedly');
    await recordFailure(deps, post, attempt, failure, claim.failedBefore);
    return { outcome: 'failed', kind: failure.kind, message: failure.message };
  };
  let result: { ref: PublishedRef; confirmed: boolean };
  try {
    const [channel] = post.channelId
      ? await deps.db.select({ kind: channels.kind }).from(channels).where(eq(channels.id, post.channelId))
      : [];
    if (!channel || !post.channelId) throw publishFailure('permanent', 'The channel was removed');
    const publisher = runtime.publisherFor(channel.kind);
    const publishable = await publishableOf(deps, post, claim.resumeFrom);
    const timeout = () => AbortSignal.timeout(deps.config.PUBLISH_TIMEOUT_MS);
    result = await runtime.withCredentials(post.channelId, async (credentials) => {
      if (claim.uncertainSince) {
        const found = await publisher.findPublished(
          publishable,
          credentials,
          claim.uncertainSince,
          timeout(),
        );
        if (found) return { ref: found, confirmed: true };
      }
      return { ref: await publisher.publish(publishable, credentials, timeout()), confirmed: false };
    });
  } catch (error) {
    return fail(error);
  }
  // Outside the try: if recording fails, the attempt stays `started` and is recovered as a crash.
  await recordSuccess(deps, post, attempt, result.ref, result.confirmed);
  return { outcome: 'published', confirmedExisting: result.confirmed };
}
