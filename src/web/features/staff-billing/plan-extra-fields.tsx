import { Plus, Trash2 } from 'lucide-react';
import { Button } from '../../components/button';
import { ErrorBanner } from '../../components/error-banner';
import { LoadingBlock } from '../../components/spinner';
import { Checkbox, compactInput } from './form-controls';
import { newPriceIdRow, type PlanDraft } from './plan-draft';
import { useFeatureCatalogue } from './staff-billing-queries';

/** The catalogue as checkboxes: what a workspace on this plan may use. */
export function PlanFeaturesFields({
  selected,
  onChange,
  disabled,
}: {
  selected: string[];
  onChange: (next: string[]) => void;
  disabled?: boolean;
}) {
  const catalogue = useFeatureCatalogue();
  if (catalogue.isPending) return <LoadingBlock label="Loading features…" />;
  if (catalogue.isError) return <ErrorBanner message={catalogue.error.message} />;
  return (
    <fieldset>
      <legend className="sr-only">Features</legend>
      <div className="grid gap-3 sm:grid-cols-2">
        {catalogue.data.items.map((feature) => (
          <Checkbox
            key={feature.key}
            label={feature.name}
            description={feature.description ?? feature.key}
            checked={selected.includes(feature.key)}
            disabled={disabled}
            onChange={(event) =>
              onChange(
                event.target.checked
                  ? [...selected, feature.key]
                  : selected.filter((key) => key !== feature.key),
              )
            }
          />
        ))}
      </div>
    </fieldset>
  );
}

/** Provider price ids as editable key/value rows, e.g. `stripe:monthly` → `price_…`. */
export function ProviderPriceIdsFields({
  rows,
  onChange,
  disabled,
}: {
  rows: PlanDraft['providerPriceIds'];
  onChange: (next: PlanDraft['providerPriceIds']) => void;
  disabled?: boolean;
}) {
  return (
    <div className="space-y-3">
      {rows.length === 0 ? (
        <p className="text-sm text-gray-500">
          No provider prices. Checkout needs one per provider and period.
        </p>
      ) : (
        <ul className="space-y-2">
          {rows.map((row, index) => (
            <li key={row.id} className="flex items-center gap-2">
              <input
                aria-label={`Provider key ${index + 1}`}
                placeholder="stripe:monthly"
                value={row.key}
                disabled={disabled}
                onChange={(event) =>
                  onChange(rows.map((r) => (r.id === row.id ? { ...r, key: event.target.value } : r)))
                }
                className={`${compactInput} min-w-0 flex-[2] font-mono text-xs`}
              />
              <input
                aria-label={`Price id ${index + 1}`}
                placeholder="price_1Pxyz…"
                value={row.value}
                disabled={disabled}
                onChange={(event) =>
                  onChange(rows.map((r) => (r.id === row.id ? { ...r, value: event.target.value } : r)))
                }
                className={`${compactInput} min-w-0 flex-[3] font-mono text-xs`}
              />
              <Button
                variant="ghost"
                size="sm"
                aria-label={`Remove provider price ${row.key || index + 1}`}
                disabled={disabled}
                onClick={() => onChange(rows.filter((r) => r.id !== row.id))}
                icon={<Trash2 className="size-4" aria-hidden />}
              />
            </li>
          ))}
        </ul>
      )}
      <Button
        variant="secondary"
        size="sm"
        disabled={disabled}
        onClick={() => onChange([...rows, newPriceIdRow()])}
        icon={<Plus className="size-3.5" aria-hidden />}
      >
        Add provider price
      </Button>
    </div>
  );
}
