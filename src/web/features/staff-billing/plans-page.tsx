import { Link } from '@tanstack/react-router';
import { Plus, Tags } from 'lucide-react';
import { Badge } from '../../components/badge';
import { buttonClasses } from '../../components/button';
import { Card } from '../../components/card';
import { EmptyState } from '../../components/empty-state';
import { ErrorBanner } from '../../components/error-banner';
import { PageHeader } from '../../components/page-header';
import { LoadingBlock } from '../../components/spinner';
import { Table, TBody, TD, TH, THead, TR } from '../../components/table';
import { useDocumentTitle } from '../../lib/use-document-title';
import { useMe } from '../../lib/use-me';
import { canManageBilling, formatMoney, formatNumber, humanize, limitText } from '../billing/billing-format';
import { useStaffPlans } from './staff-billing-queries';

export function PlansPage() {
  useDocumentTitle('Plans');
  const canEdit = canManageBilling(useMe().staffRole);
  const plans = useStaffPlans();
  const items = plans.data?.items ?? [];

  return (
    <div className="space-y-6">
      <PageHeader
        title="Plans"
        description="What each plan costs, includes and limits. Active plans are on the pricing page."
        actions={
          canEdit ? (
            <Link to="/staff/plans/new" className={buttonClasses('primary')}>
              <Plus className="size-4" aria-hidden />
              New plan
            </Link>
          ) : undefined
        }
      />
      <Card>
        {plans.isPending ? (
          <LoadingBlock />
        ) : plans.isError ? (
          <div className="p-5">
            <ErrorBanner message={plans.error.message} />
          </div>
        ) : items.length === 0 ? (
          <EmptyState
            icon={Tags}
            title="No plans yet"
            description="Create the first plan customers can choose."
          />
        ) : (
          <Table label="Plans">
            <THead>
              <TH>Plan</TH>
              <TH>Price</TH>
              <TH className="hidden md:table-cell">Generations</TH>
              <TH className="hidden md:table-cell">Credits</TH>
              <TH className="hidden sm:table-cell">Source</TH>
              <TH>Status</TH>
              <TH>
                <span className="sr-only">Actions</span>
              </TH>
            </THead>
            <TBody>
              {items.map((plan) => (
                <TR key={plan.id} className={plan.isActive ? undefined : 'opacity-60'}>
                  <TD>
                    <p className="flex flex-wrap items-center gap-1.5 font-medium text-gray-900">
                      {plan.name}
                      {plan.badge ? (
                        <Badge tone={plan.isHighlighted ? 'indigo' : 'gray'}>{plan.badge}</Badge>
                      ) : null}
                    </p>
                    <p className="font-mono text-xs text-gray-500">{plan.key}</p>
                  </TD>
                  <TD className="whitespace-nowrap">
                    <p className="text-gray-900">{formatMoney(plan.priceMonthlyCents, plan.currency)}/mo</p>
                    <p className="text-xs text-gray-500">
                      {formatMoney(plan.priceYearlyCents, plan.currency)}/yr
                    </p>
                  </TD>
                  <TD className="hidden md:table-cell">{limitText(plan, 'generations') ?? 'Unlimited'}</TD>
                  <TD className="hidden tabular-nums md:table-cell">{formatNumber(plan.monthlyCredits)}</TD>
                  <TD className="hidden sm:table-cell">{humanize(plan.billingSource)}</TD>
                  <TD>
                    <Badge tone={plan.isActive ? 'green' : 'gray'}>
                      {plan.isActive ? 'Active' : 'Inactive'}
                    </Badge>
                  </TD>
                  <TD className="text-right">
                    <Link
                      to="/staff/plans/$planId"
                      params={{ planId: plan.id }}
                      aria-label={`${canEdit ? 'Edit' : 'View'} ${plan.name}`}
                      className={buttonClasses('ghost', 'sm')}
                    >
                      {canEdit ? 'Edit' : 'View'}
                    </Link>
                  </TD>
                </TR>
              ))}
            </TBody>
          </Table>
        )}
      </Card>
    </div>
  );
}
