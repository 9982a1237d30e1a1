import { renderPost } from '../../../shared/studio/platform-rules.ts';
import type { AppDeps } from '../../app-context.ts';
import { notFound } from '../../platform/errors.ts';
import type { AuditContext } from '../audit/audit.service.ts';
import type { PostRow } from '../posts/posts.queries.ts';
import { actorUserId } from '../posts/posts.service.ts';
import type { WorkspaceAccess } from '../workspaces/workspace-access.ts';
import { findWorkspace } from '../workspaces/workspaces.queries.ts';
import { calendarRange, coveringInstants, dayInZone, daysBetween } from './calendar.days.ts';
import {
  calendarPostRows,
  deleteNote as deleteNoteRow,
  insertNote,
  type NoteRow,
  notesBetween,
  updateNote as updateNoteRow,
} from './calendar.queries.ts';
import type { CalendarQuery } from './calendar.schemas.ts';

type CalendarDeps = Pick<AppDeps, 'db' | 'clock'>;

/** At most this many posts in one calendar answer (a month of 42 days); more sets `truncated`. */
export const maxCalendarPosts = 2000;
const previewChars = 120;

export function presentNote(row: NoteRow) {
  return {
    id: row.id,
    day: row.day,
    note: row.note,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** The first characters of the text as posted, cut on code points (never half an emoji). */
export function previewOf(post: Pick<PostRow, 'platform' | 'content'>): string {
  const text = renderPost(post.platform, post.content as never).join('\n\n');
  const chars = Array.from(text);
  return chars.length <= previewChars ? text : chars.slice(0, previewChars).join('');
}

export function presentPostSummary(row: PostRow) {
  return {
    id: row.id,
    platform: row.platform,
    status: row.status,
    title: row.title,
    preview: previewOf(row),
    scheduledAt: row.scheduledAt?.toISOString() ?? null,
    publishedAt: row.publishedAt?.toISOString() ?? null,
    channelId: row.channelId,
    approvalState: row.approvalState,
    version: row.version,
  };
}

/** The moment a post sits on the calendar: when it went out, or when it is meant to. */
const calendarInstantOf = (row: PostRow) =>
  row.status === 'published' ? (row.publishedAt ?? row.scheduledAt) : row.scheduledAt;

export async function workspaceTimezone(deps: CalendarDeps, workspaceId: string): Promise<string> {
  return (await findWorkspace(deps.db, workspaceId))?.timezone ?? 'UTC';
}

export async function getCalendar(deps: CalendarDeps, access: WorkspaceAccess, query: CalendarQuery) {
  const timezone = await workspaceTimezone(deps, access.workspaceId);
  const date = query.date ?? dayInZone(deps.clock.now(), timezone);
  const { from, to } = calendarRange(query.view, date);
  const days = new Map(
    daysBetween(from, to).map((day) => [day, { day, posts: [] as unknown[], notes: [] as unknown[] }]),
  );
  const rows = await calendarPostRows(
    deps.db,
    access.workspaceId,
    coveringInstants(from, to),
    { platform: query.platform, status: query.status },
    maxCalendarPosts + 1,
  );
  for (const row of rows.slice(0, maxCalendarPosts)) {
    const instant = calendarInstantOf(row);
    if (!instant) continue;
    days.get(dayInZone(instant, timezone))?.posts.push(presentPostSummary(row));
  }
  for (const note of await notesBetween(deps.db, access.workspaceId, from, to)) {
    days.get(note.day)?.notes.push(presentNote(note));
  }
  for (const day of days.values()) {
    // Within a day, by the time shown on the calendar.
    (day.posts as Array<ReturnType<typeof presentPostSummary>>).sort((a, b) =>
      (a.publishedAt && a.status === 'published' ? a.publishedAt : (a.scheduledAt ?? '')).localeCompare(
        b.publishedAt && b.status === 'published' ? b.publishedAt : (b.scheduledAt ?? ''),
      ),
    );
  }
  return {
    timezone,
    view: query.view,
    from,
    to,
    days: [...days.values()] as Array<{
      day: string;
      posts: Array<ReturnType<typeof presentPostSummary>>;
      notes: Array<ReturnType<typeof presentNote>>;
    }>,
    truncated: rows.length > maxCalendarPosts,
  };
}

export async function createNote(
  deps: CalendarDeps,
  audit: AuditContext,
  access: WorkspaceAccess,
  body: { day: string; note: string },
) {
  const now = deps.clock.now();
  const row = await insertNote(deps.db, {
    workspaceId: access.workspaceId,
    day: body.day,
    note: body.note,
    createdBy: actorUserId(audit.actor),
    createdAt: now,
    updatedAt: now,
  });
  if (!row) throw new Error('note not created');
  return presentNote(row);
}

export async function updateNote(
  deps: CalendarDeps,
  access: WorkspaceAccess,
  noteId: string,
  body: { day?: string; note?: string },
) {
  const row = await updateNoteRow(deps.db, access.workspaceId, noteId, {
    ...(body.day !== undefined ? { day: body.day } : {}),
    ...(body.note !== undefined ? { note: body.note } : {}),
    updatedAt: deps.clock.now(),
  });
  if (!row) throw notFound('Note');
  return presentNote(row);
}

export async function deleteNote(deps: CalendarDeps, access: WorkspaceAccess, noteId: string) {
  if (!(await deleteNoteRow(deps.db, access.workspaceId, noteId))) throw notFound('Note');
}
