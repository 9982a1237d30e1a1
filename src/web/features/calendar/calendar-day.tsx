import { Plus, StickyNote } from 'lucide-react';
import { type DragEvent, useState } from 'react';
import { cn } from '../../lib/cn';
import { formatLongDay, formatShortDay } from './calendar-dates';
import type { CalendarNote, PostSummary } from './calendar-types';
import { NoteDialog } from './note-dialog';
import { PostChip, postDragType, postInstant } from './post-chip';

type NoteTarget = { note?: CalendarNote } | null;

export function CalendarDayCell({
  workspaceId,
  timeZone,
  day,
  posts,
  notes,
  isToday,
  outsideMonth,
  week,
  canWrite,
  onMove,
}: {
  workspaceId: string;
  timeZone: string;
  day: string;
  posts: PostSummary[];
  notes: CalendarNote[];
  isToday: boolean;
  outsideMonth: boolean;
  week: boolean;
  canWrite: boolean;
  onMove: (postId: string, day: string) => void;
}) {
  const [dropping, setDropping] = useState(false);
  const [noteTarget, setNoteTarget] = useState<NoteTarget>(null);
  const sorted = [...posts].sort((a, b) => (postInstant(a) ?? '').localeCompare(postInstant(b) ?? ''));
  const dayNumber = Number(day.slice(8, 10));

  function accepts(event: DragEvent) {
    return canWrite && event.dataTransfer.types.includes(postDragType);
  }

  return (
    // biome-ignore lint/a11y/useSemanticElements: a day is a labelled group inside a CSS grid, not a form fieldset
    <div
      role="group"
      aria-label={formatLongDay(day)}
      data-day={day}
      data-testid="calendar-day"
      onDragOver={(event) => {
        if (!accepts(event)) return;
        event.preventDefault();
        event.dataTransfer.dropEffect = 'move';
        setDropping(true);
      }}
      onDragLeave={() => setDropping(false)}
      onDrop={(event) => {
        setDropping(false);
        if (!accepts(event)) return;
        event.preventDefault();
        const postId = event.dataTransfer.getData(postDragType);
        if (postId) onMove(postId, day);
      }}
      className={cn(
        'group/day flex min-w-0 flex-col gap-1 border-gray-200 bg-white p-1.5',
        week ? 'min-h-96' : 'min-h-28',
        outsideMonth && 'bg-gray-50/80',
        dropping && 'bg-indigo-50 ring-2 ring-indigo-400 ring-inset',
      )}
    >
      <div className="flex items-center justify-between gap-1">
        <span
          className={cn(
            'inline-flex h-6 min-w-6 items-center justify-center rounded-full px-1.5 text-xs font-medium tabular-nums',
            isToday ? 'bg-indigo-600 text-white' : outsideMonth ? 'text-gray-400' : 'text-gray-700',
          )}
          aria-current={isToday ? 'date' : undefined}
        >
          {week || dayNumber === 1 ? formatShortDay(day) : dayNumber}
          {isToday ? <span className="sr-only"> (today)</span> : null}
        </span>
        {canWrite ? (
          <button
            type="button"
            aria-label={`Add a note on ${formatLongDay(day)}`}
            onClick={() => setNoteTarget({})}
            className="rounded p-0.5 text-gray-400 opacity-0 group-hover/day:opacity-100 hover:bg-gray-100 hover:text-gray-700 focus-visible:opacity-100 focus-visible:outline-2 focus-visible:outline-indigo-600"
          >
            <Plus className="size-3.5" aria-hidden />
          </button>
        ) : null}
      </div>
      {notes.map((note) => (
        <button
          key={note.id}
          type="button"
          data-testid="calendar-note"
          onClick={() => setNoteTarget({ note })}
          title={note.note}
          className="flex items-start gap-1 rounded border border-amber-200 bg-amber-50 px-1.5 py-0.5 text-left text-xs text-amber-900 hover:bg-amber-100 focus-visible:outline-2 focus-visible:outline-indigo-600"
        >
          <StickyNote className="mt-0.5 size-3 shrink-0" aria-hidden />
          <span className={cn('min-w-0 break-words', week ? 'line-clamp-4' : 'line-clamp-2')}>
            {note.note}
          </span>
        </button>
      ))}
      {sorted.map((post) => (
        <PostChip
          key={post.id}
          post={post}
          workspaceId={workspaceId}
          timeZone={timeZone}
          day={day}
          canWrite={canWrite}
          roomy={week}
          onMove={(moved, target) => onMove(moved.id, target)}
        />
      ))}
      {noteTarget ? (
        <NoteDialog
          workspaceId={workspaceId}
          day={day}
          note={noteTarget.note}
          canWrite={canWrite}
          onOpenChange={(open) => {
            if (!open) setNoteTarget(null);
          }}
        />
      ) : null}
    </div>
  );
}
