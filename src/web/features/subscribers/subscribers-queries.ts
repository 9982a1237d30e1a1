import {
  type InfiniteData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { api, withQuery } from '../../lib/api-client';
import { createApiError, createNetworkError } from '../../lib/api-error';
import { workspaceKeys, workspacePath } from '../workspaces/workspace-queries';

// The subscribers API (features/subscribers on the server) as the Subscribers page reads it.

export type SubscriberStatus = 'pending' | 'confirmed' | 'unsubscribed';

export interface Subscriber {
  id: string;
  email: string;
  status: SubscriberStatus;
  preference: 'all' | 'major' | 'digest';
  source: 'page' | 'widget' | 'import' | 'api';
  confirmedAt: string | null;
  confirmedVia: string | null;
  unsubscribedAt: string | null;
  createdAt: string;
}

export interface SubscriberPage {
  items: Subscriber[];
  nextCursor: string | null;
  counts: { total: number; confirmed: number; pending: number; unsubscribed: number };
}

export interface Delivery {
  id: string;
  entryId: string;
  entryTitle: string;
  kind: 'entry' | 'digest';
  status: 'queued' | 'sent' | 'failed' | 'skipped';
  attempts: number;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}

export interface ImportReport {
  imported: number;
  existing: number;
  skipped: number;
  rejected: Array<{ row: number; errors: Array<{ path: string; message: string }> }>;
}

export interface SubscriberFilters {
  q?: string;
  status?: SubscriberStatus | '';
}

export const subscriberKeys = {
  all: (workspaceId: string) => workspaceKeys.part(workspaceId, 'subscribers'),
  list: (workspaceId: string, filters: SubscriberFilters) =>
    [...subscriberKeys.all(workspaceId), 'list', filters] as const,
  deliveries: (workspaceId: string, id: string) =>
    [...subscriberKeys.all(workspaceId), 'deliveries', id] as const,
};

export const subscribersPath = (workspaceId: string, rest = '') =>
  workspacePath(workspaceId, `/subscribers${rest}`);

export function useSubscribers(workspaceId: string, filters: SubscriberFilters) {
  return useInfiniteQuery<
    SubscriberPage,
    Error,
    InfiniteData<SubscriberPage>,
    readonly unknown[],
    string | null
  >({
    queryKey: subscriberKeys.list(workspaceId, filters),
    queryFn: ({ pageParam }) =>
      api.get<SubscriberPage>(
        withQuery(subscribersPath(workspaceId), { ...filters, cursor: pageParam, limit: 50 }),
      ),
    initialPageParam: null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

export function useDeliveries(workspaceId: string, subscriberId: string | null) {
  return useQuery({
    queryKey: subscriberKeys.deliveries(workspaceId, subscriberId ?? ''),
    queryFn: () =>
      api.get<{ items: Delivery[]; nextCursor: string | null }>(
        withQuery(subscribersPath(workspaceId, `/${encodeURIComponent(subscriberId ?? '')}/deliveries`), {
          limit: 100,
        }),
      ),
    enabled: Boolean(subscriberId),
  });
}

export function useDeleteSubscriber(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(subscribersPath(workspaceId, `/${encodeURIComponent(id)}`)),
    onSettled: () => queryClient.invalidateQueries({ queryKey: subscriberKeys.all(workspaceId) }),
  });
}

/**
 * POSTs a CSV file to an import route (the workspace's own, or the staff one) and answers its report;
 * afterwards the workspace's subscriber lists are read again.
 */
export function useImportSubscribers(
  workspaceId: string,
  importUrl = subscribersPath(workspaceId, '/import'),
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (file: File): Promise<ImportReport> => {
      const body = await file.text();
      let response: Response;
      try {
        response = await fetch(importUrl, {
          method: 'POST',
          headers: { Accept: 'application/json', 'Content-Type': 'text/csv' },
          credentials: 'include',
          body,
        });
      } catch (cause) {
        throw createNetworkError(cause);
      }
      const text = await response.text();
      let parsed: unknown = null;
      try {
        parsed = text ? JSON.parse(text) : null;
      } catch {
        parsed = text;
      }
      if (!response.ok) throw createApiError(response.status, parsed);
      return parsed as ImportReport;
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: subscriberKeys.all(workspaceId) }),
  });
}

/** The staff routes for a workspace's subscribers (staff admins; staff are usually not members). */
export const staffSubscribersPath = (workspaceId: string, rest: '/import' | '/export') =>
  `/api/v1/staff/workspaces/${encodeURIComponent(workspaceId)}/subscribers${rest}`;
