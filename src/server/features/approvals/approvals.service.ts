// Review links: a token (shown once, only its SHA-256 stored) that lets someone without an account
// look at a batch of posts and approve them, ask for changes or comment (approvals.review.ts).
import type { AppDeps } from '../../app-context.ts';
import { randomToken, sha256Hex } from '../../platform/crypto.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { type Cursor, nextCursorOf } from '../../platform/pagination.ts';
import { type AuditContext, recordAudit } from '../audit/audit.service.ts';
import { actorUserId } from '../posts/posts.service.ts';
import type { WorkspaceAccess } from '../workspaces/workspace-access.ts';
import {
  insertLink,
  type LinkRow,
  listLinkRows,
  markPending,
  postsOfWorkspace,
  revokeLinkRow,
} from './approvals.queries.ts';
import { type CreateLinkBody, linkStateOf } from './approvals.schemas.ts';

type LinkDeps = Pick<AppDeps, 'db' | 'clock' | 'config'>;

export const tokenHashOf = (token: string) => sha256Hex(token);

export function presentLink(row: LinkRow, now: Date) {
  return {
    id: row.id,
    postIds: row.postIds,
    note: row.note,
    createdBy: row.createdBy,
    expiresAt: row.expiresAt.toISOString(),
    revokedAt: row.revokedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    state: linkStateOf(row, now),
  };
}

export async function createLink(
  deps: LinkDeps,
  audit: AuditContext,
  access: WorkspaceAccess,
  body: CreateLinkBody,
) {
  const postIds = [...new Set(body.postIds)];
  const found = new Set((await postsOfWorkspace(deps.db, access.workspaceId, postIds)).map((p) => p.id));
  const missing = body.postIds.findIndex((id) => !found.has(id));
  if (missing >= 0) {
    throw new AppError('validation_failed', 'A post was not found in this workspace', [
      { path: `postIds.${missing}`, message: 'No such post in this workspace' },
    ]);
  }
  const token = randomToken();
  const now = deps.clock.now();
  const expiresAt = new Date(now.getTime() + body.expiresInHours * 3_600_000);
  const link = await deps.db.transaction(async (tx) => {
    const row = await insertLink(tx, {
      workspaceId: access.workspaceId,
      tokenHash: tokenHashOf(token),
      postIds,
      note: body.note || null,
      createdBy: actorUserId(audit.actor),
      expiresAt,
      createdAt: now,
    });
    // Without a version bump: a waiting publish job stays valid and simply finds the post awaiting approval.
    await markPending(tx, access.workspaceId, postIds, now);
    await recordAudit(tx, audit, {
      action: 'approval_link.created',
      entityType: 'approval_link',
      entityId: row.id,
      workspaceId: access.workspaceId,
      details: { posts: postIds.length, expiresAt: expiresAt.toISOString() },
    });
    return row;
  });
  return {
    id: link.id,
    url: `${deps.config.publicUrl}/review/${token}`,
    token,
    expiresAt: link.expiresAt.toISOString(),
    postIds,
  };
}

export async function listLinks(
  deps: LinkDeps,
  access: WorkspaceAccess,
  page: { cursor?: Cursor; limit: number },
) {
  const rows = await listLinkRows(deps.db, access.workspaceId, page);
  const now = deps.clock.now();
  return {
    items: rows.slice(0, page.limit).map((row) => presentLink(row, now)),
    nextCursor: nextCursorOf(rows, page.limit),
  };
}

/** Revoking twice is fine: the first time stays recorded. */
export async function revokeLink(
  deps: LinkDeps,
  audit: AuditContext,
  access: WorkspaceAccess,
  linkId: string,
) {
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const row = await revokeLinkRow(tx, access.workspaceId, linkId, now);
    if (!row) throw notFound('Approval link');
    await recordAudit(tx, audit, {
      action: 'approval_link.revoked',
      entityType: 'approval_link',
      entityId: row.id,
      workspaceId: access.workspaceId,
    });
  });
}
