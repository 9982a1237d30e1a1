// What an outside reviewer can do with a link's token, without an account. A token that is unknown,
// revoked or expired gets one and the same 404, so answers say nothing about which tokens exist.
import { eq } from 'drizzle-orm';
import { renderPost } from '../../../shared/studio/platform-rules.ts';
import { platformLabels } from '../../../shared/studio/studio-types.ts';
import type { AppDeps } from '../../app-context.ts';
import type { Database } from '../../platform/db.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { notifyWorkspaceAdmins } from '../notifications/notifications.service.ts';
import { notifications } from '../notifications/notifications.table.ts';
import type { PostRow } from '../posts/posts.queries.ts';
import { posts } from '../posts/posts.table.ts';
import {
  enqueuePublish,
  ensurePublishQueue,
  publishJobName,
  publishQueueOptions,
} from '../publishing/publish-queue.ts';
import { lockPost } from '../publishing/publishing.queries.ts';
import { findWorkspace } from '../workspaces/workspaces.queries.ts';
import {
  type EventRow,
  eventsOfPosts,
  findActiveLink,
  insertEvent,
  postsOfWorkspace,
} from './approvals.queries.ts';
import type { ReviewActionBody } from './approvals.schemas.ts';
import { tokenHashOf } from './approvals.service.ts';

type ReviewDeps = Pick<AppDeps, 'db' | 'clock' | 'config' | 'queue'>;

export const reviewLinkNotFound = () =>
  new AppError('not_found', 'This review link does not exist or has expired');

async function activeLink(deps: ReviewDeps, token: string) {
  const link = await findActiveLink(deps.db, tokenHashOf(token), deps.clock.now());
  if (!link) throw reviewLinkNotFound();
  return link;
}

function presentEvent(row: EventRow) {
  return {
    id: row.id,
    postId: row.postId,
    kind: row.kind,
    reviewerName: row.reviewerName,
    message: row.message,
    createdAt: row.createdAt.toISOString(),
  };
}

function presentReviewPost(post: PostRow, events: EventRow[]) {
  return {
    id: post.id,
    platform: post.platform,
    title: post.title,
    status: post.status,
    scheduledAt: post.scheduledAt?.toISOString() ?? null,
    parts: renderPost(post.platform, post.content as never),
    content: post.content as unknown as Record<string, unknown>,
    approvalState: post.approvalState,
    version: post.version,
    events: events.filter((e) => e.postId === post.id).map(presentEvent),
  };
}

export async function getReview(deps: ReviewDeps, token: string) {
  const link = await activeLink(deps, token);
  const workspace = await findWorkspace(deps.db, link.workspaceId);
  if (!workspace) throw reviewLinkNotFound();
  const rows = await postsOfWorkspace(deps.db, link.workspaceId, link.postIds);
  const byId = new Map(rows.map((row) => [row.id, row]));
  // In the order the link was made with; a post deleted since is left out.
  const ordered = link.postIds.flatMap((id) => byId.get(id) ?? []);
  const events = await eventsOfPosts(
    deps.db,
    ordered.map((p) => p.id),
  );
  return {
    workspaceName: workspace.name,
    note: link.note,
    expiresAt: link.expiresAt.toISOString(),
    posts: ordered.map((post) => presentReviewPost(post, events)),
  };
}

const eventKindOf = {
  approve: 'approved',
  request_changes: 'changes_requested',
  comment: 'comment',
} as const;

/** The author hears of a change request in the app; a post without an author goes to the admins. */
async function notifyChangesRequested(deps: ReviewDeps, tx: Database, post: PostRow, body: ReviewActionBody) {
  const label = `${platformLabels[post.platform] ?? post.platform} post${post.title ? ` "${post.title}"` : ''}`;
  const title = 'Changes requested';
  const said = (body.message ?? '').slice(0, 300);
  const message = `${body.reviewerName} asked for changes to your ${label}: ${said}`;
  const actionUrl = `/app/workspaces/${post.workspaceId}/library?post=${post.id}`;
  if (post.createdBy) {
    await tx.insert(notifications).values({
      userId: post.createdBy,
      workspaceId: post.workspaceId,
      type: 'system',
      title,
      message,
      actionUrl,
    });
  } else {
    await notifyWorkspaceAdmins(deps, tx, post.workspaceId, { type: 'system', title, message, actionUrl });
  }
}

export async function actOnPost(deps: ReviewDeps, token: string, postId: string, body: ReviewActionBody) {
  const link = await activeLink(deps, token);
  if (!link.postIds.includes(postId)) throw notFound('Post');
  const now = deps.clock.now();
  // Outside the transaction: on PGlite's single connection, creating the queue inside it would wait forever.
  if (body.action === 'approve') {
    await ensurePublishQueue(deps.queue);
    await deps.queue.ensureQueue(publishJobName, { policy: publishQueueOptions.policy });
  }
  return deps.db.transaction(async (tx) => {
    const current = await lockPost(tx, postId);
    if (!current || current.workspaceId !== link.workspaceId) throw notFound('Post');
    if (body.version !== undefined && body.version !== current.version) {
      throw new AppError('conflict', 'The post has changed since you opened it; reload the page', {
        version: current.version,
      });
    }
    let post = current;
    if (body.action !== 'comment') {
      if (current.status === 'published') throw new AppError('conflict', 'The post is already published');
      const approvalState = body.action === 'approve' ? 'approved' : 'changes_requested';
      // No version bump: the content the reviewer judged is the content that will be published.
      const [updated] = await tx
        .update(posts)
        .set({ needsApproval: true, approvalState, updatedAt: now })
        .where(eq(posts.id, current.id))
        .returning();
      if (!updated) throw notFound('Post');
      post = updated;
      // Its earlier job may have found it awaiting approval and stopped; this one publishes it on time.
      if (approvalState === 'approved' && post.status === 'scheduled') {
        await enqueuePublish(deps, post, { attemptNumber: post.attemptCount + 1, tx });
      }
      if (approvalState === 'changes_requested') await notifyChangesRequested(deps, tx, post, body);
    }
    await insertEvent(tx, {
      linkId: link.id,
      postId: post.id,
      kind: eventKindOf[body.action],
      reviewerName: body.reviewerName,
      message: body.message || null,
      createdAt: now,
    });
    return presentReviewPost(post, await eventsOfPosts(tx, [post.id]));
  });
}
