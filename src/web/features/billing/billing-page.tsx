import { CreditCard } from 'lucide-react';
import { Card } from '../../components/card';
import { EmptyState } from '../../components/empty-state';
import { ErrorBanner, Notice } from '../../components/error-banner';
import { PageHeader } from '../../components/page-header';
import { LoadingBlock } from '../../components/spinner';
import { canManageWorkspace } from '../../lib/format';
import { useDocumentTitle } from '../../lib/use-document-title';
import { useMe, useWorkspaceId } from '../../lib/use-me';
import { useWorkspace } from '../workspaces/workspace-queries';
import { describeBillingError, NOT_CONFIGURED_MESSAGE } from './billing-format';
import { useBilling, usePortal } from './billing-queries';
import { ChangePlanSection } from './change-plan-section';
import { CreditsCard } from './credits-card';
import { CurrentPlanCard } from './current-plan-card';
import { InvoicesCard, UpcomingInvoiceCard } from './invoices-card';
import { UsageCard } from './usage-card';

export function BillingPage() {
  const workspaceId = useWorkspaceId();
  const { data: workspace } = useWorkspace(workspaceId);
  const { user } = useMe();
  const billing = useBilling(workspaceId);
  const portal = usePortal(workspaceId);
  useDocumentTitle(workspace ? `Billing · ${workspace.name}` : 'Billing');
  if (!workspace) return null;

  const canManage = canManageWorkspace(workspace.role);
  const data = billing.data;

  return (
    <div className="space-y-6">
      <PageHeader title="Billing" description={`Plan, usage, credits and invoices for ${workspace.name}.`} />
      {billing.isPending ? (
        <Card>
          <LoadingBlock />
        </Card>
      ) : billing.isError ? (
        <Card>
          <EmptyState icon={CreditCard} title="Could not load billing" description={billing.error.message} />
        </Card>
      ) : data ? (
        <>
          {!canManage ? (
            <Notice tone="info">
              You can see this workspace's plan and usage. Only owners and admins can change the plan, buy
              credits or see invoices.
            </Notice>
          ) : !data.isBillingConfigured ? (
            <Notice tone="warning" title="Billing is not configured">
              {NOT_CONFIGURED_MESSAGE} Staff can still move this workspace to another plan by hand.
            </Notice>
          ) : null}
          <ErrorBanner message={describeBillingError(portal.error)} />
          <div className="grid gap-6 lg:grid-cols-3">
            <div className="lg:col-span-2">
              <CurrentPlanCard
                billing={data}
                timeZone={user.timezone}
                canManage={canManage}
                onManage={() => portal.mutate()}
                isManaging={portal.isPending}
              />
            </div>
            <UpcomingInvoiceCard billing={data} timeZone={user.timezone} />
          </div>
          <UsageCard
            usage={data.usage}
            resetsAt={data.period.end}
            currency={data.upcomingInvoice.currency}
            timeZone={user.timezone}
          />
          {canManage ? <ChangePlanSection workspaceId={workspaceId} billing={data} /> : null}
          <CreditsCard
            workspaceId={workspaceId}
            balance={data.credits.balance}
            timeZone={user.timezone}
            canBuy={canManage && data.isBillingConfigured}
          />
          {canManage ? <InvoicesCard workspaceId={workspaceId} timeZone={user.timezone} /> : null}
        </>
      ) : null}
    </div>
  );
}
