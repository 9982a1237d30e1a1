import { QueryCache, QueryClient } from '@tanstack/react-query';
import { isApiError } from './api-error';

/**
 * `onUnauthorized` runs when a query learns the session is gone (expired,
 * revoked from another device, account suspended), so the app can send the
 * user to sign in instead of showing an error on every card.
 */
export function createQueryClient(onUnauthorized: () => void = () => undefined) {
  return new QueryClient({
    queryCache: new QueryCache({
      onError: (error) => {
        if (isApiError(error) && error.status === 401) onUnauthorized();
      },
    }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        // A 4xx will not change on retry; only network blips and 5xx are worth it.
        retry: (failureCount, error) => {
          if (isApiError(error) && error.status >= 400 && error.status < 500) return false;
          return failureCount < 2;
        },
      },
      mutations: { retry: false },
    },
  });
}
