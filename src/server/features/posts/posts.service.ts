import { checkOutput, renderPost } from '../../../shared/studio/platform-rules.ts';
import {
  type Platform,
  type PlatformOutput,
  platformLabels,
  platformOutputSchemas,
} from '../../../shared/studio/studio-types.ts';
import type { Actor, AppDeps } from '../../app-context.ts';
import type { Database } from '../../platform/db.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { type Cursor, nextCursorOf } from '../../platform/pagination.ts';
import { type AuditContext, recordAudit } from '../audit/audit.service.ts';
import { studioLimits } from '../generations/generations.service.ts';
import { enqueuePublish, ensurePublishQueue } from '../publishing/publish-queue.ts';
import type { WorkspaceAccess } from '../workspaces/workspace-access.ts';
import {
  attemptInFlight,
  deletePostIfIdle,
  findPost,
  insertPosts,
  listPostRows,
  liveStorageObjects,
  type NewPost,
  type PostFilters,
  type PostPatch,
  type PostRow,
  updatePostIfIdle,
} from './posts.queries.ts';
import type { CreatePostBody, UpdatePostBody } from './posts.schemas.ts';

export type PostDeps = Pick<AppDeps, 'db' | 'config' | 'clock' | 'queue'>;

export function presentPost(row: PostRow) {
  return {
    id: row.id,
    workspaceId: row.workspaceId,
    platform: row.platform,
    channelId: row.channelId,
    status: row.status,
    title: row.title,
    content: row.content as unknown as Record<string, unknown>,
    parts: renderPost(row.platform, row.content as never),
    originType: row.originType,
    originId: row.originId,
    mediaObjectIds: row.mediaObjectIds,
    tags: row.tags,
    scheduledAt: row.scheduledAt?.toISOString() ?? null,
    publishedAt: row.publishedAt?.toISOString() ?? null,
    externalId: row.externalId,
    externalUrl: row.externalUrl,
    lastError: row.lastError,
    attemptCount: row.attemptCount,
    needsApproval: row.needsApproval,
    approvalState: row.approvalState,
    version: row.version,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function actorUserId(actor: Actor): string | null {
  if (actor.type === 'user') return actor.userId;
  if (actor.type === 'api_key') return actor.userId;
  return null;
}

/** The content as stored (trimmed by the schema) once it passes the platform's rules; 422 otherwise. */
export function validatedContent(
  deps: Pick<AppDeps, 'config'>,
  platform: Platform,
  content: unknown,
): PlatformOutput {
  const violations = checkOutput(platform, content, studioLimits(deps));
  if (violations.length > 0) {
    throw new AppError('rule_violation', `The content breaks the ${platformLabels[platform]} rules`, {
      violations,
    });
  }
  return platformOutputSchemas[platform].parse(content) as PlatformOutput;
}

export const uniqueTags = (tags: string[]) => [...new Set(tags.map((tag) => tag.trim()))];

/** Every id must be a live storage object of the workspace; 422 naming the first that is not. */
export async function assertMediaOwned(db: Database, workspaceId: string, ids: string[]) {
  const unique = [...new Set(ids)];
  const found = new Set((await liveStorageObjects(db, workspaceId, unique)).map((row) => row.id));
  const missing = ids.findIndex((id) => !found.has(id));
  if (missing >= 0) {
    throw new AppError('validation_failed', 'A media object was not found in this workspace', [
      { path: `mediaObjectIds.${missing}`, message: 'No such storage object in this workspace' },
    ]);
  }
}

export function approvalFields(needsApproval: boolean | undefined, current?: PostRow): PostPatch {
  if (needsApproval === undefined) return {};
  if (!needsApproval) return { needsApproval: false, approvalState: 'not_required' };
  const kept = current?.needsApproval ? current.approvalState : 'pending';
  return { needsApproval: true, approvalState: kept === 'not_required' ? 'pending' : kept };
}

export async function createPost(
  deps: PostDeps,
  audit: AuditContext,
  access: WorkspaceAccess,
  body: CreatePostBody,
  origin: Pick<NewPost, 'originType' | 'originId'> = { originType: 'manual', originId: null },
) {
  const content = validatedContent(deps, body.platform, body.content);
  const media = body.mediaObjectIds ?? [];
  await assertMediaOwned(deps.db, access.workspaceId, media);
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const [row] = await insertPosts(tx, [
      {
        workspaceId: access.workspaceId,
        createdBy: actorUserId(audit.actor),
        platform: body.platform,
        title: body.title ?? null,
        content,
        ...origin,
        mediaObjectIds: media,
        tags: uniqueTags(body.tags ?? []),
        ...approvalFields(body.needsApproval),
        createdAt: now,
        updatedAt: now,
      },
    ]);
    if (!row) throw new Error('post not created');
    await recordAudit(tx, audit, {
      action: 'post.created',
      entityType: 'post',
      entityId: row.id,
      workspaceId: access.workspaceId,
      details: { platform: row.platform, origin: row.originType },
    });
    return presentPost(row);
  });
}

export async function getPostRow(db: Database, workspaceId: string, postId: string): Promise<PostRow> {
  const row = await findPost(db, workspaceId, postId);
  if (!row) throw notFound('Post');
  return row;
}

export async function listPosts(
  db: Database,
  access: WorkspaceAccess,
  filters: PostFilters,
  page: { cursor?: Cursor; limit: number },
) {
  const rows = await listPostRows(db, access.workspaceId, filters, page);
  return { items: rows.slice(0, page.limit).map(presentPost), nextCursor: nextCursorOf(rows, page.limit) };
}

export function assertVersion(row: PostRow, expectedVersion: number | undefined) {
  if (expectedVersion !== undefined && expectedVersion !== row.version) {
    throw new AppError(
      'conflict',
      `The post has changed (version ${row.version}, not ${expectedVersion}); reload it`,
      {
        version: row.version,
      },
    );
  }
}

/** Why a conditional update found nothing: gone (404), or changed / being published (409). */
export async function conflictAfterRace(
  db: Database,
  workspaceId: string,
  postId: string,
): Promise<AppError> {
  const row = await findPost(db, workspaceId, postId);
  if (!row) return notFound('Post');
  if (await attemptInFlight(db, row.id, row.version)) {
    return new AppError('conflict', 'The post is being published right now; wait for the outcome');
  }
  return new AppError('conflict', 'The post changed meanwhile; reload it and try again', {
    version: row.version,
  });
}

export async function updatePost(
  deps: PostDeps,
  audit: AuditContext,
  access: WorkspaceAccess,
  postId: string,
  body: UpdatePostBody,
) {
  const current = await getPostRow(deps.db, access.workspaceId, postId);
  assertVersion(current, body.expectedVersion);
  const changesContent =
    body.content !== undefined || body.mediaObjectIds !== undefined || body.needsApproval !== undefined;
  if (current.status === 'published' && changesContent) {
    throw new AppError('conflict', 'A published post keeps its content; only its title and tags can change');
  }
  const patch: PostPatch = { updatedAt: deps.clock.now() };
  if (body.content !== undefined) patch.content = validatedContent(deps, current.platform, body.content);
  if (body.mediaObjectIds !== undefined) {
    await assertMediaOwned(deps.db, access.workspaceId, body.mediaObjectIds);
    patch.mediaObjectIds = body.mediaObjectIds;
  }
  if (body.title !== undefined) patch.title = body.title;
  if (body.tags !== undefined) patch.tags = uniqueTags(body.tags);
  Object.assign(patch, approvalFields(body.needsApproval, current));
  if (current.status === 'scheduled') await ensurePublishQueue(deps.queue);
  // An approval covers the content it was given for: new content needs a new one.
  if (patch.content && current.needsApproval && body.needsApproval !== false) patch.approvalState = 'pending';
  return deps.db.transaction(async (tx) => {
    const row = await updatePostIfIdle(tx, access.workspaceId, postId, current.version, patch);
    if (!row) throw await conflictAfterRace(tx, access.workspaceId, postId);
    // The job of the old version will find the version changed and stop; the new one needs its own.
    if (row.status === 'scheduled')
      await enqueuePublish(deps, row, { attemptNumber: row.attemptCount + 1, tx });
    await recordAudit(tx, audit, {
      action: 'post.updated',
      entityType: 'post',
      entityId: row.id,
      workspaceId: access.workspaceId,
      details: { fields: Object.keys(body).filter((key) => key !== 'expectedVersion') },
    });
    return presentPost(row);
  });
}

export async function deletePost(
  deps: PostDeps,
  audit: AuditContext,
  access: WorkspaceAccess,
  postId: string,
  expectedVersion?: number,
) {
  const current = await getPostRow(deps.db, access.workspaceId, postId);
  assertVersion(current, expectedVersion);
  await deps.db.transaction(async (tx) => {
    const row = await deletePostIfIdle(tx, access.workspaceId, postId, current.version);
    if (!row) throw await conflictAfterRace(tx, access.workspaceId, postId);
    await recordAudit(tx, audit, {
      action: 'post.deleted',
      entityType: 'post',
      entityId: postId,
      workspaceId: access.workspaceId,
      details: { platform: current.platform, status: current.status },
    });
  });
}
