import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api-client';
import { workspaceKeys, workspacePath } from '../workspaces/workspace-queries';
import type {
  BackfillRequest,
  CategoryMapping,
  ConnectedRepository,
  ConnectRepositoryBody,
  Repository,
  WebhookSetup,
} from './repositories-api';

export const repositoryKeys = {
  list: (workspaceId: string) => workspaceKeys.part(workspaceId, 'repositories'),
};

const repositoryPath = (workspaceId: string, id: string, rest = '') =>
  workspacePath(workspaceId, `/repositories/${encodeURIComponent(id)}${rest}`);

export function useRepositories(workspaceId: string) {
  return useQuery({
    queryKey: repositoryKeys.list(workspaceId),
    queryFn: () => api.get<{ repositories: Repository[] }>(workspacePath(workspaceId, '/repositories')),
    select: (data) => data.repositories,
    // A running backfill or a fresh delivery changes the row on the server; follow it while one runs.
    refetchInterval: (query) =>
      query.state.data?.repositories.some((repo) => repo.backfill.status === 'running') ? 3000 : 30_000,
  });
}

function useRefreshRepositories(workspaceId: string) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: repositoryKeys.list(workspaceId) });
}

export function useConnectRepository(workspaceId: string) {
  const refresh = useRefreshRepositories(workspaceId);
  return useMutation({
    mutationFn: (body: ConnectRepositoryBody) =>
      api.post<ConnectedRepository>(workspacePath(workspaceId, '/repositories'), body),
    onSuccess: () => refresh(),
  });
}

export function useUpdateRepository(workspaceId: string) {
  const refresh = useRefreshRepositories(workspaceId);
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string; categoryMapping?: CategoryMapping; token?: string }) =>
      api.patch<{ repository: Repository }>(repositoryPath(workspaceId, id), body),
    onSuccess: () => refresh(),
  });
}

export function useBackfillRepository(workspaceId: string) {
  const refresh = useRefreshRepositories(workspaceId);
  return useMutation({
    mutationFn: ({ id, request }: { id: string; request: BackfillRequest }) =>
      api.post<{ repository: Repository }>(repositoryPath(workspaceId, id, '/backfill'), request),
    onSuccess: () => refresh(),
  });
}

export function useRotateWebhookSecret(workspaceId: string) {
  const refresh = useRefreshRepositories(workspaceId);
  return useMutation({
    mutationFn: (id: string) =>
      api.post<{ webhook: WebhookSetup }>(repositoryPath(workspaceId, id, '/webhook-secret'), {}),
    onSuccess: () => refresh(),
  });
}

export function useDisconnectRepository(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(repositoryPath(workspaceId, id)),
    // Entries keep existing without their repository, so the changelog lists change too.
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: repositoryKeys.list(workspaceId) }),
        queryClient.invalidateQueries({ queryKey: workspaceKeys.part(workspaceId, 'changelog') }),
      ]),
  });
}
