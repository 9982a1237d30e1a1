import { getRouteApi, Link } from '@tanstack/react-router';
import { ArrowLeft, SearchX } from 'lucide-react';
import { buttonClasses } from '../../components/button';
import { Card } from '../../components/card';
import { EmptyState } from '../../components/empty-state';
import { ErrorBanner } from '../../components/error-banner';
import { PageHeader } from '../../components/page-header';
import { LoadingBlock } from '../../components/spinner';
import { useDocumentTitle } from '../../lib/use-document-title';
import { PlanForm } from './plan-form';
import { useStaffPlans } from './staff-billing-queries';

const editRoute = getRouteApi('/_app/staff/plans/$planId');

function BackLink() {
  return (
    <Link to="/staff/plans" className={buttonClasses('ghost', 'sm', '-ml-2 mb-2')}>
      <ArrowLeft className="size-4" aria-hidden />
      All plans
    </Link>
  );
}

export function NewPlanPage() {
  useDocumentTitle('New plan');
  return (
    <div>
      <BackLink />
      <PageHeader title="New plan" description="It appears on the pricing page once it is active." />
      <PlanForm plan={null} />
    </div>
  );
}

export function EditPlanPage() {
  const { planId } = editRoute.useParams();
  const plans = useStaffPlans();
  const plan = plans.data?.items.find((p) => p.id === planId);
  useDocumentTitle(plan ? `${plan.name} plan` : 'Plan');
  return (
    <div>
      <BackLink />
      {plans.isPending ? (
        <LoadingBlock />
      ) : plans.isError ? (
        <ErrorBanner message={plans.error.message} />
      ) : !plan ? (
        <Card>
          <EmptyState icon={SearchX} title="Plan not found" description="It may have been removed." />
        </Card>
      ) : (
        <>
          <PageHeader title={`${plan.name} plan`} description={`Key: ${plan.key}`} />
          <PlanForm key={plan.id} plan={plan} />
        </>
      )}
    </div>
  );
}
