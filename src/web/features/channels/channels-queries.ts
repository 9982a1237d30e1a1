import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api-client';
import type { ListResponse } from '../../lib/api-types';
import type { Channel, ChannelWithSecret } from '../library/posts-api';
import { workspaceKeys, workspacePath } from '../workspaces/workspace-queries';

export const channelKeys = {
  list: (workspaceId: string) => workspaceKeys.part(workspaceId, 'channels'),
};

export function useChannels(workspaceId: string) {
  return useQuery({
    queryKey: channelKeys.list(workspaceId),
    queryFn: () => api.get<ListResponse<Channel>>(workspacePath(workspaceId, '/channels')),
    select: (data) => data.items,
  });
}

function useRefreshChannels(workspaceId: string) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: channelKeys.list(workspaceId) });
}

export type ConnectTarget = { kind: 'x' } | { kind: 'linkedin'; as: 'member' | 'organization' };

/** Asks for the platform's consent page; the caller sends the browser there. */
export function useConnectChannel(workspaceId: string) {
  return useMutation({
    mutationFn: (target: ConnectTarget) =>
      target.kind === 'x'
        ? api.post<{ authorizeUrl: string }>(workspacePath(workspaceId, '/channels/connect/x'), {})
        : api.post<{ authorizeUrl: string }>(workspacePath(workspaceId, '/channels/connect/linkedin'), {
            as: target.as,
          }),
  });
}

export function useCreateWebhookChannel(workspaceId: string) {
  const refresh = useRefreshChannels(workspaceId);
  return useMutation({
    mutationFn: (body: { name: string; url: string }) =>
      api.post<ChannelWithSecret>(workspacePath(workspaceId, '/channels/webhook'), body),
    onSuccess: () => refresh(),
  });
}

export function useRotateSecret(workspaceId: string) {
  const refresh = useRefreshChannels(workspaceId);
  return useMutation({
    mutationFn: (channelId: string) =>
      api.post<ChannelWithSecret>(
        workspacePath(workspaceId, `/channels/${encodeURIComponent(channelId)}/rotate-secret`),
        {},
      ),
    onSuccess: () => refresh(),
  });
}

export function useDisconnectChannel(workspaceId: string) {
  const refresh = useRefreshChannels(workspaceId);
  return useMutation({
    mutationFn: (channelId: string) =>
      api.delete(workspacePath(workspaceId, `/channels/${encodeURIComponent(channelId)}`)),
    onSuccess: () => refresh(),
  });
}
