import { Check, Minus } from 'lucide-react';
import type { ReactNode } from 'react';
import { Badge } from '../../components/badge';
import type { BillingInterval, MeteredUnit, Plan } from '../../lib/api-types';
import { cn } from '../../lib/cn';
import { featureName, formatMoney, formatNumber, limitText, priceFor, unitPhrase } from './billing-format';

// The limits a buyer compares plans on; the billing page lists every unit.
const HEADLINE_UNITS: MeteredUnit[] = [
  'generations',
  'ai_rewrites',
  'voice_minutes',
  'seats',
  'connected_repos',
];
const PER_MONTH = new Set<MeteredUnit>(['generations', 'ai_rewrites', 'voice_minutes']);

function LimitLine({ plan, unit }: { plan: Plan; unit: MeteredUnit }) {
  const limit = plan.limits[unit];
  const isIncluded = limit !== 0;
  return (
    <li className={cn('flex gap-2', !isIncluded && 'text-gray-400')}>
      {isIncluded ? (
        <Check className="mt-0.5 size-4 shrink-0 text-indigo-500" aria-hidden />
      ) : (
        <Minus className="mt-0.5 size-4 shrink-0" aria-hidden />
      )}
      <span>
        {isIncluded ? (
          <span className="font-medium text-gray-900">{limitText(plan, unit) ?? 'Unlimited'}</span>
        ) : (
          'No'
        )}{' '}
        {unitPhrase(unit, typeof limit === 'number' ? limit : 2)}
        {PER_MONTH.has(unit) && isIncluded ? ' a month' : ''}
      </span>
    </li>
  );
}

/** One plan as a buyer sees it: price, what it includes, and the caller's call to action. */
export function PlanOptionCard({
  plan,
  interval,
  isCurrent = false,
  action,
}: {
  plan: Plan;
  interval: BillingInterval;
  isCurrent?: boolean;
  action: ReactNode;
}) {
  const price = priceFor(plan, interval);
  const headingId = `plan-${plan.key}-name`;
  return (
    <article
      aria-labelledby={headingId}
      className={cn(
        'relative flex flex-col rounded-2xl border bg-white p-5 shadow-xs sm:p-6',
        plan.isHighlighted ? 'border-indigo-600 ring-1 ring-indigo-600' : 'border-gray-200',
      )}
    >
      <div className="flex flex-wrap items-center gap-2">
        <h3 id={headingId} className="text-base font-semibold text-gray-900">
          {plan.name}
        </h3>
        {plan.badge ? <Badge tone={plan.isHighlighted ? 'indigo' : 'gray'}>{plan.badge}</Badge> : null}
        {isCurrent ? <Badge tone="green">Current plan</Badge> : null}
      </div>
      {/* Always there, two lines tall side by side, so prices and buttons line up across cards. */}
      <p className="mt-1 text-sm text-gray-500 md:min-h-10">{plan.description}</p>
      <p className="mt-4 flex items-baseline gap-1">
        <span className="text-3xl font-semibold tracking-tight text-gray-900">
          {formatMoney(price, plan.currency)}
        </span>
        <span className="text-sm text-gray-500">/{interval === 'year' ? 'year' : 'month'}</span>
      </p>
      {interval === 'year' && plan.priceYearlyCents > 0 ? (
        <p className="mt-0.5 text-xs text-gray-500">
          {formatMoney(Math.round(plan.priceYearlyCents / 12), plan.currency)} a month, billed yearly
        </p>
      ) : null}
      <div className="mt-5">{action}</div>
      <ul className="mt-6 space-y-2 text-sm text-gray-600">
        <li className="flex gap-2">
          <Check className="mt-0.5 size-4 shrink-0 text-indigo-500" aria-hidden />
          <span>
            <span className="font-medium text-gray-900">{formatNumber(plan.monthlyCredits)}</span> credits a
            month
          </span>
        </li>
        {HEADLINE_UNITS.map((unit) => (
          <LimitLine key={unit} plan={plan} unit={unit} />
        ))}
      </ul>
      {plan.features.length > 0 ? (
        <>
          <p className="mt-6 text-xs font-medium tracking-wide text-gray-400 uppercase">Features</p>
          <ul className="mt-2 space-y-2 text-sm text-gray-600" aria-label={`${plan.name} features`}>
            {plan.features.map((key) => (
              <li key={key} className="flex gap-2">
                <Check className="mt-0.5 size-4 shrink-0 text-emerald-500" aria-hidden />
                {featureName(key)}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </article>
  );
}

/** Monthly/yearly switch as a radio group, so it reads right to screen readers and keyboards. */
export function IntervalToggle({
  value,
  onChange,
}: {
  value: BillingInterval;
  onChange: (value: BillingInterval) => void;
}) {
  const options: { value: BillingInterval; label: string }[] = [
    { value: 'month', label: 'Monthly' },
    { value: 'year', label: 'Yearly' },
  ];
  return (
    <fieldset className="inline-flex rounded-lg bg-gray-100 p-1">
      <legend className="sr-only">Billing period</legend>
      {options.map((option) => (
        <label
          key={option.value}
          className={cn(
            'cursor-pointer rounded-md px-3 py-1.5 text-sm font-medium transition-colors has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-indigo-600',
            value === option.value ? 'bg-white text-gray-900 shadow-sm' : 'text-gray-600 hover:text-gray-900',
          )}
        >
          <input
            type="radio"
            name="billing-interval"
            value={option.value}
            checked={value === option.value}
            onChange={() => onChange(option.value)}
            className="sr-only"
          />
          {option.label}
        </label>
      ))}
    </fieldset>
  );
}
