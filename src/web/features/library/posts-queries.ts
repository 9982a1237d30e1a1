import {
  type InfiniteData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import type { Platform } from '../../../shared/studio/studio-types';
import { api, withQuery } from '../../lib/api-client';
import { createApiError, createNetworkError } from '../../lib/api-error';
import type { Page } from '../../lib/api-types';
import { workspaceKeys, workspacePath } from '../workspaces/workspace-queries';
import type { ImportReport, Post, PostCreate, PostFilters, PostUpdate } from './posts-api';

export const postKeys = {
  all: (workspaceId: string) => workspaceKeys.part(workspaceId, 'posts'),
  list: (workspaceId: string, filters: PostFilters) =>
    [...postKeys.all(workspaceId), 'list', filters] as const,
  detail: (workspaceId: string, id: string) => [...postKeys.all(workspaceId), 'detail', id] as const,
};

const postPath = (workspaceId: string, id: string, rest = '') =>
  workspacePath(workspaceId, `/posts/${encodeURIComponent(id)}${rest}`);

export function usePosts(workspaceId: string, filters: PostFilters) {
  return useInfiniteQuery<Page<Post>, Error, InfiniteData<Page<Post>>, readonly unknown[], string | null>({
    queryKey: postKeys.list(workspaceId, filters),
    queryFn: ({ pageParam }) =>
      api.get<Page<Post>>(
        withQuery(workspacePath(workspaceId, '/posts'), { ...filters, cursor: pageParam, limit: 25 }),
      ),
    initialPageParam: null,
    getNextPageParam: (last) => last.nextCursor,
    // A scheduled post turns published on the server's clock; the list follows without a reload.
    refetchInterval: (query) =>
      query.state.data?.pages.some((page) => page.items.some((post) => post.status === 'scheduled'))
        ? 5000
        : false,
  });
}

export function usePost(workspaceId: string, id: string) {
  return useQuery({
    queryKey: postKeys.detail(workspaceId, id),
    queryFn: () => api.get<Post>(postPath(workspaceId, id)),
    enabled: id !== '',
    refetchInterval: (query) => (query.state.data?.status === 'scheduled' ? 5000 : false),
  });
}

function useInvalidatePosts(workspaceId: string) {
  const queryClient = useQueryClient();
  return (post?: Post) => {
    if (post) queryClient.setQueryData(postKeys.detail(workspaceId, post.id), post);
    return queryClient.invalidateQueries({ queryKey: postKeys.all(workspaceId) });
  };
}

export function useCreatePost(workspaceId: string) {
  const done = useInvalidatePosts(workspaceId);
  return useMutation({
    mutationFn: (body: PostCreate) => api.post<Post>(workspacePath(workspaceId, '/posts'), body),
    onSuccess: (post) => done(post),
  });
}

export function useUpdatePost(workspaceId: string, id: string) {
  const done = useInvalidatePosts(workspaceId);
  return useMutation({
    mutationFn: (body: PostUpdate) => api.patch<Post>(postPath(workspaceId, id), body),
    onSuccess: (post) => done(post),
  });
}

export function useDeletePosts(workspaceId: string) {
  const done = useInvalidatePosts(workspaceId);
  return useMutation({
    mutationFn: async (ids: string[]) => {
      for (const id of ids) await api.delete(postPath(workspaceId, id));
    },
    onSettled: () => done(),
  });
}

export interface ScheduleInput {
  id: string;
  scheduledAt: string;
  channelId: string;
  expectedVersion?: number;
}

/** Schedules one or more posts, one request each; stops at the first refusal so the reason is shown. */
export function useSchedulePosts(workspaceId: string) {
  const done = useInvalidatePosts(workspaceId);
  return useMutation({
    mutationFn: async (inputs: ScheduleInput[]) => {
      const scheduled: Post[] = [];
      for (const { id, ...body } of inputs) {
        scheduled.push(await api.post<Post>(postPath(workspaceId, id, '/schedule'), body));
      }
      return scheduled;
    },
    onSettled: (posts) => done(posts?.length === 1 ? posts[0] : undefined),
  });
}

export function useCancelPosts(workspaceId: string) {
  const done = useInvalidatePosts(workspaceId);
  return useMutation({
    mutationFn: async (ids: string[]) => {
      const cancelled: Post[] = [];
      for (const id of ids) cancelled.push(await api.post<Post>(postPath(workspaceId, id, '/cancel'), {}));
      return cancelled;
    },
    onSettled: (posts) => done(posts?.length === 1 ? posts[0] : undefined),
  });
}

export function usePostsFromGeneration(workspaceId: string) {
  const done = useInvalidatePosts(workspaceId);
  return useMutation({
    mutationFn: (body: { generationId: string; platforms?: Platform[] }) =>
      api.post<{ items: Post[] }>(workspacePath(workspaceId, '/posts/from-generation'), body),
    onSuccess: () => done(),
  });
}

/** A file's text sent as is: CSV as text/csv, JSON as application/json. */
async function postText<T>(path: string, body: string, contentType: string): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: 'POST',
      headers: { Accept: 'application/json', 'Content-Type': contentType },
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
  return parsed as T;
}

export function useImportPosts(workspaceId: string) {
  const done = useInvalidatePosts(workspaceId);
  return useMutation({
    mutationFn: async (file: File) => {
      const text = await file.text();
      const isJson = file.name.toLowerCase().endsWith('.json') || file.type === 'application/json';
      return postText<ImportReport>(
        workspacePath(workspaceId, '/posts/import'),
        text,
        isJson ? 'application/json' : 'text/csv',
      );
    },
    onSettled: () => done(),
  });
}

export function exportUrl(workspaceId: string, format: 'csv' | 'json') {
  return withQuery(workspacePath(workspaceId, '/posts/export'), { format });
}
