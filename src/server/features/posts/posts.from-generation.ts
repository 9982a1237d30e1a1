import type { Platform } from '../../../shared/studio/studio-types.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { type AuditContext, recordAudit } from '../audit/audit.service.ts';
import { findGeneration } from '../generations/generations.queries.ts';
import type { WorkspaceAccess } from '../workspaces/workspace-access.ts';
import { insertPosts } from './posts.queries.ts';
import { actorUserId, type PostDeps, presentPost, validatedContent } from './posts.service.ts';
import type { PostOrigin } from './posts.table.ts';

/** Where posts came from when it is not the generation itself (a changelog entry's social posts). */
export interface PostsOrigin {
  originType: PostOrigin;
  originId: string;
  title?: string | null;
}

/**
 * One draft per platform the generation delivered (or per requested platform), from the user's saved
 * draft of it when there is one, else the generated output. Each is checked against the platform's
 * rules again: limits are configuration and may have changed since.
 */
export async function createPostsFromGeneration(
  deps: PostDeps,
  audit: AuditContext,
  access: WorkspaceAccess,
  body: { generationId: string; platforms?: Platform[] },
  origin?: PostsOrigin,
) {
  const generation = await findGeneration(deps.db, access.workspaceId, body.generationId);
  if (!generation) throw notFound('Generation');
  const delivered = (platform: Platform) => generation.drafts[platform] ?? generation.outputs[platform];
  const wanted = body.platforms ? [...new Set(body.platforms)] : generation.platforms;
  const missing = wanted.filter((platform) => !delivered(platform));
  if (body.platforms && missing.length > 0) {
    throw new AppError('validation_failed', `The generation has no output for ${missing.join(', ')}`, [
      { path: 'platforms', message: `Not delivered: ${missing.join(', ')}` },
    ]);
  }
  const chosen = wanted.filter((platform) => delivered(platform));
  if (chosen.length === 0) throw new AppError('conflict', 'The generation has no outputs yet');
  const contents = chosen.map((platform) => ({
    platform,
    content: validatedContent(deps, platform, delivered(platform)),
  }));
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const rows = await insertPosts(
      tx,
      contents.map(({ platform, content }) => ({
        workspaceId: access.workspaceId,
        createdBy: actorUserId(audit.actor),
        platform,
        content,
        title: origin?.title ?? null,
        originType: origin?.originType ?? ('generation' as const),
        originId: origin?.originId ?? generation.id,
        createdAt: now,
        updatedAt: now,
      })),
    );
    await recordAudit(tx, audit, {
      action: 'posts.created_from_generation',
      entityType: 'generation',
      entityId: generation.id,
      workspaceId: access.workspaceId,
      details: {
        platforms: chosen,
        postIds: rows.map((row) => row.id),
        ...(origin ? { originType: origin.originType, originId: origin.originId } : {}),
      },
    });
    return { items: rows.map(presentPost) };
  });
}
