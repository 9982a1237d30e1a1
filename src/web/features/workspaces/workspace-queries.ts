import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api-client';
import type { Workspace } from '../../lib/api-types';
import { meQueryKey } from '../../lib/me-queries';

export const workspaceKeys = {
  all: ['workspaces'] as const,
  detail: (id: string) => ['workspace', id] as const,
  part: (id: string, part: string) => ['workspace', id, part] as const,
};

export function workspacePath(id: string, rest = '') {
  return `/api/v1/workspaces/${encodeURIComponent(id)}${rest}`;
}

export function workspaceQueryOptions(id: string) {
  return queryOptions({
    queryKey: workspaceKeys.detail(id),
    queryFn: () => api.get<Workspace>(workspacePath(id)),
  });
}

export function useWorkspace(id: string) {
  return useQuery(workspaceQueryOptions(id));
}

export function useCreateWorkspace() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { name: string }) => api.post<Workspace>('/api/v1/workspaces', body),
    onSuccess: async () => {
      // The switcher reads the list from /me, so both caches need the new workspace.
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: meQueryKey }),
        queryClient.invalidateQueries({ queryKey: workspaceKeys.all }),
      ]);
    },
  });
}

export function useUpdateWorkspace(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { name?: string; timezone?: string }) => api.patch<Workspace>(workspacePath(id), body),
    onSuccess: async (workspace) => {
      queryClient.setQueryData(workspaceKeys.detail(id), (previous: Workspace | undefined) =>
        previous ? { ...previous, ...workspace } : workspace,
      );
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: workspaceKeys.detail(id) }),
        queryClient.invalidateQueries({ queryKey: meQueryKey }),
        queryClient.invalidateQueries({ queryKey: workspaceKeys.all }),
      ]);
    },
  });
}
