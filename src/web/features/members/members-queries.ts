import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api-client';
import type { Invitation, ListResponse, Member, WorkspaceRole } from '../../lib/api-types';
import { meQueryKey } from '../../lib/me-queries';
import { workspaceKeys, workspacePath } from '../workspaces/workspace-queries';

export function useMembers(workspaceId: string) {
  return useQuery({
    queryKey: workspaceKeys.part(workspaceId, 'members'),
    queryFn: () => api.get<ListResponse<Member>>(workspacePath(workspaceId, '/members')),
  });
}

export function useInvitations(workspaceId: string, enabled = true) {
  return useQuery({
    queryKey: workspaceKeys.part(workspaceId, 'invitations'),
    queryFn: () => api.get<ListResponse<Invitation>>(workspacePath(workspaceId, '/invitations')),
    enabled,
  });
}

export function useMemberMutations(workspaceId: string) {
  const queryClient = useQueryClient();
  const invalidate = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: workspaceKeys.part(workspaceId, 'members') }),
      // Role changes can be the caller's own, which changes what /me and the workspace say.
      queryClient.invalidateQueries({ queryKey: workspaceKeys.detail(workspaceId), exact: true }),
      queryClient.invalidateQueries({ queryKey: meQueryKey }),
    ]);

  const changeRole = useMutation({
    mutationFn: ({ userId, role }: { userId: string; role: WorkspaceRole }) =>
      api.patch<Member>(workspacePath(workspaceId, `/members/${encodeURIComponent(userId)}`), { role }),
    onSettled: invalidate,
  });

  const removeMember = useMutation({
    mutationFn: (userId: string) =>
      api.delete(workspacePath(workspaceId, `/members/${encodeURIComponent(userId)}`)),
    onSuccess: invalidate,
  });

  return { changeRole, removeMember };
}

export function useInvitationMutations(workspaceId: string) {
  const queryClient = useQueryClient();
  const invalidate = () =>
    queryClient.invalidateQueries({ queryKey: workspaceKeys.part(workspaceId, 'invitations') });

  const invite = useMutation({
    mutationFn: (body: { email: string; role: WorkspaceRole }) =>
      api.post<Invitation>(workspacePath(workspaceId, '/invitations'), body),
    onSuccess: invalidate,
  });

  const revoke = useMutation({
    mutationFn: (invitationId: string) =>
      api.delete(workspacePath(workspaceId, `/invitations/${encodeURIComponent(invitationId)}`)),
    onSettled: invalidate,
  });

  return { invite, revoke };
}
