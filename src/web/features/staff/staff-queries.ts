import { type InfiniteData, useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, withQuery } from '../../lib/api-client';
import type { MailboxMessage, Page, StaffUser } from '../../lib/api-types';

export function useStaffUsers(search: string) {
  return useInfiniteQuery<
    Page<StaffUser>,
    Error,
    InfiniteData<Page<StaffUser>>,
    readonly unknown[],
    string | null
  >({
    queryKey: ['staff', 'users', search],
    queryFn: ({ pageParam }) =>
      api.get<Page<StaffUser>>(withQuery('/api/v1/staff/users', { q: search, cursor: pageParam })),
    initialPageParam: null,
    getNextPageParam: (last) => last.nextCursor,
    // Keep the old rows on screen while the next search loads, instead of flashing a spinner.
    placeholderData: (previous) => previous,
  });
}

export function useStaffUserMutations() {
  const queryClient = useQueryClient();
  const invalidate = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: ['staff', 'users'] }),
      queryClient.invalidateQueries({ queryKey: ['staff', 'audit'] }),
    ]);

  const suspend = useMutation({
    mutationFn: ({ userId, reason }: { userId: string; reason: string }) =>
      api.post<{ user: StaffUser }>(`/api/v1/staff/users/${encodeURIComponent(userId)}/suspend`, { reason }),
    onSuccess: invalidate,
  });

  const reactivate = useMutation({
    mutationFn: (userId: string) =>
      api.post<{ user: StaffUser }>(`/api/v1/staff/users/${encodeURIComponent(userId)}/reactivate`, {}),
    onSettled: invalidate,
  });

  return { suspend, reactivate };
}

export function useMailbox() {
  return useInfiniteQuery<
    Page<MailboxMessage>,
    Error,
    InfiniteData<Page<MailboxMessage>>,
    readonly unknown[],
    string | null
  >({
    queryKey: ['staff', 'mailbox'],
    queryFn: ({ pageParam }) =>
      api.get<Page<MailboxMessage>>(withQuery('/api/v1/staff/mailbox', { cursor: pageParam })),
    initialPageParam: null,
    getNextPageParam: (last) => last.nextCursor,
  });
}
