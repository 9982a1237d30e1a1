import { queryOptions } from '@tanstack/react-query';
import { api } from './api-client';
import { isApiError } from './api-error';
import type { Me } from './api-types';

export const meQueryKey = ['me'] as const;

/** The signed-in user, or null when there is no session (a 401 is an answer, not an error). */
export const meQueryOptions = queryOptions({
  queryKey: meQueryKey,
  queryFn: async (): Promise<Me | null> => {
    try {
      return await api.get<Me>('/api/v1/me');
    } catch (error) {
      if (isApiError(error) && error.status === 401) return null;
      throw error;
    }
  },
  staleTime: 60_000,
});

export interface AuthSession {
  user: { id: string; name: string; email: string; emailVerified: boolean };
}

/**
 * better-auth's session check answers 200 with null when signed out, so public
 * pages (and the first visit to the app) can ask without a 401 in the console.
 */
export const sessionQueryOptions = queryOptions({
  queryKey: ['auth-session'],
  queryFn: async (): Promise<AuthSession | null> => {
    const session = await api.get<AuthSession | null>('/api/auth/get-session');
    return session?.user ? session : null;
  },
  staleTime: 60_000,
});
