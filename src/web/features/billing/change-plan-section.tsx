import { type ReactNode, useState } from 'react';
import { Button, buttonClasses } from '../../components/button';
import { ErrorBanner } from '../../components/error-banner';
import type { BillingInterval, BillingOverview } from '../../lib/api-types';
import { describeBillingError } from './billing-format';
import { useCheckout, usePlans } from './billing-queries';
import { IntervalToggle, PlanOptionCard } from './plan-option-card';

/** The other plans, each with a button that opens the provider's checkout (admins only). */
export function ChangePlanSection({
  workspaceId,
  billing,
}: {
  workspaceId: string;
  billing: BillingOverview;
}) {
  const plans = usePlans();
  const checkout = useCheckout(workspaceId);
  const [interval, setInterval] = useState<BillingInterval>(billing.subscription?.interval ?? 'month');
  const items = plans.data?.items ?? [];
  if (items.length === 0) return null;

  return (
    <section aria-labelledby="change-plan" className="space-y-4">
      <div className="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
        <div>
          <h2 id="change-plan" className="text-base font-semibold text-gray-900">
            Change plan
          </h2>
          <p className="mt-0.5 text-sm text-gray-500">You pay on the provider's page and come back here.</p>
        </div>
        <IntervalToggle value={interval} onChange={setInterval} />
      </div>
      <ErrorBanner message={describeBillingError(checkout.error)} />
      <div className="grid gap-4 md:grid-cols-2 xl:grid-cols-3">
        {items.map((plan) => {
          const isCurrent = plan.key === billing.plan.key;
          const isFree = plan.priceMonthlyCents === 0 && plan.priceYearlyCents === 0;
          const link = (plan.ctaType === 'contact' || plan.ctaType === 'link') && plan.ctaUrl;
          let action: ReactNode;
          if (isCurrent) {
            action = (
              <Button variant="secondary" className="w-full" disabled>
                Current plan
              </Button>
            );
          } else if (link) {
            action = (
              <a href={link} rel="noopener" className={buttonClasses('secondary', 'md', 'w-full')}>
                {plan.ctaLabel ?? 'Contact us'}
              </a>
            );
          } else if (isFree) {
            action = (
              <p className="rounded-lg bg-gray-50 px-3 py-2 text-center text-xs text-gray-500">
                Cancel under Manage billing to move to {plan.name}.
              </p>
            );
          } else {
            action = (
              <Button
                variant={plan.isHighlighted ? 'primary' : 'secondary'}
                className="w-full"
                disabled={!billing.isBillingConfigured || checkout.isPending}
                isLoading={checkout.isPending && checkout.variables?.planKey === plan.key}
                onClick={() => checkout.mutate({ planKey: plan.key, interval })}
              >
                {plan.ctaLabel && plan.ctaLabel !== 'Current plan'
                  ? plan.ctaLabel
                  : `Upgrade to ${plan.name}`}
              </Button>
            );
          }
          return (
            <PlanOptionCard
              key={plan.id}
              plan={plan}
              interval={interval}
              isCurrent={isCurrent}
              action={action}
            />
          );
        })}
      </div>
    </section>
  );
}
