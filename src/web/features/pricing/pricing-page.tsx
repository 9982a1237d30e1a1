import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { Tags } from 'lucide-react';
import { useState } from 'react';
import { Button, buttonClasses } from '../../components/button';
import { Card } from '../../components/card';
import { EmptyState } from '../../components/empty-state';
import { ErrorBanner, Notice } from '../../components/error-banner';
import { Logo } from '../../components/logo';
import { LoadingBlock } from '../../components/spinner';
import type { BillingInterval, Plan } from '../../lib/api-types';
import { canManageWorkspace } from '../../lib/format';
import { meQueryOptions, sessionQueryOptions } from '../../lib/me-queries';
import { useDocumentTitle } from '../../lib/use-document-title';
import { readLastWorkspace } from '../../lib/use-me';
import { describeBillingError, NOT_CONFIGURED_MESSAGE } from '../billing/billing-format';
import { useBilling, useCheckout, usePlans } from '../billing/billing-queries';
import { IntervalToggle, PlanOptionCard } from '../billing/plan-option-card';

/** Who is looking: nobody signed in, or a user and the workspace a checkout would be for. */
function useViewer() {
  const session = useQuery({ ...sessionQueryOptions, retry: false });
  const me = useQuery({ ...meQueryOptions, enabled: Boolean(session.data) });
  const workspaces = me.data?.workspaces ?? [];
  const last = readLastWorkspace();
  // Prefer the workspace the user was last in, then any they can buy for, then any at all.
  const workspace =
    workspaces.find((w) => w.id === last && canManageWorkspace(w.role)) ??
    workspaces.find((w) => canManageWorkspace(w.role)) ??
    workspaces[0];
  const billing = useBilling(workspace?.id ?? '', { enabled: Boolean(workspace) });
  const isSignedIn = Boolean(session.data && me.data);
  return {
    isLoading: session.isPending || (Boolean(session.data) && me.isPending),
    isSignedIn,
    workspace,
    canManage: workspace ? canManageWorkspace(workspace.role) : false,
    billing: billing.data,
  };
}

function PlanAction({
  plan,
  interval,
  viewer,
  checkout,
}: {
  plan: Plan;
  interval: BillingInterval;
  viewer: ReturnType<typeof useViewer>;
  checkout: ReturnType<typeof useCheckout>;
}) {
  const wide = 'w-full';
  if ((plan.ctaType === 'link' || plan.ctaType === 'contact') && plan.ctaUrl) {
    return (
      <a
        href={plan.ctaUrl}
        className={buttonClasses(plan.isHighlighted ? 'primary' : 'secondary', 'md', wide)}
        rel="noopener"
      >
        {plan.ctaLabel ?? (plan.ctaType === 'contact' ? 'Contact us' : 'Learn more')}
      </a>
    );
  }
  if (!viewer.isSignedIn) {
    return (
      <Link
        to="/sign-up"
        search={{ redirect: '/pricing' }}
        className={buttonClasses(plan.isHighlighted ? 'primary' : 'secondary', 'md', wide)}
      >
        {plan.priceMonthlyCents === 0 ? 'Get started free' : `Sign up for ${plan.name}`}
      </Link>
    );
  }
  const isCurrent = viewer.billing?.plan.key === plan.key;
  if (isCurrent) {
    return (
      <Button variant="secondary" className={wide} disabled>
        Current plan
      </Button>
    );
  }
  if (plan.priceMonthlyCents === 0 && plan.priceYearlyCents === 0 && viewer.workspace) {
    // Moving down to a free plan happens in the provider's portal, from the billing page.
    return (
      <Link
        to="/w/$workspaceId/billing"
        params={{ workspaceId: viewer.workspace.id }}
        className={buttonClasses('secondary', 'md', wide)}
      >
        Manage billing
      </Link>
    );
  }
  const isPending = checkout.isPending && checkout.variables?.planKey === plan.key;
  return (
    <Button
      variant={plan.isHighlighted ? 'primary' : 'secondary'}
      className={wide}
      isLoading={isPending}
      disabled={!viewer.canManage || viewer.billing?.isBillingConfigured === false || checkout.isPending}
      onClick={() => checkout.mutate({ planKey: plan.key, interval })}
    >
      {plan.ctaLabel ?? `Upgrade to ${plan.name}`}
    </Button>
  );
}

export function PricingPage() {
  useDocumentTitle('Pricing');
  const plans = usePlans();
  const viewer = useViewer();
  const checkout = useCheckout(viewer.workspace?.id ?? '');
  const [interval, setInterval] = useState<BillingInterval>('month');
  const items = plans.data?.items ?? [];

  return (
    <div className="min-h-screen bg-gradient-to-b from-white via-gray-50 to-gray-100/70">
      <header className="mx-auto flex max-w-6xl items-center justify-between gap-3 px-4 py-5 sm:px-6">
        <Link to="/" className="rounded-md focus-visible:outline-2 focus-visible:outline-indigo-600">
          <Logo />
        </Link>
        <nav aria-label="Account" className="flex items-center gap-2">
          {viewer.isLoading ? null : viewer.isSignedIn ? (
            <Link to="/" className={buttonClasses('secondary')}>
              Open Herald
            </Link>
          ) : (
            <>
              <Link to="/sign-in" search={{ redirect: '/pricing' }} className={buttonClasses('ghost')}>
                Sign in
              </Link>
              <Link to="/sign-up" search={{ redirect: '/pricing' }} className={buttonClasses('primary')}>
                Sign up
              </Link>
            </>
          )}
        </nav>
      </header>
      <main id="main" className="mx-auto max-w-6xl px-4 pt-6 pb-16 sm:px-6 sm:pt-10">
        <div className="mx-auto max-w-2xl text-center">
          <h1 className="text-3xl font-semibold tracking-tight text-gray-900 sm:text-4xl">Pricing</h1>
          <p className="mt-3 text-base text-gray-500">
            Start free. Upgrade when your changelog and posts need more generations, seats and features.
          </p>
          <div className="mt-6">
            <IntervalToggle value={interval} onChange={setInterval} />
          </div>
        </div>
        <div className="mx-auto mt-8 max-w-2xl space-y-3">
          {viewer.isSignedIn && viewer.workspace && !viewer.canManage ? (
            <Notice tone="info">
              Only owners and admins of {viewer.workspace.name} can change its plan.
            </Notice>
          ) : null}
          {viewer.isSignedIn && viewer.canManage && viewer.billing?.isBillingConfigured === false ? (
            <Notice tone="warning">{NOT_CONFIGURED_MESSAGE}</Notice>
          ) : null}
          {viewer.isSignedIn && viewer.workspace && viewer.canManage ? (
            <p className="text-center text-sm text-gray-500">
              Plans apply to the workspace{' '}
              <span className="font-medium text-gray-800">{viewer.workspace.name}</span>.
            </p>
          ) : null}
          <ErrorBanner message={describeBillingError(checkout.error)} />
        </div>
        <div className="mt-8">
          {plans.isPending ? (
            <LoadingBlock />
          ) : plans.isError ? (
            <ErrorBanner message={plans.error.message} />
          ) : items.length === 0 ? (
            <Card>
              <EmptyState
                icon={Tags}
                title="No plans yet"
                description="Plans appear here once staff publish them."
              />
            </Card>
          ) : (
            <div className="grid gap-5 md:grid-cols-2 lg:grid-cols-3">
              {items.map((plan) => (
                <PlanOptionCard
                  key={plan.id}
                  plan={plan}
                  interval={interval}
                  isCurrent={viewer.isSignedIn && viewer.billing?.plan.key === plan.key}
                  action={<PlanAction plan={plan} interval={interval} viewer={viewer} checkout={checkout} />}
                />
              ))}
            </div>
          )}
        </div>
      </main>
    </div>
  );
}
