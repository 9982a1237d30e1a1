import { and, asc, eq, gte, lt, lte, ne, or, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { Database } from '../../platform/db.ts';
import type { PostRow } from '../posts/posts.queries.ts';
import { type PostStatus, posts } from '../posts/posts.table.ts';
import { calendarNotes } from './calendar.table.ts';

export type NoteRow = typeof calendarNotes.$inferSelect;

/**
 * Posts whose calendar instant (published: publishedAt; otherwise scheduledAt) lies in [start, end).
 * Drafts without a time have neither and never match.
 */
export function calendarPostRows(
  db: Database,
  workspaceId: string,
  range: { start: Date; end: Date },
  filters: { platform?: string; status?: PostStatus },
  limit: number,
): Promise<PostRow[]> {
  const within = (column: PgColumn): SQL | undefined => and(gte(column, range.start), lt(column, range.end));
  return db
    .select()
    .from(posts)
    .where(
      and(
        eq(posts.workspaceId, workspaceId),
        filters.platform ? eq(posts.platform, filters.platform as PostRow['platform']) : undefined,
        filters.status ? eq(posts.status, filters.status) : undefined,
        or(
          and(eq(posts.status, 'published'), within(posts.publishedAt)),
          and(ne(posts.status, 'published'), within(posts.scheduledAt)),
        ),
      ),
    )
    .orderBy(asc(posts.scheduledAt), asc(posts.id))
    .limit(limit);
}

export function notesBetween(
  db: Database,
  workspaceId: string,
  from: string,
  to: string,
): Promise<NoteRow[]> {
  return db
    .select()
    .from(calendarNotes)
    .where(
      and(
        eq(calendarNotes.workspaceId, workspaceId),
        gte(calendarNotes.day, from),
        lte(calendarNotes.day, to),
      ),
    )
    .orderBy(asc(calendarNotes.day), asc(calendarNotes.createdAt), asc(calendarNotes.id));
}

export async function insertNote(db: Database, values: typeof calendarNotes.$inferInsert) {
  const [row] = await db.insert(calendarNotes).values(values).returning();
  return row;
}

export async function updateNote(
  db: Database,
  workspaceId: string,
  noteId: string,
  patch: Partial<Pick<NoteRow, 'day' | 'note' | 'updatedAt'>>,
) {
  const [row] = await db
    .update(calendarNotes)
    .set(patch)
    .where(and(eq(calendarNotes.id, noteId), eq(calendarNotes.workspaceId, workspaceId)))
    .returning();
  return row;
}

export async function deleteNote(db: Database, workspaceId: string, noteId: string) {
  const [row] = await db
    .delete(calendarNotes)
    .where(and(eq(calendarNotes.id, noteId), eq(calendarNotes.workspaceId, workspaceId)))
    .returning({ id: calendarNotes.id });
  return row;
}
