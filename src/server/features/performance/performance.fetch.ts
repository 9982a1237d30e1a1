// Numbers fetched from the platform by the channel's adapter, for adapters that can (Publisher's
// optional fetchMetrics). Recorded as an `adapter` snapshot at the moment of the fetch.
import { and, eq } from 'drizzle-orm';
import type { AppDeps } from '../../app-context.ts';
import { AppError } from '../../platform/errors.ts';
import { channels } from '../channels/channels.table.ts';
import { getPostRow } from '../posts/posts.service.ts';
import { isPublishFailure, type PlatformMetrics } from '../publishing/publishers/publisher.ts';
import { defaultRuntime, type PublishingRuntime } from '../publishing/publishing.service.ts';
import type { WorkspaceAccess } from '../workspaces/workspace-access.ts';
import { upsertMetrics } from './performance.queries.ts';
import { maxCount } from './performance.schemas.ts';
import { presentSnapshot } from './performance.service.ts';

/** A platform's count as a whole number in range; anything else it sends counts as 0. */
const sane = (value: unknown) =>
  typeof value === 'number' && Number.isFinite(value)
    ? Math.min(maxCount, Math.max(0, Math.floor(value)))
    : 0;

export async function fetchPostMetrics(
  deps: AppDeps,
  access: WorkspaceAccess,
  postId: string,
  runtime: PublishingRuntime = defaultRuntime(deps),
) {
  const post = await getPostRow(deps.db, access.workspaceId, postId);
  if (post.status !== 'published' || !post.externalId || !post.channelId) {
    throw new AppError('conflict', "Only a published post's numbers can be fetched from its platform");
  }
  const [channel] = await deps.db
    .select()
    .from(channels)
    .where(and(eq(channels.id, post.channelId), eq(channels.workspaceId, access.workspaceId)));
  if (!channel) throw new AppError('conflict', 'The channel the post went out on is gone');
  const publisher = runtime.publisherFor(channel.kind);
  const fetchMetrics = publisher.fetchMetrics?.bind(publisher);
  if (!fetchMetrics) {
    throw new AppError(
      'conflict',
      `A ${channel.kind} channel cannot fetch numbers; enter them by hand or import a CSV`,
    );
  }
  const externalId = post.externalId;
  let counts: PlatformMetrics;
  try {
    counts = await runtime.withCredentials(channel.id, (credentials) =>
      fetchMetrics(externalId, credentials, AbortSignal.timeout(deps.config.PUBLISH_TIMEOUT_MS)),
    );
  } catch (error) {
    if (isPublishFailure(error) || (error instanceof Error && error.name === 'TimeoutError')) {
      throw new AppError('service_unavailable', `The platform did not give the numbers: ${error.message}`);
    }
    throw error;
  }
  const now = deps.clock.now();
  const [row] = await upsertMetrics(deps.db, [
    {
      workspaceId: access.workspaceId,
      postId: post.id,
      platform: post.platform,
      recordedAt: now,
      views: sane(counts.views),
      likes: sane(counts.likes),
      shares: sane(counts.shares),
      comments: sane(counts.comments),
      reach: sane(counts.reach),
      source: 'adapter',
      createdAt: now,
    },
  ]);
  if (!row) throw new Error('snapshot not written');
  return presentSnapshot(row);
}
