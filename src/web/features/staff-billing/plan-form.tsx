import { Link, useNavigate } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { Button, buttonClasses } from '../../components/button';
import { Card, CardBody, CardFooter, CardHeader } from '../../components/card';
import { ErrorBanner, Notice } from '../../components/error-banner';
import { SelectField, Switch, TextAreaField, TextField } from '../../components/input';
import { getFieldError, getFormError } from '../../lib/api-error';
import type { BillingSource, StaffPlan } from '../../lib/api-types';
import { useMe } from '../../lib/use-me';
import { canManageBilling } from '../billing/billing-format';
import { PlanCtaCard } from './plan-cta-card';
import { bodyFromDraft, checkDraft, draftFromPlan, type PlanDraft } from './plan-draft';
import { PlanFeaturesFields, ProviderPriceIdsFields } from './plan-extra-fields';
import { PlanLimitsFields } from './plan-limits-fields';
import { useSavePlan } from './staff-billing-queries';

const FIELDS = ['key', 'name', 'description', 'priceMonthlyCents', 'priceYearlyCents', 'currency'];
const MORE_FIELDS = [
  'monthlyCredits',
  'badge',
  'ctaType',
  'ctaLabel',
  'ctaUrl',
  'sortOrder',
  'billingSource',
];

export function PlanForm({ plan }: { plan: StaffPlan | null }) {
  const navigate = useNavigate();
  const canEdit = canManageBilling(useMe().staffRole);
  const save = useSavePlan(plan?.id ?? null);
  const [draft, setDraft] = useState<PlanDraft>(() => draftFromPlan(plan));
  const [problems, setProblems] = useState<Record<string, string>>({});
  const set = <K extends keyof PlanDraft>(key: K, value: PlanDraft[K]) =>
    setDraft((d) => ({ ...d, [key]: value }));
  const fieldError = (field: string) => problems[field] ?? getFieldError(save.error, field);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const body = bodyFromDraft(draft);
    const found = checkDraft(body);
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    save.mutate(body, { onSuccess: () => void navigate({ to: '/staff/plans' }) });
  }

  return (
    <form onSubmit={handleSubmit} noValidate className="space-y-6">
      {!canEdit ? <Notice tone="info">Support staff can look at plans; admins change them.</Notice> : null}
      {Object.keys(problems).length > 0 ? (
        <Notice tone="error">Some fields need attention; they are marked below.</Notice>
      ) : null}
      <ErrorBanner message={getFormError(save.error, [...FIELDS, ...MORE_FIELDS])} />
      <fieldset disabled={!canEdit} className="space-y-6">
        <Card>
          <CardHeader
            title="Plan"
            description="The key is what checkout and webhooks refer to; it cannot change."
          />
          <CardBody className="grid gap-5 sm:grid-cols-2">
            <TextField
              label="Key"
              value={draft.key}
              readOnly={plan !== null}
              required
              placeholder="team"
              hint="Lowercase letters, digits, - and _."
              onChange={(event) => set('key', event.target.value)}
              error={fieldError('key')}
            />
            <TextField
              label="Name"
              value={draft.name}
              required
              maxLength={80}
              onChange={(event) => set('name', event.target.value)}
              error={fieldError('name')}
            />
            <TextAreaField
              label="Description"
              className="sm:col-span-2"
              value={draft.description}
              maxLength={1000}
              onChange={(event) => set('description', event.target.value)}
              error={fieldError('description')}
            />
            <TextField
              label="Monthly price"
              inputMode="decimal"
              value={draft.priceMonthly}
              hint={`In ${draft.currency.toUpperCase() || 'the currency'}, e.g. 29 or 29.50.`}
              onChange={(event) => set('priceMonthly', event.target.value)}
              error={fieldError('priceMonthlyCents')}
            />
            <TextField
              label="Yearly price"
              inputMode="decimal"
              value={draft.priceYearly}
              onChange={(event) => set('priceYearly', event.target.value)}
              error={fieldError('priceYearlyCents')}
            />
            <TextField
              label="Currency"
              value={draft.currency}
              maxLength={3}
              hint="ISO 4217 code, e.g. usd or eur."
              onChange={(event) => set('currency', event.target.value)}
              error={fieldError('currency')}
            />
            <TextField
              label="Monthly credits"
              type="number"
              min={0}
              value={draft.monthlyCredits}
              hint="Added to the balance at the start of each period."
              onChange={(event) => set('monthlyCredits', event.target.value)}
              error={fieldError('monthlyCredits')}
            />
            <SelectField
              label="Billing source"
              value={draft.billingSource}
              onChange={(event) => set('billingSource', event.target.value as BillingSource)}
              error={fieldError('billingSource')}
            >
              <option value="manual">Manual (set by staff)</option>
              <option value="stripe">Stripe</option>
              <option value="dodo">Dodo Payments</option>
              <option value="asaas">Asaas</option>
            </SelectField>
            <TextField
              label="Sort order"
              type="number"
              min={0}
              value={draft.sortOrder}
              hint="Lower numbers come first on the pricing page."
              onChange={(event) => set('sortOrder', event.target.value)}
              error={fieldError('sortOrder')}
            />
            <div className="sm:col-span-2">
              <Switch
                label="Active"
                description="Inactive plans are hidden from the pricing page; workspaces on them keep them."
                checked={draft.isActive}
                disabled={!canEdit}
                onChange={(checked) => set('isActive', checked)}
              />
            </div>
          </CardBody>
        </Card>

        <Card>
          <CardHeader
            title="Limits and overage"
            description="Checked before work starts; reset every period."
          />
          <CardBody>
            <PlanLimitsFields
              limits={draft.limits}
              errors={problems}
              disabled={!canEdit}
              onChange={(unit, next) => set('limits', { ...draft.limits, [unit]: next })}
            />
          </CardBody>
        </Card>

        <Card>
          <CardHeader title="Features" description="Workspaces can still be granted or denied one by hand." />
          <CardBody>
            <PlanFeaturesFields
              selected={draft.features}
              disabled={!canEdit}
              onChange={(next) => set('features', next)}
            />
          </CardBody>
        </Card>

        <PlanCtaCard draft={draft} set={set} fieldError={fieldError} canEdit={canEdit} />

        <Card>
          <CardHeader
            title="Provider price ids"
            description="Map provider prices to this plan, so checkout and webhooks find it."
          />
          <CardBody>
            <ProviderPriceIdsFields
              rows={draft.providerPriceIds}
              disabled={!canEdit}
              onChange={(next) => set('providerPriceIds', next)}
            />
          </CardBody>
          {canEdit ? (
            <CardFooter>
              <Link to="/staff/plans" className={buttonClasses('secondary')}>
                Cancel
              </Link>
              <Button type="submit" isLoading={save.isPending}>
                {plan ? 'Save plan' : 'Create plan'}
              </Button>
            </CardFooter>
          ) : null}
        </Card>
      </fieldset>
    </form>
  );
}
