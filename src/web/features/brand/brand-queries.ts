import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api-client';
import type { BrandProfile } from '../../lib/api-types';
import { workspaceKeys, workspacePath } from '../workspaces/workspace-queries';

export type BrandInput = Omit<BrandProfile, 'updatedAt'>;

export function useBrand(workspaceId: string) {
  return useQuery({
    queryKey: workspaceKeys.part(workspaceId, 'brand'),
    queryFn: () => api.get<BrandProfile>(workspacePath(workspaceId, '/brand')),
  });
}

export function useSaveBrand(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Partial<BrandInput>) =>
      api.put<BrandProfile>(workspacePath(workspaceId, '/brand'), body),
    onSuccess: (brand) => {
      queryClient.setQueryData(workspaceKeys.part(workspaceId, 'brand'), brand);
      return queryClient.invalidateQueries({ queryKey: workspaceKeys.part(workspaceId, 'brand') });
    },
  });
}
