import type { QueryClient } from '@tanstack/react-query';
import { createRouter } from '@tanstack/react-router';
import { LoadingBlock } from '../components/spinner';
import { appRoutes } from './app-routes';
import { pricingRoute, publicRoutes, reviewRoute } from './public-routes';
import { rootRoute } from './root-route';

const routeTree = rootRoute.addChildren([publicRoutes, pricingRoute, reviewRoute, appRoutes]);

export function createAppRouter(queryClient: QueryClient) {
  return createRouter({
    routeTree,
    context: { queryClient },
    defaultPreload: 'intent',
    // Query caches the data; the router only needs to avoid refetching route code.
    defaultPreloadStaleTime: 0,
    defaultPendingComponent: LoadingBlock,
    scrollRestoration: true,
  });
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof createAppRouter>;
  }
}
