import { Card, CardBody, CardHeader } from '../../components/card';
import type { UsageLine } from '../../lib/api-types';
import { cn } from '../../lib/cn';
import { formatDate } from '../../lib/format';
import { formatMoney, formatUnitAmount, unitLabel } from './billing-format';

function Meter({ line, currency }: { line: UsageLine; currency: string }) {
  const label = unitLabel(line.unit);
  const used = formatUnitAmount(line.unit, line.used);
  if (line.limit === 0 && line.used === 0) {
    return (
      <li className="py-3">
        <div className="flex items-baseline justify-between gap-3 text-sm">
          <span className="font-medium text-gray-800">{label}</span>
          <span className="text-gray-500">Not included in this plan</span>
        </div>
      </li>
    );
  }
  if (line.limit === null) {
    return (
      <li className="py-3">
        <div className="flex items-baseline justify-between gap-3 text-sm">
          <span className="font-medium text-gray-800">{label}</span>
          <span className="text-gray-500">
            {used} used · <span className="font-medium text-gray-700">Unlimited</span>
          </span>
        </div>
      </li>
    );
  }
  const percent =
    line.limit === 0 ? (line.used > 0 ? 100 : 0) : Math.min(100, (line.used / line.limit) * 100);
  const isFull = line.limit === 0 || line.used >= line.limit;
  const tone = isFull ? 'bg-red-500' : percent >= 80 ? 'bg-amber-500' : 'bg-indigo-500';
  return (
    <li className="py-3">
      <div className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-0.5 text-sm">
        <span className="font-medium text-gray-800">{label}</span>
        <span className={cn('tabular-nums', isFull ? 'text-red-700' : 'text-gray-600')}>
          {used} / {formatUnitAmount(line.unit, line.limit)}
        </span>
      </div>
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={line.limit}
        aria-valuenow={Math.min(line.used, line.limit)}
        aria-valuetext={`${used} of ${formatUnitAmount(line.unit, line.limit)}`}
        className="mt-2 h-2 overflow-hidden rounded-full bg-gray-100"
      >
        <div
          className={cn('h-full rounded-full transition-[width]', tone)}
          style={{ width: `${percent}%` }}
        />
      </div>
      {line.overageUnits > 0 ? (
        <p className="mt-1.5 text-xs text-amber-800">
          {formatUnitAmount(line.unit, line.overageUnits)} over the limit ·{' '}
          {formatMoney(line.overageCents, currency)} added to the next invoice
        </p>
      ) : isFull && line.overagePriceCents === null && line.limit > 0 ? (
        <p className="mt-1.5 text-xs text-red-700">Limit reached until the usage resets.</p>
      ) : line.overagePriceCents !== null ? (
        <p className="mt-1.5 text-xs text-gray-500">
          Over the limit: {formatMoney(line.overagePriceCents, currency)} each
        </p>
      ) : null}
    </li>
  );
}

/** One meter per metered unit: a bar when the plan sets a limit, "Unlimited" when it does not. */
export function UsageCard({
  usage,
  resetsAt,
  currency,
  timeZone,
}: {
  usage: UsageLine[];
  resetsAt: string;
  currency: string;
  timeZone: string;
}) {
  return (
    <Card>
      <CardHeader title="Usage this period" description={`Resets on ${formatDate(resetsAt, timeZone)}.`} />
      <CardBody className="py-2">
        <ul
          aria-label="Usage"
          className="grid divide-y divide-gray-100 md:grid-cols-2 md:gap-x-10 md:divide-y-0"
        >
          {usage.map((line) => (
            <Meter key={line.unit} line={line} currency={currency} />
          ))}
        </ul>
      </CardBody>
    </Card>
  );
}
