import { getRouteApi, Link } from '@tanstack/react-router';
import { ArrowLeft, SearchX } from 'lucide-react';
import { type FormEvent, useEffect, useState } from 'react';
import { Badge } from '../../components/badge';
import { Button, buttonClasses } from '../../components/button';
import { Card, CardBody, CardFooter, CardHeader } from '../../components/card';
import { EmptyState } from '../../components/empty-state';
import { ErrorBanner, Notice } from '../../components/error-banner';
import { SelectField } from '../../components/input';
import { PageHeader } from '../../components/page-header';
import { LoadingBlock } from '../../components/spinner';
import { getFormError, isApiError } from '../../lib/api-error';
import type { StaffWorkspaceBilling } from '../../lib/api-types';
import { formatDate } from '../../lib/format';
import { useDocumentTitle } from '../../lib/use-document-title';
import { useMe } from '../../lib/use-me';
import { canManageBilling, humanize } from '../billing/billing-format';
import { StaffSubscribersCard } from '../subscribers/staff-subscribers-card';
import { useStaffPlans, useStaffWorkspace, useStaffWorkspaceMutations } from './staff-billing-queries';
import { GrantCreditsCard } from './staff-workspace-credits';
import { FeatureOverridesCard } from './staff-workspace-features';

const routeApi = getRouteApi('/_app/staff/workspaces/$workspaceId');

function SetPlanCard({ data, canEdit }: { data: StaffWorkspaceBilling; canEdit: boolean }) {
  const plans = useStaffPlans();
  const { setPlan } = useStaffWorkspaceMutations(data.workspace.id);
  const [planKey, setPlanKey] = useState(data.plan.key);
  useEffect(() => setPlanKey(data.plan.key), [data.plan.key]);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setPlan.mutate(planKey);
  }

  return (
    <Card>
      <form onSubmit={handleSubmit}>
        <CardHeader
          title="Plan"
          description={
            <span className="flex flex-wrap items-center gap-1.5">
              On <span className="font-semibold text-gray-900">{data.plan.name}</span>
              <Badge>{data.planSource ? humanize(data.planSource) : 'Default'}</Badge>
            </span>
          }
        />
        <CardBody className="space-y-4">
          {setPlan.isSuccess && planKey === data.plan.key ? (
            <Notice tone="success">The workspace is now on {data.plan.name}.</Notice>
          ) : null}
          <ErrorBanner message={getFormError(setPlan.error ?? plans.error)} />
          <SelectField
            label="Set plan by hand"
            value={planKey}
            disabled={!canEdit || plans.isPending}
            hint="For manual billing. A later payment-provider event for this workspace can change it again."
            onChange={(event) => setPlanKey(event.target.value)}
          >
            {(plans.data?.items ?? []).map((plan) => (
              <option key={plan.id} value={plan.key}>
                {plan.name}
                {plan.isActive ? '' : ' (inactive)'}
              </option>
            ))}
          </SelectField>
        </CardBody>
        {canEdit ? (
          <CardFooter>
            <Button type="submit" isLoading={setPlan.isPending} disabled={planKey === data.plan.key}>
              Set plan
            </Button>
          </CardFooter>
        ) : null}
      </form>
    </Card>
  );
}

export function StaffWorkspacePage() {
  const { workspaceId } = routeApi.useParams();
  const me = useMe();
  const canEdit = canManageBilling(me.staffRole);
  const workspace = useStaffWorkspace(workspaceId);
  const data = workspace.data;
  useDocumentTitle(data ? `${data.workspace.name} · Workspaces` : 'Workspace');
  const isMissing = isApiError(workspace.error) && workspace.error.status === 404;

  return (
    <div>
      <Link to="/staff/workspaces" className={buttonClasses('ghost', 'sm', '-ml-2 mb-2')}>
        <ArrowLeft className="size-4" aria-hidden />
        All workspaces
      </Link>
      {workspace.isPending ? (
        <LoadingBlock />
      ) : workspace.isError ? (
        <Card>
          <EmptyState
            icon={SearchX}
            title={isMissing ? 'Workspace not found' : 'Could not load this workspace'}
            description={isMissing ? 'It may have been deleted.' : workspace.error.message}
          />
        </Card>
      ) : data ? (
        <>
          <PageHeader
            title={data.workspace.name}
            description={`${data.workspace.slug} · created ${formatDate(data.workspace.createdAt, me.user.timezone)}`}
          />
          {!canEdit ? (
            <Notice tone="info" className="mb-6">
              Support staff can look; admins change plans, credits and features and import or export
              subscribers.
            </Notice>
          ) : null}
          <div className="space-y-6">
            <div className="grid items-start gap-6 lg:grid-cols-2">
              <SetPlanCard data={data} canEdit={canEdit} />
              <GrantCreditsCard
                workspaceId={data.workspace.id}
                balance={data.credits.balance}
                canEdit={canEdit}
              />
            </div>
            <FeatureOverridesCard
              workspaceId={data.workspace.id}
              features={data.features}
              canEdit={canEdit}
            />
            {canEdit ? <StaffSubscribersCard workspaceId={data.workspace.id} /> : null}
          </div>
        </>
      ) : null}
    </div>
  );
}
