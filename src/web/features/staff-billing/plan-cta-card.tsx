import { Card, CardBody, CardHeader } from '../../components/card';
import { SelectField, Switch, TextField } from '../../components/input';
import type { CtaType } from '../../lib/api-types';
import type { PlanDraft } from './plan-draft';

/** How the plan's card looks on the pricing page and what its button does. */
export function PlanCtaCard({
  draft,
  set,
  fieldError,
  canEdit,
}: {
  draft: PlanDraft;
  set: <K extends keyof PlanDraft>(key: K, value: PlanDraft[K]) => void;
  fieldError: (field: string) => string | undefined;
  canEdit: boolean;
}) {
  return (
    <Card>
      <CardHeader title="Pricing page" description="How the plan's card looks and what its button does." />
      <CardBody className="grid gap-5 sm:grid-cols-2">
        <TextField
          label="Badge"
          value={draft.badge}
          maxLength={40}
          placeholder="Most popular"
          onChange={(event) => set('badge', event.target.value)}
          error={fieldError('badge')}
        />
        <SelectField
          label="Button action"
          value={draft.ctaType}
          onChange={(event) => set('ctaType', event.target.value as CtaType)}
          error={fieldError('ctaType')}
        >
          <option value="checkout">Checkout</option>
          <option value="contact">Contact (opens the URL)</option>
          <option value="link">Link</option>
        </SelectField>
        <TextField
          label="Button label"
          value={draft.ctaLabel}
          maxLength={60}
          placeholder={`Upgrade to ${draft.name || 'this plan'}`}
          onChange={(event) => set('ctaLabel', event.target.value)}
          error={fieldError('ctaLabel')}
        />
        <TextField
          label="Button URL"
          type="url"
          value={draft.ctaUrl}
          placeholder="https://… or mailto:…"
          hint={draft.ctaType === 'checkout' ? 'Not used for checkout.' : undefined}
          onChange={(event) => set('ctaUrl', event.target.value)}
          error={fieldError('ctaUrl')}
        />
        <div className="sm:col-span-2">
          <Switch
            label="Highlight this plan"
            description="Draws the card with an accent border on the pricing page."
            checked={draft.isHighlighted}
            disabled={!canEdit}
            onChange={(checked) => set('isHighlighted', checked)}
          />
        </div>
      </CardBody>
    </Card>
  );
}
