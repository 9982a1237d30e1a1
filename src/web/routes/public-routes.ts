import { createRoute, lazyRouteComponent, redirect } from '@tanstack/react-router';
import { AuthLayout } from '../features/auth/auth-layout';
import { safeRedirect } from '../lib/auth-client';
import { sessionQueryOptions } from '../lib/me-queries';
import { rootRoute } from './root-route';
import {
  validateEmailSearch,
  validateErrorSearch,
  validateRedirectSearch,
  validateSignInSearch,
  validateTokenSearch,
} from './search-params';

export const authLayoutRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: '_auth',
  component: AuthLayout,
});

/** Signed-in visitors have nothing to do on the sign-in and sign-up forms. */
async function skipWhenSignedIn({
  context,
  search,
}: {
  context: { queryClient: import('@tanstack/react-query').QueryClient };
  search: { redirect?: string };
}) {
  const session = await context.queryClient.ensureQueryData(sessionQueryOptions).catch(() => null);
  if (session) throw redirect({ href: safeRedirect(search.redirect) });
}

export const signInRoute = createRoute({
  getParentRoute: () => authLayoutRoute,
  path: 'sign-in',
  validateSearch: validateSignInSearch,
  beforeLoad: skipWhenSignedIn,
  component: lazyRouteComponent(() => import('../features/auth/sign-in-page'), 'SignInPage'),
});

export const signUpRoute = createRoute({
  getParentRoute: () => authLayoutRoute,
  path: 'sign-up',
  validateSearch: validateRedirectSearch,
  beforeLoad: skipWhenSignedIn,
  component: lazyRouteComponent(() => import('../features/auth/sign-up-page'), 'SignUpPage'),
});

export const verifyEmailRoute = createRoute({
  getParentRoute: () => authLayoutRoute,
  path: 'verify-email',
  validateSearch: validateEmailSearch,
  component: lazyRouteComponent(() => import('../features/auth/verify-email-page'), 'VerifyEmailPage'),
});

export const verifiedRoute = createRoute({
  getParentRoute: () => authLayoutRoute,
  path: 'verified',
  validateSearch: validateErrorSearch,
  component: lazyRouteComponent(() => import('../features/auth/verified-page'), 'VerifiedPage'),
});

export const forgotPasswordRoute = createRoute({
  getParentRoute: () => authLayoutRoute,
  path: 'forgot-password',
  validateSearch: validateEmailSearch,
  component: lazyRouteComponent(() => import('../features/auth/forgot-password-page'), 'ForgotPasswordPage'),
});

export const resetPasswordRoute = createRoute({
  getParentRoute: () => authLayoutRoute,
  path: 'reset-password',
  validateSearch: validateTokenSearch,
  component: lazyRouteComponent(() => import('../features/auth/reset-password-page'), 'ResetPasswordPage'),
});

export const invitationRoute = createRoute({
  getParentRoute: () => authLayoutRoute,
  path: 'invitations/$token',
  component: lazyRouteComponent(() => import('../features/invitations/invitation-page'), 'InvitationPage'),
});

export const publicRoutes = authLayoutRoute.addChildren([
  signInRoute,
  signUpRoute,
  verifyEmailRoute,
  verifiedRoute,
  forgotPasswordRoute,
  resetPasswordRoute,
  invitationRoute,
]);

/** Public, outside both layouts: it has its own header for visitors and signed-in users alike. */
export const pricingRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: 'pricing',
  component: lazyRouteComponent(() => import('../features/pricing/pricing-page'), 'PricingPage'),
});

/** A reviewer's page: no account, its own header, reached through an approval link. */
export const reviewRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: 'review/$token',
  component: lazyRouteComponent(() => import('../features/approvals/review-page'), 'ReviewPage'),
});
