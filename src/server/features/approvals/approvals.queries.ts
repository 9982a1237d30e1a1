import { and, asc, desc, eq, gt, inArray, isNull, ne, sql } from 'drizzle-orm';
import type { Database } from '../../platform/db.ts';
import { type Cursor, olderThan } from '../../platform/pagination.ts';
import { posts } from '../posts/posts.table.ts';
import { approvalEvents, approvalLinks } from './approvals.table.ts';

export type LinkRow = typeof approvalLinks.$inferSelect;
export type EventRow = typeof approvalEvents.$inferSelect;

export async function insertLink(db: Database, values: typeof approvalLinks.$inferInsert): Promise<LinkRow> {
  const [row] = await db.insert(approvalLinks).values(values).returning();
  if (!row) throw new Error('approval link not created');
  return row;
}

export function listLinkRows(db: Database, workspaceId: string, page: { cursor?: Cursor; limit: number }) {
  return db
    .select()
    .from(approvalLinks)
    .where(
      and(
        eq(approvalLinks.workspaceId, workspaceId),
        olderThan(page.cursor, approvalLinks.createdAt, approvalLinks.id),
      ),
    )
    .orderBy(desc(approvalLinks.createdAt), desc(approvalLinks.id))
    .limit(page.limit + 1);
}

export async function revokeLinkRow(db: Database, workspaceId: string, linkId: string, now: Date) {
  const [row] = await db
    .update(approvalLinks)
    .set({ revokedAt: sql`coalesce(${approvalLinks.revokedAt}, ${now.toISOString()}::timestamptz)` })
    .where(and(eq(approvalLinks.id, linkId), eq(approvalLinks.workspaceId, workspaceId)))
    .returning();
  return row;
}

/** The link a token opens: neither revoked nor expired. */
export async function findActiveLink(db: Database, tokenHash: string, now: Date) {
  const [row] = await db
    .select()
    .from(approvalLinks)
    .where(
      and(
        eq(approvalLinks.tokenHash, tokenHash),
        isNull(approvalLinks.revokedAt),
        gt(approvalLinks.expiresAt, now),
      ),
    );
  return row;
}

export function postsOfWorkspace(db: Database, workspaceId: string, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .select()
    .from(posts)
    .where(and(eq(posts.workspaceId, workspaceId), inArray(posts.id, ids)));
}

/** Every post of the link that is not published yet now waits for a reviewer's answer. */
export function markPending(db: Database, workspaceId: string, ids: string[], now: Date) {
  return db
    .update(posts)
    .set({ needsApproval: true, approvalState: 'pending', updatedAt: now })
    .where(and(eq(posts.workspaceId, workspaceId), inArray(posts.id, ids), ne(posts.status, 'published')));
}

export function eventsOfPosts(db: Database, postIds: string[]) {
  if (postIds.length === 0) return Promise.resolve([]);
  return db
    .select()
    .from(approvalEvents)
    .where(inArray(approvalEvents.postId, postIds))
    .orderBy(asc(approvalEvents.createdAt), asc(approvalEvents.id));
}

export async function insertEvent(db: Database, values: typeof approvalEvents.$inferInsert) {
  const [row] = await db.insert(approvalEvents).values(values).returning();
  return row;
}
