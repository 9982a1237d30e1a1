import { useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api-client';
import { workspaceKeys, workspacePath } from '../workspaces/workspace-queries';

/** GET /api/v1/workspaces/{id}/entitlements: what the workspace may do (the same can() the routes use). */
export interface Entitlements {
  plan: { key: string; name: string };
  features: Record<string, boolean>;
}

export function useEntitlements(workspaceId: string) {
  return useQuery({
    queryKey: workspaceKeys.part(workspaceId, 'entitlements'),
    queryFn: () => api.get<Entitlements>(workspacePath(workspaceId, '/entitlements')),
    staleTime: 60_000,
  });
}

/**
 * Whether the workspace has a feature. While the answer loads (or if it fails) this says yes:
 * the server refuses with 402 anyway, and a paying workspace should never see a flash of "upgrade".
 */
export function useCan(workspaceId: string, featureKey: string): boolean {
  const { data } = useEntitlements(workspaceId);
  return data ? data.features[featureKey] === true : true;
}
