import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Database } from '../../platform/db.ts';
import { type Cursor, olderThan } from '../../platform/pagination.ts';
import { generations } from '../generations/generations.table.ts';
import { type ConversationStatus, conversations } from './conversations.table.ts';

export type ConversationRow = typeof conversations.$inferSelect;
export type NewConversation = typeof conversations.$inferInsert;
export type ConversationPatch = Partial<
  Omit<NewConversation, 'id' | 'workspaceId' | 'createdAt' | 'createdBy' | 'platforms' | 'tone'>
>;

export async function insertConversation(db: Database, values: NewConversation): Promise<ConversationRow> {
  const [row] = await db.insert(conversations).values(values).returning();
  if (!row) throw new Error('conversation insert returned no row');
  return row;
}

export async function findConversation(db: Database, workspaceId: string, id: string) {
  const [row] = await db
    .select()
    .from(conversations)
    .where(and(eq(conversations.id, id), eq(conversations.workspaceId, workspaceId)));
  return row ?? null;
}

export async function findConversationById(db: Database, id: string) {
  const [row] = await db.select().from(conversations).where(eq(conversations.id, id));
  return row ?? null;
}

/** Newest first; one row past `limit` tells the caller there is a next page. */
export async function listConversations(
  db: Database,
  workspaceId: string,
  page: { cursor?: Cursor; limit: number },
) {
  return db
    .select()
    .from(conversations)
    .where(
      and(
        eq(conversations.workspaceId, workspaceId),
        olderThan(page.cursor, conversations.createdAt, conversations.id),
      ),
    )
    .orderBy(desc(conversations.createdAt), desc(conversations.id))
    .limit(page.limit + 1);
}

/**
 * Moves a conversation on only from one of the statuses it is expected in: the row returned means
 * this caller made the move, so two workers (or two clicks) cannot both act on it.
 */
export async function updateConversationFrom(
  db: Database,
  id: string,
  from: ConversationStatus[],
  patch: ConversationPatch,
) {
  const [row] = await db
    .update(conversations)
    .set({ updatedAt: new Date(), ...patch })
    .where(and(eq(conversations.id, id), inArray(conversations.status, from)))
    .returning();
  return row ?? null;
}

/**
 * The generation already made from this conversation, if any: a job retried after its generation
 * was created (but before the conversation recorded it) picks that one up instead of making a second.
 */
export async function findGenerationOfSource(db: Database, workspaceId: string, sourceId: string) {
  const [row] = await db
    .select({ id: generations.id, language: generations.language })
    .from(generations)
    .where(and(eq(generations.workspaceId, workspaceId), eq(generations.sourceId, sourceId)))
    .orderBy(desc(generations.createdAt))
    .limit(1);
  return row ?? null;
}
