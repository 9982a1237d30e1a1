import { Badge } from '../../components/badge';
import { Card, CardHeader } from '../../components/card';
import { ErrorBanner } from '../../components/error-banner';
import { InlineSelect } from '../../components/input';
import { Table, TBody, TD, TH, THead, TR } from '../../components/table';
import { getFormError } from '../../lib/api-error';
import type { StaffWorkspaceBilling } from '../../lib/api-types';
import { useStaffWorkspaceMutations } from './staff-billing-queries';

type Choice = 'plan' | 'on' | 'off';

const toChoice = (override: boolean | null): Choice => (override === null ? 'plan' : override ? 'on' : 'off');
const fromChoice = (choice: Choice): boolean | null => (choice === 'plan' ? null : choice === 'on');

/** Each feature: what the plan says, and a per-workspace grant or revoke that wins over it. */
export function FeatureOverridesCard({
  workspaceId,
  features,
  canEdit,
}: {
  workspaceId: string;
  features: StaffWorkspaceBilling['features'];
  canEdit: boolean;
}) {
  const { setFeature } = useStaffWorkspaceMutations(workspaceId);
  return (
    <Card>
      <CardHeader title="Features" description="Grant a feature the plan lacks, or revoke one it includes." />
      {setFeature.error ? (
        <div className="px-5 pt-4 sm:px-6">
          <ErrorBanner message={getFormError(setFeature.error)} />
        </div>
      ) : null}
      <Table label="Features">
        <THead>
          <TH>Feature</TH>
          <TH className="hidden sm:table-cell">Plan</TH>
          <TH>Access</TH>
        </THead>
        <TBody>
          {features.map((feature) => (
            <TR key={feature.key}>
              <TD>
                <p className="flex flex-wrap items-center gap-1.5 font-medium text-gray-900">
                  {feature.name}
                  <Badge tone={feature.isEnabled ? 'green' : 'gray'}>
                    {feature.isEnabled ? 'On' : 'Off'}
                  </Badge>
                </p>
                <p className="text-xs text-gray-500">{feature.description ?? feature.key}</p>
              </TD>
              <TD className="hidden whitespace-nowrap text-gray-500 sm:table-cell">
                {feature.isPlanGranted ? 'Included' : 'Not included'}
              </TD>
              <TD>
                <InlineSelect
                  aria-label={`Access to ${feature.name}`}
                  title="Plan: follow the plan. Granted or Revoked: this workspace only, whatever the plan says."
                  className="min-w-28"
                  value={toChoice(feature.override)}
                  disabled={!canEdit || (setFeature.isPending && setFeature.variables?.key === feature.key)}
                  onChange={(event) =>
                    setFeature.mutate({
                      key: feature.key,
                      isEnabled: fromChoice(event.target.value as Choice),
                    })
                  }
                >
                  <option value="plan">Plan ({feature.isPlanGranted ? 'on' : 'off'})</option>
                  <option value="on">Granted</option>
                  <option value="off">Revoked</option>
                </InlineSelect>
              </TD>
            </TR>
          ))}
        </TBody>
      </Table>
    </Card>
  );
}
