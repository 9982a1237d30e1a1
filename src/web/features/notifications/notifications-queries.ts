import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, withQuery } from '../../lib/api-client';
import type { NotificationsPage } from '../../lib/api-types';
import { workspaceKeys } from '../workspaces/workspace-queries';

const notificationsKey = ['notifications'] as const;

/** The newest notifications and the unread count, checked every 30 s while the tab is open. */
export function useNotifications() {
  return useQuery({
    queryKey: notificationsKey,
    queryFn: () => api.get<NotificationsPage>(withQuery('/api/v1/notifications', { limit: 15 })),
    refetchInterval: 30_000,
    staleTime: 10_000,
  });
}

export function useNotificationMutations() {
  const queryClient = useQueryClient();

  // Mark read locally at once so the badge drops without waiting for the next poll.
  function markLocally(id: string | null) {
    queryClient.setQueryData<NotificationsPage>(notificationsKey, (page) => {
      if (!page) return page;
      const now = new Date().toISOString();
      const items = page.items.map((item) =>
        (id === null || item.id === id) && !item.readAt ? { ...item, readAt: now } : item,
      );
      const wasUnread = id !== null && page.items.some((item) => item.id === id && !item.readAt);
      return {
        ...page,
        items,
        unreadCount: id === null ? 0 : Math.max(0, page.unreadCount - (wasUnread ? 1 : 0)),
      };
    });
  }
  const refresh = () => queryClient.invalidateQueries({ queryKey: notificationsKey });

  const markRead = useMutation({
    mutationFn: (id: string) => api.post<void>(`/api/v1/notifications/${encodeURIComponent(id)}/read`),
    onMutate: (id) => markLocally(id),
    onSettled: refresh,
  });
  const markAllRead = useMutation({
    mutationFn: () => api.post<void>('/api/v1/notifications/read-all'),
    onMutate: () => markLocally(null),
    onSettled: refresh,
  });
  return { markRead, markAllRead };
}

/** A billing or usage notification often means the billing page is out of date too. */
export function useRefreshWorkspaceBilling() {
  const queryClient = useQueryClient();
  return (workspaceId: string | null) => {
    if (workspaceId)
      void queryClient.invalidateQueries({ queryKey: workspaceKeys.part(workspaceId, 'billing') });
  };
}
