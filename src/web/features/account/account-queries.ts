import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { api } from '../../lib/api-client';
import type { CurrentUser, ListResponse, Me, UpdateMeBody, UserSession } from '../../lib/api-types';
import { meQueryKey, meQueryOptions } from '../../lib/me-queries';

export function useUpdateMe() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateMeBody) => api.patch<{ user: CurrentUser }>('/api/v1/me', body),
    onSuccess: ({ user }) => {
      queryClient.setQueryData(meQueryKey, (previous: Me | null | undefined) =>
        previous ? { ...previous, user: { ...previous.user, ...user } } : previous,
      );
      return queryClient.invalidateQueries({ queryKey: meQueryKey });
    },
  });
}

// Step ids are free-form on the server; snake_case matches what it records itself (create_account).
export const ONBOARDING_STEPS = [
  'create_account',
  'verify_email',
  'complete_profile',
  'brand_profile',
  'invite_member',
  'create_api_key',
] as const;
export type OnboardingStep = (typeof ONBOARDING_STEPS)[number];

/**
 * Ticks an onboarding step after the user does the thing it asks for. Failures
 * are ignored: the checklist is a guide, not part of the action that triggered it.
 */
export function useCompleteOnboardingStep() {
  const queryClient = useQueryClient();
  return useCallback(
    (step: OnboardingStep) => {
      const me = queryClient.getQueryData(meQueryOptions.queryKey);
      if (!me || me.user.onboarding.completedSteps.includes(step)) return;
      const onboarding = {
        ...me.user.onboarding,
        completedSteps: [...me.user.onboarding.completedSteps, step],
      };
      api
        .patch<{ user: CurrentUser }>('/api/v1/me', { onboarding })
        .then(({ user }) => {
          queryClient.setQueryData(meQueryKey, (previous: Me | null | undefined) =>
            previous ? { ...previous, user: { ...previous.user, ...user } } : previous,
          );
        })
        .catch(() => undefined);
    },
    [queryClient],
  );
}

export const sessionsQueryKey = ['me', 'sessions'] as const;

export function useSessions() {
  return useQuery({
    queryKey: sessionsQueryKey,
    queryFn: () => api.get<ListResponse<UserSession>>('/api/v1/me/sessions'),
  });
}

export function useRevokeSession() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (sessionId: string) => api.delete(`/api/v1/me/sessions/${encodeURIComponent(sessionId)}`),
    onSettled: () => queryClient.invalidateQueries({ queryKey: sessionsQueryKey }),
  });
}

export function useDeleteAccount() {
  return useMutation({
    mutationFn: () => api.delete<{ deletionScheduledFor: string }>('/api/v1/me'),
  });
}
