import { and, count, desc, eq, gt, lt } from 'drizzle-orm';
import type { Database } from '../../platform/db.ts';
import { type ChannelKind, type ChannelStatus, channels, oauthStates } from './channels.table.ts';

export type ChannelRow = typeof channels.$inferSelect;
export type OAuthStateRow = typeof oauthStates.$inferSelect;

export function listChannelRows(db: Database, workspaceId: string) {
  return db
    .select()
    .from(channels)
    .where(eq(channels.workspaceId, workspaceId))
    .orderBy(desc(channels.createdAt), channels.id);
}

export async function countChannelRows(db: Database, workspaceId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(channels).where(eq(channels.workspaceId, workspaceId));
  return row?.n ?? 0;
}

/** By id alone, for jobs that already hold the post's channel id; routes use the workspace-scoped one. */
export async function findChannelById(db: Database, channelId: string, options: { lock?: boolean } = {}) {
  const query = db.select().from(channels).where(eq(channels.id, channelId));
  const [row] = options.lock ? await query.for('update') : await query;
  return row;
}

export async function findAccountChannel(
  db: Database,
  workspaceId: string,
  kind: ChannelKind,
  externalAccountId: string,
  authorUrn: string | null,
) {
  const [row] = await db
    .select()
    .from(channels)
    .where(
      and(
        eq(channels.workspaceId, workspaceId),
        eq(channels.kind, kind),
        authorUrn ? eq(channels.authorUrn, authorUrn) : eq(channels.externalAccountId, externalAccountId),
      ),
    )
    .limit(1);
  return row;
}

export async function deleteChannelRow(db: Database, workspaceId: string, channelId: string) {
  const [row] = await db
    .delete(channels)
    .where(and(eq(channels.id, channelId), eq(channels.workspaceId, workspaceId)))
    .returning();
  return row;
}

export function insertChannelRow(db: Database, values: typeof channels.$inferInsert) {
  return db.insert(channels).values(values).returning();
}

export function updateChannelRow(
  db: Database,
  channelId: string,
  values: Partial<typeof channels.$inferInsert>,
) {
  return db.update(channels).set(values).where(eq(channels.id, channelId)).returning();
}

export function setChannelStatus(
  db: Database,
  channelId: string,
  status: ChannelStatus,
  lastError: string | null,
  now: Date,
) {
  return db.update(channels).set({ status, lastError, updatedAt: now }).where(eq(channels.id, channelId));
}

export function insertOAuthState(db: Database, values: typeof oauthStates.$inferInsert) {
  return db.insert(oauthStates).values(values);
}

export async function findOAuthState(db: Database, state: string) {
  const [row] = await db.select().from(oauthStates).where(eq(oauthStates.state, state));
  return row;
}

/** Deletes and returns the state in one statement: of two callbacks racing, only one gets it. */
export async function consumeOAuthState(db: Database, state: string) {
  const [row] = await db.delete(oauthStates).where(eq(oauthStates.state, state)).returning();
  return row;
}

export function deleteExpiredOAuthStates(db: Database, workspaceId: string, now: Date) {
  return db
    .delete(oauthStates)
    .where(and(eq(oauthStates.workspaceId, workspaceId), lt(oauthStates.expiresAt, now)));
}

export async function countPendingOAuthStates(db: Database, workspaceId: string, now: Date) {
  const [row] = await db
    .select({ n: count() })
    .from(oauthStates)
    .where(and(eq(oauthStates.workspaceId, workspaceId), gt(oauthStates.expiresAt, now)));
  return row?.n ?? 0;
}
