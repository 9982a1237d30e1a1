import {
  type InfiniteData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { api, withQuery } from '../../lib/api-client';
import { postKeys } from '../library/posts-queries';
import { workspaceKeys, workspacePath } from '../workspaces/workspace-queries';
import type {
  Entry,
  EntryCreate,
  EntryFilters,
  EntryPage,
  EntryUpdate,
  RewriteResult,
  SocialPostsResult,
} from './changelog-api';

export const entryKeys = {
  all: (workspaceId: string) => workspaceKeys.part(workspaceId, 'changelog'),
  list: (workspaceId: string, filters: EntryFilters) =>
    [...entryKeys.all(workspaceId), 'list', filters] as const,
  detail: (workspaceId: string, id: string) => [...entryKeys.all(workspaceId), 'detail', id] as const,
};

const entriesPath = (workspaceId: string, rest = '') =>
  workspacePath(workspaceId, `/changelog/entries${rest}`);
const entryPath = (workspaceId: string, id: string, rest = '') =>
  entriesPath(workspaceId, `/${encodeURIComponent(id)}${rest}`);

export function useEntries(workspaceId: string, filters: EntryFilters) {
  return useInfiniteQuery<EntryPage, Error, InfiniteData<EntryPage>, readonly unknown[], string | null>({
    queryKey: entryKeys.list(workspaceId, filters),
    queryFn: ({ pageParam }) =>
      api.get<EntryPage>(withQuery(entriesPath(workspaceId), { ...filters, cursor: pageParam, limit: 25 })),
    initialPageParam: null,
    getNextPageParam: (last) => last.nextCursor,
    // Webhook deliveries add drafts and scheduled entries go live on the server's clock.
    refetchInterval: 10_000,
  });
}

export function useEntry(workspaceId: string, id: string) {
  return useQuery({
    queryKey: entryKeys.detail(workspaceId, id),
    queryFn: () => api.get<{ entry: Entry }>(entryPath(workspaceId, id)),
    select: (data) => data.entry,
    refetchInterval: (query) => (query.state.data?.entry.status === 'scheduled' ? 5000 : false),
  });
}

/** After a change: the fresh entry into its detail cache, every list refetched. */
function useAdoptEntry(workspaceId: string) {
  const queryClient = useQueryClient();
  return (entry?: Entry) => {
    if (entry) queryClient.setQueryData(entryKeys.detail(workspaceId, entry.id), { entry });
    return queryClient.invalidateQueries({ queryKey: [...entryKeys.all(workspaceId), 'list'] });
  };
}

export function useCreateEntry(workspaceId: string) {
  const adopt = useAdoptEntry(workspaceId);
  return useMutation({
    mutationFn: (body: EntryCreate) => api.post<{ entry: Entry }>(entriesPath(workspaceId), body),
    onSuccess: ({ entry }) => adopt(entry),
  });
}

export function useUpdateEntry(workspaceId: string, id: string) {
  const adopt = useAdoptEntry(workspaceId);
  return useMutation({
    mutationFn: (body: EntryUpdate) => api.patch<{ entry: Entry }>(entryPath(workspaceId, id), body),
    onSuccess: ({ entry }) => adopt(entry),
  });
}

export function useDeleteEntry(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(entryPath(workspaceId, id)),
    onSuccess: (_result, id) => {
      queryClient.removeQueries({ queryKey: entryKeys.detail(workspaceId, id) });
      return queryClient.invalidateQueries({ queryKey: [...entryKeys.all(workspaceId), 'list'] });
    },
  });
}

export function useGroupEntries(workspaceId: string) {
  const adopt = useAdoptEntry(workspaceId);
  return useMutation({
    mutationFn: (body: { entryIds: string[]; title?: string }) =>
      api.post<{ entry: Entry }>(entriesPath(workspaceId, '/group'), body),
    onSuccess: ({ entry }) => adopt(entry),
  });
}

export function useRewriteEntry(workspaceId: string, id: string) {
  const adopt = useAdoptEntry(workspaceId);
  return useMutation({
    mutationFn: () => api.post<RewriteResult>(entryPath(workspaceId, id, '/rewrite'), {}),
    onSuccess: ({ entry }) => adopt(entry),
  });
}

/** Publishes now, or schedules when `at` (an instant with its offset) is given. */
export function usePublishEntry(workspaceId: string, id: string) {
  const adopt = useAdoptEntry(workspaceId);
  return useMutation({
    mutationFn: (at?: string) =>
      api.post<{ entry: Entry }>(entryPath(workspaceId, id, '/publish'), at ? { at } : {}),
    onSuccess: ({ entry }) => adopt(entry),
  });
}

export function useUnpublishEntry(workspaceId: string, id: string) {
  const adopt = useAdoptEntry(workspaceId);
  return useMutation({
    mutationFn: () => api.post<{ entry: Entry }>(entryPath(workspaceId, id, '/unpublish'), {}),
    onSuccess: ({ entry }) => adopt(entry),
  });
}

export function useEntrySocialPosts(workspaceId: string, id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (platforms: ('x' | 'linkedin')[]) =>
      api.post<SocialPostsResult>(entryPath(workspaceId, id, '/social-posts'), { platforms }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: postKeys.all(workspaceId) }),
  });
}
