import {
  type InfiniteData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { api, withQuery } from '../../lib/api-client';
import type {
  Feature,
  ListResponse,
  OperationCost,
  Page,
  PlanBody,
  StaffPlan,
  StaffWorkspace,
  StaffWorkspaceBilling,
  WebhookEvent,
} from '../../lib/api-types';

const keys = {
  plans: ['staff', 'plans'] as const,
  features: ['staff', 'features'] as const,
  costs: ['staff', 'operation-costs'] as const,
  workspaces: (q: string) => ['staff', 'workspaces', q] as const,
  workspace: (id: string) => ['staff', 'workspace', id] as const,
  webhooks: (source: string, state: string) => ['staff', 'webhook-events', source, state] as const,
};

export function useStaffPlans() {
  return useQuery({
    queryKey: keys.plans,
    queryFn: () => api.get<ListResponse<StaffPlan>>('/api/v1/staff/plans'),
  });
}

export function useFeatureCatalogue() {
  return useQuery({
    queryKey: keys.features,
    queryFn: () => api.get<ListResponse<Feature>>('/api/v1/staff/features'),
    staleTime: 5 * 60_000,
  });
}

export function useSavePlan(planId: string | null) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: PlanBody) =>
      planId
        ? api.patch<StaffPlan>(`/api/v1/staff/plans/${encodeURIComponent(planId)}`, body)
        : api.post<StaffPlan>('/api/v1/staff/plans', body),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: keys.plans }),
        // The public pricing page and every billing page read plans too.
        queryClient.invalidateQueries({ queryKey: ['plans'] }),
      ]),
  });
}

export function useOperationCosts() {
  return useQuery({
    queryKey: keys.costs,
    queryFn: () => api.get<ListResponse<OperationCost>>('/api/v1/staff/operation-costs'),
  });
}

export function useSaveOperationCosts() {
  const queryClient = useQueryClient();
  return useMutation({
    // One PUT per changed cell, in order, so a failure says which cell it was.
    mutationFn: async (
      changes: { operationType: string; planId: string | null; credits: number | null }[],
    ) => {
      for (const change of changes) {
        try {
          await api.put<void>('/api/v1/staff/operation-costs', change);
        } catch (error) {
          const where = change.planId ? `${change.operationType} (plan override)` : change.operationType;
          throw new Error(`Could not save ${where}: ${(error as Error).message}`);
        }
      }
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: keys.costs }),
  });
}

export function useStaffWorkspaces(q: string) {
  return useQuery({
    queryKey: keys.workspaces(q),
    queryFn: () => api.get<ListResponse<StaffWorkspace>>(withQuery('/api/v1/staff/workspaces', { q })),
    placeholderData: (previous) => previous,
  });
}

export function useStaffWorkspace(id: string) {
  return useQuery({
    queryKey: keys.workspace(id),
    queryFn: () => api.get<StaffWorkspaceBilling>(`/api/v1/staff/workspaces/${encodeURIComponent(id)}`),
  });
}

export function useStaffWorkspaceMutations(id: string) {
  const queryClient = useQueryClient();
  const base = `/api/v1/staff/workspaces/${encodeURIComponent(id)}`;
  const invalidate = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: keys.workspace(id) }),
      // A staff member who is also in the workspace sees the change on its billing page.
      queryClient.invalidateQueries({ queryKey: ['workspace', id] }),
    ]);

  const setPlan = useMutation({
    mutationFn: (planKey: string) => api.put<void>(`${base}/plan`, { planKey }),
    onSuccess: invalidate,
  });
  const grantCredits = useMutation({
    mutationFn: (body: { amount: number; reason: string; note?: string }) =>
      api.post<{ balance: number; isDuplicate: boolean }>(`${base}/credits`, body),
    onSuccess: invalidate,
  });
  const setFeature = useMutation({
    mutationFn: ({ key, isEnabled }: { key: string; isEnabled: boolean | null }) =>
      api.put<void>(`${base}/features/${encodeURIComponent(key)}`, { isEnabled }),
    onSettled: invalidate,
  });
  return { setPlan, grantCredits, setFeature };
}

export function useWebhookEvents(source: string, state: string) {
  return useInfiniteQuery<
    Page<WebhookEvent>,
    Error,
    InfiniteData<Page<WebhookEvent>>,
    readonly unknown[],
    string | null
  >({
    queryKey: keys.webhooks(source, state),
    queryFn: ({ pageParam }) =>
      api.get<Page<WebhookEvent>>(
        withQuery('/api/v1/staff/webhook-events', { source, state, cursor: pageParam }),
      ),
    initialPageParam: null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: (previous) => previous,
  });
}

export function useReplayWebhookEvent() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (eventId: string) =>
      api.post<{ queued: boolean }>(`/api/v1/staff/webhook-events/${encodeURIComponent(eventId)}/replay`),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['staff', 'webhook-events'] }),
  });
}
