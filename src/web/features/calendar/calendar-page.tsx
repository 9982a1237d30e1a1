import { useQueryClient } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { Globe } from 'lucide-react';
import { useState } from 'react';
import { ErrorBanner, Notice } from '../../components/error-banner';
import { PageHeader } from '../../components/page-header';
import { LoadingBlock } from '../../components/spinner';
import { cn } from '../../lib/cn';
import { useDocumentTitle } from '../../lib/use-document-title';
import { useWorkspaceId } from '../../lib/use-me';
import type { CalendarSearch } from '../../routes/search-params';
import { useWorkspace } from '../workspaces/workspace-queries';
import {
  dayOfInstant,
  formatLongDay,
  formatRangeTitle,
  monthGridDays,
  moveToDay,
  sameMonth,
  shiftAnchor,
  timeOfInstant,
  todayIn,
  weekDays,
  weekdayLabels,
} from './calendar-dates';
import { CalendarDayCell } from './calendar-day';
import { type CalendarFilters, calendarKeys, useCalendar, useReschedule } from './calendar-queries';
import { CalendarToolbar } from './calendar-toolbar';
import { type CalendarResponse, type PostSummary, postStatuses } from './calendar-types';
import { canMove } from './post-chip';
import { statusStyles } from './post-display';

function StatusLegend() {
  return (
    <ul className="flex flex-wrap items-center gap-x-4 gap-y-1 text-xs text-gray-500" aria-label="Colours">
      {postStatuses.map((status) => (
        <li key={status} className="inline-flex items-center gap-1.5">
          <span className={cn('size-3 rounded border', statusStyles[status].chip)} aria-hidden />
          {statusStyles[status].label}
        </li>
      ))}
      <li className="inline-flex items-center gap-1.5">
        <span className="size-3 rounded border border-amber-200 bg-amber-50" aria-hidden />
        Note
      </li>
    </ul>
  );
}

/** The cached range with the post already on its new day, so the chip lands where it was dropped. */
function withPostMoved(
  data: CalendarResponse,
  post: PostSummary,
  day: string,
  instant: Date,
): CalendarResponse {
  const moved = { ...post, scheduledAt: instant.toISOString() };
  return {
    ...data,
    days: data.days.map((entry) => {
      const posts = entry.posts.filter((item) => item.id !== post.id);
      return { ...entry, posts: entry.day === day ? [...posts, moved] : posts };
    }),
  };
}

export function CalendarPage() {
  const workspaceId = useWorkspaceId();
  const { data: workspace } = useWorkspace(workspaceId);
  const search = useSearch({ strict: false }) as CalendarSearch;
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const timeZone = workspace?.timezone ?? 'UTC';
  const today = todayIn(timeZone);
  const filters: CalendarFilters = {
    view: search.view ?? 'month',
    date: search.date ?? today,
    platform: search.platform,
    status: search.status,
  };
  const calendar = useCalendar(workspaceId, filters);
  const reschedule = useReschedule(workspaceId);
  const [moveError, setMoveError] = useState<string | null>(null);
  const [moved, setMoved] = useState<string | null>(null);
  useDocumentTitle(workspace ? `Calendar · ${workspace.name}` : 'Calendar');

  function setSearch(next: Partial<CalendarSearch>) {
    void navigate({
      to: '/w/$workspaceId/calendar',
      params: { workspaceId },
      search: (previous: CalendarSearch) => ({ ...previous, ...next }),
    });
  }

  const header = (
    <PageHeader
      title="Calendar"
      description={
        <span className="inline-flex items-center gap-1.5">
          <Globe className="size-3.5" aria-hidden />
          Times in {timeZone} — drag a scheduled post to another day to move it; it keeps its time of day.
        </span>
      }
    />
  );
  if (!workspace) {
    return (
      <>
        {header}
        <LoadingBlock />
      </>
    );
  }
  const canWrite = workspace.role !== 'viewer';
  const week = filters.view === 'week';
  const days = week ? weekDays(filters.date) : monthGridDays(filters.date);
  const byDay = new Map((calendar.data?.days ?? []).map((entry) => [entry.day, entry]));

  function handleMove(postId: string, day: string) {
    setMoveError(null);
    setMoved(null);
    const data = calendar.data;
    const post = data?.days.flatMap((entry) => entry.posts).find((item) => item.id === postId);
    if (!data || !post?.scheduledAt) return;
    if (!canMove(post)) {
      setMoveError('Only scheduled posts, or drafts with a channel, can be moved.');
      return;
    }
    if (dayOfInstant(post.scheduledAt, timeZone) === day) return;
    const result = moveToDay(post.scheduledAt, day, timeZone);
    if (!result.ok) {
      setMoveError(result.message);
      return;
    }
    if (result.instant.getTime() <= Date.now()) {
      setMoveError(
        `${formatLongDay(day)} at ${timeOfInstant(post.scheduledAt, timeZone)} has already passed: pick a later day.`,
      );
      return;
    }
    queryClient.setQueryData(
      calendarKeys.range(workspaceId, filters),
      withPostMoved(data, post, day, result.instant),
    );
    reschedule.mutate(
      { post, instant: result.instant },
      {
        onSuccess: () =>
          setMoved(
            `Moved to ${formatLongDay(day)} at ${timeOfInstant(result.instant.toISOString(), timeZone)}.`,
          ),
        onError: (error) => setMoveError(error.message),
      },
    );
  }

  return (
    <div className="space-y-4">
      {header}
      {moveError ? (
        <ErrorBanner title="The post was not moved" message={moveError} />
      ) : moved ? (
        <Notice tone="success">{moved}</Notice>
      ) : null}
      <CalendarToolbar
        state={{
          view: filters.view,
          title: formatRangeTitle(filters.view, filters.date),
          platform: filters.platform,
          status: filters.status,
        }}
        onStep={(direction) => setSearch({ date: shiftAnchor(filters.view, filters.date, direction) })}
        onToday={() => setSearch({ date: undefined })}
        onChange={(next) => setSearch(next)}
      />
      {calendar.isError ? <ErrorBanner message={calendar.error.message} /> : null}
      {calendar.data?.truncated ? (
        <Notice tone="warning">
          This range holds more posts than the calendar can show at once: filter by platform or status.
        </Notice>
      ) : null}
      <div
        className={cn(
          // Seven columns do not fit a phone: the grid keeps its width and scrolls sideways there.
          'overflow-x-auto rounded-xl border border-gray-200 bg-white shadow-xs',
          calendar.isFetching && 'opacity-90',
        )}
        aria-busy={calendar.isPending || undefined}
      >
        <div className="grid min-w-[44rem] grid-cols-7 border-b border-gray-200 bg-gray-50/80" aria-hidden>
          {weekdayLabels.map((label) => (
            <div
              key={label}
              className="px-2 py-1.5 text-xs font-medium tracking-wide text-gray-500 uppercase"
            >
              {label}
            </div>
          ))}
        </div>
        <div className="grid min-w-[44rem] grid-cols-7 gap-px bg-gray-200">
          {days.map((day) => (
            <CalendarDayCell
              key={day}
              workspaceId={workspaceId}
              timeZone={timeZone}
              day={day}
              posts={byDay.get(day)?.posts ?? []}
              notes={byDay.get(day)?.notes ?? []}
              isToday={day === today}
              outsideMonth={!week && !sameMonth(day, filters.date)}
              week={week}
              canWrite={canWrite}
              onMove={handleMove}
            />
          ))}
        </div>
      </div>
      {calendar.isPending ? <LoadingBlock label="Loading the calendar…" /> : null}
      <StatusLegend />
    </div>
  );
}
