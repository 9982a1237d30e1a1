import { Coins } from 'lucide-react';
import { useState } from 'react';
import { Button } from '../../components/button';
import { Card, CardFooter } from '../../components/card';
import { EmptyState } from '../../components/empty-state';
import { ErrorBanner, Notice } from '../../components/error-banner';
import { PageHeader } from '../../components/page-header';
import { LoadingBlock } from '../../components/spinner';
import { Table, TBody, TD, TH, THead, TR } from '../../components/table';
import type { OperationCost, StaffPlan } from '../../lib/api-types';
import { cn } from '../../lib/cn';
import { useDocumentTitle } from '../../lib/use-document-title';
import { useMe } from '../../lib/use-me';
import { canManageBilling, humanize } from '../billing/billing-format';
import { compactInputBase, invalidInput } from './form-controls';
import { useOperationCosts, useSaveOperationCosts, useStaffPlans } from './staff-billing-queries';

const PLATFORMS: Record<string, string> = {
  x: 'X',
  threads: 'Threads',
  linkedin: 'LinkedIn',
  instagram: 'Instagram',
  tiktok: 'TikTok',
  facebook: 'Facebook',
  email: 'Email',
};

function describeOperation(type: string): string {
  if (type.startsWith('generation.')) {
    const platform = type.slice('generation.'.length);
    return `Post generation for ${PLATFORMS[platform] ?? humanize(platform)}`;
  }
  return humanize(type);
}

const cellKey = (operationType: string, planId: string | null) => `${operationType}|${planId ?? ''}`;

function savedValue(costs: OperationCost[], operationType: string, planId: string | null): string {
  const cost = costs.find((c) => c.operationType === operationType && c.planId === planId);
  return cost ? String(cost.credits) : '';
}

/** A cell's text as a cost: blank is "no override" for a plan cell and invalid for the default. */
function parseCell(text: string, isDefault: boolean): number | null | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return isDefault ? undefined : null;
  const value = Number(trimmed);
  return Number.isInteger(value) && value >= 0 && value <= 1_000_000 ? value : undefined;
}

function CostsTable({
  costs,
  plans,
  canEdit,
}: {
  costs: OperationCost[];
  plans: StaffPlan[];
  canEdit: boolean;
}) {
  const save = useSaveOperationCosts();
  const [edits, setEdits] = useState<Record<string, string>>({});
  const types = [...new Set(costs.map((c) => c.operationType))].sort();
  const columns: (StaffPlan | null)[] = [null, ...plans];

  const cells = types.flatMap((type) =>
    columns.map((plan) => {
      const planId = plan?.id ?? null;
      const key = cellKey(type, planId);
      const saved = savedValue(costs, type, planId);
      const text = edits[key] ?? saved;
      const parsed = parseCell(text, planId === null);
      return {
        key,
        type,
        planId,
        text,
        isDirty: text.trim() !== saved,
        isInvalid: parsed === undefined,
        parsed,
      };
    }),
  );
  const dirty = cells.filter((cell) => cell.isDirty);
  const invalid = dirty.filter((cell) => cell.isInvalid);
  const cellOf = (type: string, planId: string | null) => cells.find((c) => c.key === cellKey(type, planId))!;

  function handleSave() {
    if (invalid.length > 0) return;
    save.mutate(
      dirty.map((cell) => ({ operationType: cell.type, planId: cell.planId, credits: cell.parsed ?? null })),
      { onSuccess: () => setEdits({}) },
    );
  }

  return (
    <>
      <Table label="Operation costs">
        <THead>
          <TH>Operation</TH>
          <TH className="text-right">Default</TH>
          {plans.map((plan) => (
            <TH key={plan.id} className="text-right">
              {plan.name}
            </TH>
          ))}
        </THead>
        <TBody>
          {types.map((type) => (
            <TR key={type}>
              <TD>
                <p className="font-medium whitespace-nowrap text-gray-900">{describeOperation(type)}</p>
                <p className="font-mono text-xs text-gray-500">{type}</p>
              </TD>
              {columns.map((plan) => {
                const cell = cellOf(type, plan?.id ?? null);
                const fallback = cellOf(type, null).text;
                return (
                  <TD key={cell.key} className="text-right">
                    <input
                      type="number"
                      min={0}
                      inputMode="numeric"
                      aria-label={plan ? `${plan.name} override for ${type}` : `Cost of ${type}`}
                      aria-invalid={cell.isDirty && cell.isInvalid ? true : undefined}
                      placeholder={plan ? fallback || '—' : '0'}
                      value={cell.text}
                      disabled={!canEdit || save.isPending}
                      onChange={(event) => setEdits((e) => ({ ...e, [cell.key]: event.target.value }))}
                      className={cn(
                        compactInputBase,
                        'ml-auto w-20 text-right tabular-nums',
                        cell.isDirty && 'bg-amber-50/60',
                        cell.isDirty && cell.isInvalid && invalidInput,
                      )}
                    />
                  </TD>
                );
              })}
            </TR>
          ))}
        </TBody>
      </Table>
      {canEdit ? (
        <CardFooter className="justify-between">
          <p className="text-xs text-gray-500" role="status">
            {invalid.length > 0
              ? 'Costs are whole numbers of credits; the default cannot be empty.'
              : dirty.length > 0
                ? `${dirty.length} unsaved ${dirty.length === 1 ? 'change' : 'changes'}`
                : save.isSuccess
                  ? 'Costs saved.'
                  : 'Empty plan cells use the default.'}
          </p>
          <div className="flex gap-2">
            <Button
              variant="secondary"
              disabled={dirty.length === 0 || save.isPending}
              onClick={() => setEdits({})}
            >
              Discard
            </Button>
            <Button
              isLoading={save.isPending}
              disabled={dirty.length === 0 || invalid.length > 0}
              onClick={handleSave}
            >
              Save costs
            </Button>
          </div>
        </CardFooter>
      ) : null}
      {save.error ? (
        <div className="border-t border-gray-100 p-4">
          <ErrorBanner message={save.error.message} />
        </div>
      ) : null}
    </>
  );
}

export function OperationCostsPage() {
  useDocumentTitle('Operation costs');
  const canEdit = canManageBilling(useMe().staffRole);
  const costs = useOperationCosts();
  const plans = useStaffPlans();

  return (
    <div className="space-y-6">
      <PageHeader
        title="Operation costs"
        description="Credits each operation spends. A plan column overrides the default for workspaces on that plan."
      />
      {!canEdit ? <Notice tone="info">Support staff can look at costs; admins change them.</Notice> : null}
      <Card>
        {costs.isPending || plans.isPending ? (
          <LoadingBlock />
        ) : costs.isError || plans.isError ? (
          <div className="p-5">
            <ErrorBanner message={(costs.error ?? plans.error)?.message} />
          </div>
        ) : costs.data.items.length === 0 ? (
          <EmptyState icon={Coins} title="No operation costs" description="Herald seeds them at start-up." />
        ) : (
          <CostsTable costs={costs.data.items} plans={plans.data.items} canEdit={canEdit} />
        )}
      </Card>
    </div>
  );
}
