import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api-client';
import type { AiProviderSettings, AiProviderUpdate } from '../studio/studio-api-types';
import { workspaceKeys, workspacePath } from '../workspaces/workspace-queries';

export function useAiProvider(workspaceId: string) {
  return useQuery({
    queryKey: workspaceKeys.part(workspaceId, 'ai-provider'),
    queryFn: () => api.get<AiProviderSettings>(workspacePath(workspaceId, '/ai-provider')),
  });
}

export function useSaveAiProvider(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: AiProviderUpdate) =>
      api.put<AiProviderSettings>(workspacePath(workspaceId, '/ai-provider'), body),
    onSuccess: async (settings) => {
      queryClient.setQueryData(workspaceKeys.part(workspaceId, 'ai-provider'), settings);
      // The Studio shows which engine it will use; it reads that from the rules.
      await queryClient.invalidateQueries({ queryKey: workspaceKeys.part(workspaceId, 'studio-rules') });
    },
  });
}
