import type { MeteredUnit } from '../../lib/api-types';
import { cn } from '../../lib/cn';
import { formatBytes, METERED_UNITS, UNIT_LABELS } from '../billing/billing-format';
import { compactInput, invalidInput } from './form-controls';
import type { LimitDraft } from './plan-draft';

const PER_MONTH: Record<MeteredUnit, boolean> = {
  generations: true,
  entries_published: true,
  ai_rewrites: true,
  voice_minutes: true,
  images: true,
  videos: true,
  api_calls: true,
  seats: false,
  connected_repos: false,
  storage_bytes: false,
};

/** Every metered unit: its limit (or unlimited) and what one unit over the limit costs. */
export function PlanLimitsFields({
  limits,
  onChange,
  errors,
  disabled,
}: {
  limits: Record<MeteredUnit, LimitDraft>;
  onChange: (unit: MeteredUnit, next: LimitDraft) => void;
  errors: Record<string, string>;
  disabled?: boolean;
}) {
  return (
    <div>
      <div className="hidden grid-cols-[minmax(10rem,1fr)_9rem_7rem_9rem] gap-3 pb-2 text-xs font-medium tracking-wide text-gray-500 uppercase sm:grid">
        <span>Unit</span>
        <span>Limit</span>
        <span>
          <span className="sr-only">Unlimited</span>
        </span>
        <span>Overage ¢/unit</span>
      </div>
      <div className="divide-y divide-gray-100 border-t border-gray-100">
        {METERED_UNITS.map((unit) => {
          const limit = limits[unit];
          const label = UNIT_LABELS[unit];
          const limitError = errors[`limits.${unit}`];
          const overageError = errors[`overagePrices.${unit}`];
          const bytes = unit === 'storage_bytes' && !limit.isUnlimited && /^\d+$/.test(limit.value);
          return (
            <div
              key={unit}
              className="grid grid-cols-2 items-center gap-x-3 gap-y-2 py-3 sm:grid-cols-[minmax(10rem,1fr)_9rem_7rem_9rem]"
            >
              <div className="col-span-2 sm:col-span-1">
                <p className="text-sm font-medium text-gray-800">{label}</p>
                <p className="text-xs text-gray-500">
                  {unit === 'storage_bytes' ? 'Bytes' : PER_MONTH[unit] ? 'Per month' : 'At any time'}
                  {bytes ? ` · ${formatBytes(Number(limit.value))}` : ''}
                </p>
              </div>
              <div>
                <span aria-hidden className="mb-1 block text-xs text-gray-500 sm:hidden">
                  Limit
                </span>
                <input
                  type="number"
                  min={0}
                  inputMode="numeric"
                  aria-label={`Limit for ${label}`}
                  aria-invalid={limitError ? true : undefined}
                  placeholder={limit.isUnlimited ? 'Unlimited' : '0'}
                  value={limit.isUnlimited ? '' : limit.value}
                  disabled={disabled || limit.isUnlimited}
                  onChange={(event) => onChange(unit, { ...limit, value: event.target.value })}
                  className={cn(compactInput, limitError && invalidInput)}
                />
                {limitError ? <p className="mt-1 text-xs text-red-600">{limitError}</p> : null}
              </div>
              <label className="flex cursor-pointer items-center gap-2 self-end pb-1.5 text-sm text-gray-700 sm:self-center sm:pb-0">
                <input
                  type="checkbox"
                  checked={limit.isUnlimited}
                  disabled={disabled}
                  onChange={(event) => onChange(unit, { ...limit, isUnlimited: event.target.checked })}
                  className="size-4 cursor-pointer rounded accent-indigo-600"
                />
                Unlimited<span className="sr-only"> {label.toLowerCase()}</span>
              </label>
              <div className="col-span-2 sm:col-span-1">
                <span aria-hidden className="mb-1 block text-xs text-gray-500 sm:hidden">
                  Overage, cents per unit
                </span>
                <input
                  type="number"
                  min={0}
                  inputMode="numeric"
                  aria-label={`Overage price for ${label}, in cents per unit`}
                  aria-invalid={overageError ? true : undefined}
                  placeholder={limit.isUnlimited ? '—' : 'Hard limit'}
                  value={limit.isUnlimited ? '' : limit.overage}
                  disabled={disabled || limit.isUnlimited}
                  onChange={(event) => onChange(unit, { ...limit, overage: event.target.value })}
                  className={cn(compactInput, overageError && invalidInput)}
                />
                {overageError ? <p className="mt-1 text-xs text-red-600">{overageError}</p> : null}
              </div>
            </div>
          );
        })}
      </div>
      <p className="mt-3 text-xs text-gray-500">
        Leave the overage empty for a hard limit: work stops at the limit. With a price, usage goes on and is
        added to the next invoice.
      </p>
    </div>
  );
}
