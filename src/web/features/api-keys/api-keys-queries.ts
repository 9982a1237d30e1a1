import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api-client';
import type { ApiKey, ApiKeyScope, CreatedApiKey, ListResponse } from '../../lib/api-types';
import { workspaceKeys, workspacePath } from '../workspaces/workspace-queries';

export function useApiKeys(workspaceId: string) {
  return useQuery({
    queryKey: workspaceKeys.part(workspaceId, 'api-keys'),
    queryFn: () => api.get<ListResponse<ApiKey>>(workspacePath(workspaceId, '/api-keys')),
  });
}

export function useApiKeyMutations(workspaceId: string) {
  const queryClient = useQueryClient();
  const invalidate = () =>
    queryClient.invalidateQueries({ queryKey: workspaceKeys.part(workspaceId, 'api-keys') });

  const create = useMutation({
    mutationFn: (body: { name: string; scope: ApiKeyScope }) =>
      api.post<CreatedApiKey>(workspacePath(workspaceId, '/api-keys'), body),
    onSuccess: invalidate,
  });

  const revoke = useMutation({
    mutationFn: (keyId: string) =>
      api.delete(workspacePath(workspaceId, `/api-keys/${encodeURIComponent(keyId)}`)),
    onSettled: invalidate,
  });

  return { create, revoke };
}
