import {
  type InfiniteData,
  queryOptions,
  useInfiniteQuery,
  useMutation,
  useQuery,
} from '@tanstack/react-query';
import { api, withQuery } from '../../lib/api-client';
import type {
  BillingInterval,
  BillingOverview,
  CheckoutLink,
  Invoice,
  LedgerEntry,
  ListResponse,
  Page,
  Plan,
} from '../../lib/api-types';
import { workspaceKeys, workspacePath } from '../workspaces/workspace-queries';

export const plansQueryOptions = queryOptions({
  queryKey: ['plans'],
  queryFn: () => api.get<ListResponse<Plan>>('/api/v1/plans'),
  staleTime: 5 * 60_000,
});

export function usePlans() {
  return useQuery(plansQueryOptions);
}

export function billingQueryOptions(workspaceId: string) {
  return queryOptions({
    queryKey: workspaceKeys.part(workspaceId, 'billing'),
    queryFn: () => api.get<BillingOverview>(workspacePath(workspaceId, '/billing')),
  });
}

export function useBilling(workspaceId: string, options: { enabled?: boolean } = {}) {
  return useQuery({ ...billingQueryOptions(workspaceId), enabled: options.enabled ?? true });
}

function usePaged<T>(workspaceId: string, part: string, path: string, enabled: boolean) {
  return useInfiniteQuery<Page<T>, Error, InfiniteData<Page<T>>, readonly unknown[], string | null>({
    queryKey: workspaceKeys.part(workspaceId, part),
    queryFn: ({ pageParam }) =>
      api.get<Page<T>>(withQuery(workspacePath(workspaceId, path), { cursor: pageParam })),
    initialPageParam: null,
    getNextPageParam: (last) => last.nextCursor,
    enabled,
  });
}

export function useLedger(workspaceId: string) {
  return usePaged<LedgerEntry>(workspaceId, 'credit-ledger', '/credits/ledger', true);
}

/** Invoices are for admins only; members never ask, so they never see a 403. */
export function useInvoices(workspaceId: string, enabled: boolean) {
  return usePaged<Invoice>(workspaceId, 'invoices', '/invoices', enabled);
}

/** The provider's hosted page is another site: leave the SPA for it. */
function redirectTo({ url }: CheckoutLink) {
  window.location.assign(url);
}

export function useCheckout(workspaceId: string) {
  return useMutation({
    mutationFn: (body: { planKey: string; interval: BillingInterval }) =>
      api.post<CheckoutLink>(workspacePath(workspaceId, '/billing/checkout'), body),
    onSuccess: redirectTo,
  });
}

export function useBuyCredits(workspaceId: string) {
  return useMutation({
    mutationFn: (credits: number) =>
      api.post<CheckoutLink>(workspacePath(workspaceId, '/billing/credit-packs'), { credits }),
    onSuccess: redirectTo,
  });
}

export function usePortal(workspaceId: string) {
  return useMutation({
    mutationFn: () => api.post<CheckoutLink>(workspacePath(workspaceId, '/billing/portal')),
    onSuccess: redirectTo,
  });
}
