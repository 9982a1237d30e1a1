import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api-client';
import { workspaceKeys, workspacePath } from '../workspaces/workspace-queries';
import type { Roadmap, RoadmapItem, RoadmapMapping, RoadmapStatus } from './roadmap-api';

export const roadmapKeys = {
  detail: (workspaceId: string) => workspaceKeys.part(workspaceId, 'roadmap'),
};

export function useRoadmap(workspaceId: string, enabled = true) {
  return useQuery({
    queryKey: roadmapKeys.detail(workspaceId),
    queryFn: () => api.get<Roadmap>(workspacePath(workspaceId, '/roadmap')),
    enabled,
    // Coming back to the board reads it again: votes and GitHub's changes happen outside this tab.
    refetchOnMount: 'always',
    // Votes and GitHub's changes arrive without the page doing anything.
    refetchInterval: (query) =>
      query.state.data?.repositories.some((r) => r.importStatus === 'running') ? 2_000 : 20_000,
  });
}

/** Moves an item at once on the board; the server's answer (or the old state on failure) follows. */
export function useMoveItem(workspaceId: string) {
  const queryClient = useQueryClient();
  const key = roadmapKeys.detail(workspaceId);
  return useMutation({
    mutationFn: ({ itemId, status }: { itemId: string; status: RoadmapStatus }) =>
      api.patch<{ item: RoadmapItem }>(workspacePath(workspaceId, `/roadmap/items/${itemId}`), { status }),
    onMutate: async ({ itemId, status }) => {
      await queryClient.cancelQueries({ queryKey: key });
      const previous = queryClient.getQueryData<Roadmap>(key);
      if (previous) {
        queryClient.setQueryData<Roadmap>(key, {
          ...previous,
          items: previous.items.map((item) => (item.id === itemId ? { ...item, status } : item)),
        });
      }
      return { previous };
    },
    onError: (_error, _vars, context) => {
      if (context?.previous) queryClient.setQueryData(key, context.previous);
    },
    onSuccess: ({ item }) => {
      const current = queryClient.getQueryData<Roadmap>(key);
      if (current) {
        queryClient.setQueryData<Roadmap>(key, {
          ...current,
          items: current.items.map((i) => (i.id === item.id ? item : i)),
        });
      }
    },
  });
}

export function useSaveRoadmapRepository(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({
      repositoryId,
      ...body
    }: {
      repositoryId: string;
      enabled?: boolean;
      mapping?: RoadmapMapping;
    }) => api.put<Roadmap>(workspacePath(workspaceId, `/roadmap/repositories/${repositoryId}`), body),
    onSuccess: (data) => queryClient.setQueryData(roadmapKeys.detail(workspaceId), data),
  });
}

export function useImportRoadmap(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (repositoryId: string) =>
      api.post<Roadmap>(workspacePath(workspaceId, `/roadmap/repositories/${repositoryId}/import`), {}),
    onSuccess: (data) => queryClient.setQueryData(roadmapKeys.detail(workspaceId), data),
  });
}
