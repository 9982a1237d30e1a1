import type { ReactNode } from 'react';
import { Badge, type BadgeTone } from '../../components/badge';
import { Button } from '../../components/button';
import { Card, CardBody, CardHeader } from '../../components/card';
import { Notice } from '../../components/error-banner';
import type { BillingOverview, SubscriptionStatus } from '../../lib/api-types';
import { formatDate } from '../../lib/format';
import { formatMoney, formatNumber } from './billing-format';

const STATUS: Record<SubscriptionStatus, { label: string; tone: BadgeTone }> = {
  active: { label: 'Active', tone: 'green' },
  trialing: { label: 'Trial', tone: 'blue' },
  past_due: { label: 'Past due', tone: 'red' },
  canceled: { label: 'Canceled', tone: 'gray' },
  incomplete: { label: 'Incomplete', tone: 'amber' },
};

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs text-gray-500">{label}</dt>
      <dd className="mt-1 text-sm font-semibold text-gray-900">{children}</dd>
    </div>
  );
}

/** The plan the workspace is on, what it costs, and anything about the subscription that needs action. */
export function CurrentPlanCard({
  billing,
  timeZone,
  canManage,
  onManage,
  isManaging,
}: {
  billing: BillingOverview;
  timeZone: string;
  canManage: boolean;
  onManage: () => void;
  isManaging: boolean;
}) {
  const { plan, subscription, period } = billing;
  const status = subscription ? STATUS[subscription.status] : null;
  const price = subscription
    ? `${formatMoney(subscription.amountCents, subscription.currency)}/${subscription.interval}`
    : plan.priceMonthlyCents > 0
      ? `${formatMoney(plan.priceMonthlyCents, plan.currency)}/month`
      : 'Free';
  const periodEnd = subscription?.currentPeriodEnd ?? period.end;
  const canOpenPortal = canManage && billing.isBillingConfigured && subscription !== null;

  return (
    <Card>
      <CardHeader
        title="Current plan"
        description="What this workspace pays for and when it renews."
        actions={
          canOpenPortal ? (
            <Button variant="secondary" size="sm" isLoading={isManaging} onClick={onManage}>
              Manage billing
            </Button>
          ) : undefined
        }
      />
      <CardBody className="space-y-5">
        <div className="flex flex-wrap items-center gap-2">
          <p className="text-2xl font-semibold tracking-tight text-gray-900" data-testid="current-plan-name">
            {plan.name}
          </p>
          {plan.badge ? <Badge tone="indigo">{plan.badge}</Badge> : null}
          {status ? <Badge tone={status.tone}>{status.label}</Badge> : null}
          {subscription?.cancelAtPeriodEnd ? <Badge tone="amber">Ends at period end</Badge> : null}
        </div>
        {plan.description ? <p className="-mt-3 text-sm text-gray-500">{plan.description}</p> : null}

        {subscription?.status === 'past_due' ? (
          <Notice tone="error" title="Your last payment failed">
            Update your payment method{canOpenPortal ? ' under Manage billing' : ''} to keep {plan.name}.
            Until then the subscription stays past due and may be canceled.
          </Notice>
        ) : null}
        {subscription?.cancelAtPeriodEnd && subscription.status !== 'canceled' ? (
          <Notice tone="warning" title="Your subscription will not renew">
            {plan.name} stays active until {formatDate(periodEnd, timeZone)}; after that the workspace moves
            to the free plan.
          </Notice>
        ) : null}
        {subscription?.status === 'incomplete' ? (
          <Notice tone="warning">
            The first payment has not gone through yet. This page updates once it does.
          </Notice>
        ) : null}

        <dl className="grid grid-cols-2 gap-4 sm:grid-cols-4">
          <Fact label="Price">{price}</Fact>
          <Fact label="Monthly credits">{formatNumber(plan.monthlyCredits)}</Fact>
          {subscription?.status === 'trialing' && subscription.trialEndsAt ? (
            <Fact label="Trial ends">{formatDate(subscription.trialEndsAt, timeZone)}</Fact>
          ) : (
            <Fact
              label={subscription?.cancelAtPeriodEnd ? 'Ends on' : subscription ? 'Renews on' : 'Period ends'}
            >
              {formatDate(periodEnd, timeZone)}
            </Fact>
          )}
          <Fact label="Billed through">
            {subscription
              ? subscription.provider.charAt(0).toUpperCase() + subscription.provider.slice(1)
              : 'Not subscribed'}
          </Fact>
        </dl>
      </CardBody>
    </Card>
  );
}
