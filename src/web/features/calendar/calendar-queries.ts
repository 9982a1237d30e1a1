import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, withQuery } from '../../lib/api-client';
import { workspaceKeys, workspacePath } from '../workspaces/workspace-queries';
import type { CalendarView } from './calendar-dates';
import type { CalendarNote, CalendarResponse, PostSummary } from './calendar-types';

export interface CalendarFilters {
  view: CalendarView;
  date: string;
  platform?: string;
  status?: string;
}

export const calendarKeys = {
  all: (workspaceId: string) => workspaceKeys.part(workspaceId, 'calendar'),
  range: (workspaceId: string, filters: CalendarFilters) =>
    [...workspaceKeys.part(workspaceId, 'calendar'), filters] as const,
};

export function useCalendar(workspaceId: string, filters: CalendarFilters) {
  return useQuery({
    queryKey: calendarKeys.range(workspaceId, filters),
    queryFn: () =>
      api.get<CalendarResponse>(
        withQuery(workspacePath(workspaceId, '/calendar'), {
          view: filters.view,
          date: filters.date,
          platform: filters.platform,
          status: filters.status,
        }),
      ),
    // Keep last range's grid on screen while the next one loads, so navigating does not flash.
    placeholderData: keepPreviousData,
  });
}

/** Everything that lists posts shows the new time: the calendar and the Library's lists. */
function invalidatePosts(queryClient: ReturnType<typeof useQueryClient>, workspaceId: string) {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: calendarKeys.all(workspaceId) }),
    queryClient.invalidateQueries({ queryKey: workspaceKeys.part(workspaceId, 'posts') }),
  ]);
}

export function useReschedule(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ post, instant }: { post: PostSummary; instant: Date }) =>
      api.post<{ id: string; scheduledAt: string | null }>(
        workspacePath(workspaceId, `/posts/${encodeURIComponent(post.id)}/schedule`),
        {
          scheduledAt: instant.toISOString(),
          ...(post.channelId ? { channelId: post.channelId } : {}),
          expectedVersion: post.version,
        },
      ),
    onSettled: () => invalidatePosts(queryClient, workspaceId),
  });
}

export function useNoteMutations(workspaceId: string) {
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: calendarKeys.all(workspaceId) });
  const notePath = (id: string) => workspacePath(workspaceId, `/calendar/notes/${encodeURIComponent(id)}`);
  return {
    create: useMutation({
      mutationFn: (body: { day: string; note: string }) =>
        api.post<CalendarNote>(workspacePath(workspaceId, '/calendar/notes'), body),
      onSuccess: refresh,
    }),
    update: useMutation({
      mutationFn: ({ id, ...body }: { id: string; note?: string; day?: string }) =>
        api.patch<CalendarNote>(notePath(id), body),
      onSuccess: refresh,
    }),
    remove: useMutation({
      mutationFn: (id: string) => api.delete(notePath(id)),
      onSuccess: refresh,
    }),
  };
}
