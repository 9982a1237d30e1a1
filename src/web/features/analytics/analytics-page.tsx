// The changelog audience: page views and unique visitors per day, the most-viewed entries, referring
// sites and how the widget does. Counted without cookies; no IP address is kept. Days are UTC.
import { ChartLine } from 'lucide-react';
import { useState } from 'react';
import { Card, CardBody, CardHeader } from '../../components/card';
import { EmptyState } from '../../components/empty-state';
import { ErrorBanner } from '../../components/error-banner';
import { PageHeader } from '../../components/page-header';
import { LoadingBlock } from '../../components/spinner';
import { cn } from '../../lib/cn';
import { useDocumentTitle } from '../../lib/use-document-title';
import { useWorkspaceId } from '../../lib/use-me';
import { addDays, formatShortDay, todayIn } from '../calendar/calendar-dates';
import { useCan } from '../entitlements/entitlements-queries';
import { FeatureGate } from '../entitlements/feature-gate';
import { LineChart } from '../performance/line-chart';
import { useWorkspace } from '../workspaces/workspace-queries';
import { type AnalyticsSummary, useAnalyticsSummary } from './analytics-queries';

const ranges = [7, 30, 90] as const;
const number = new Intl.NumberFormat('en');
const percent = new Intl.NumberFormat('en', { style: 'percent', maximumFractionDigits: 1 });

function RangePicker({ value, onChange }: { value: number; onChange: (days: number) => void }) {
  return (
    <fieldset className="inline-flex rounded-lg bg-gray-100 p-0.5">
      <legend className="sr-only">Range</legend>
      {ranges.map((days) => (
        <button
          key={days}
          type="button"
          aria-pressed={value === days}
          onClick={() => onChange(days)}
          className={cn(
            'rounded-md px-3 py-1 text-xs font-medium focus-visible:outline-2 focus-visible:outline-indigo-600',
            value === days ? 'bg-white text-gray-900 shadow-xs' : 'text-gray-600 hover:text-gray-900',
          )}
        >
          {days} days
        </button>
      ))}
    </fieldset>
  );
}

function Stat({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <div className="rounded-xl border border-gray-200 bg-white px-4 py-3 shadow-xs">
      <p className="text-xs font-medium text-gray-500">{label}</p>
      <p className="mt-1 text-2xl font-semibold text-gray-900 tabular-nums">{value}</p>
      {hint ? <p className="mt-0.5 text-xs text-gray-400">{hint}</p> : null}
    </div>
  );
}

/** A ranked list with a proportional bar behind each row (plain CSS). */
function BarList({
  label,
  rows,
  empty,
}: {
  label: string;
  rows: Array<{ key: string; name: string; value: number; detail?: string }>;
  empty: string;
}) {
  const max = Math.max(1, ...rows.map((row) => row.value));
  if (rows.length === 0) return <p className="text-sm text-gray-500">{empty}</p>;
  return (
    <ol aria-label={label} className="space-y-1.5">
      {rows.map((row) => (
        <li key={row.key} className="relative overflow-hidden rounded-md">
          <div
            aria-hidden
            className="absolute inset-y-0 left-0 rounded-md bg-indigo-50"
            style={{ width: `${(row.value / max) * 100}%` }}
          />
          <div className="relative flex items-center justify-between gap-3 px-2.5 py-1.5 text-sm">
            <span className="min-w-0 truncate text-gray-800" title={row.name}>
              {row.name}
            </span>
            <span className="shrink-0 text-gray-600 tabular-nums">
              {number.format(row.value)}
              {row.detail ? <span className="ml-2 text-xs text-gray-400">{row.detail}</span> : null}
            </span>
          </div>
        </li>
      ))}
    </ol>
  );
}

function Dashboard({ data }: { data: AnalyticsSummary }) {
  const labels = data.days.map((d) => d.day);
  const nothing =
    data.totals.views === 0 && data.totals.widgetImpressions === 0 && data.totals.widgetClicks === 0;
  if (nothing) {
    return (
      <Card>
        <EmptyState
          icon={ChartLine}
          title="No visits in this range"
          description="Views of your public changelog pages are counted as they are served; the widget reports its impressions and clicks. Numbers appear here within seconds."
        />
      </Card>
    );
  }
  return (
    <>
      <div className="grid grid-cols-2 gap-3 lg:grid-cols-5">
        <Stat label="Page views" value={number.format(data.totals.views)} />
        <Stat label="Visitors" value={number.format(data.totals.visitors)} hint="unique per day, added up" />
        <Stat label="Widget impressions" value={number.format(data.totals.widgetImpressions)} />
        <Stat label="Widget clicks" value={number.format(data.totals.widgetClicks)} />
        <Stat label="Widget click rate" value={percent.format(data.totals.widgetCtr)} />
      </div>
      <Card>
        <CardHeader title="Views and visitors per day" description="UTC days" />
        <CardBody>
          <LineChart
            title="Page views and unique visitors per day"
            labels={labels}
            series={[
              { label: 'Views', color: '#4f46e5', values: data.days.map((d) => d.views) },
              { label: 'Visitors', color: '#10b981', values: data.days.map((d) => d.visitors) },
            ]}
            formatLabel={formatShortDay}
          />
        </CardBody>
      </Card>
      <div className="grid gap-6 lg:grid-cols-2">
        <Card>
          <CardHeader title="Most-viewed entries" />
          <CardBody>
            <BarList
              label="Most-viewed entries"
              empty="No entry pages viewed in this range."
              rows={data.topEntries.map((entry) => ({
                key: entry.entryId,
                name: entry.title,
                value: entry.views,
                detail:
                  entry.widgetClicks > 0 ? `${number.format(entry.widgetClicks)} widget clicks` : undefined,
              }))}
            />
          </CardBody>
        </Card>
        <Card>
          <CardHeader title="Referrers" description="The site a visit came from (host only)" />
          <CardBody>
            <BarList
              label="Referrers"
              empty="No referring sites in this range."
              rows={data.referrers.map((row) => ({ key: row.host, name: row.host, value: row.views }))}
            />
          </CardBody>
        </Card>
      </div>
      <Card>
        <CardHeader
          title="Widget performance"
          description={`${number.format(data.totals.widgetImpressions)} impressions, ${number.format(data.totals.widgetClicks)} clicks (${percent.format(data.totals.widgetCtr)})`}
        />
        <CardBody>
          <LineChart
            title="Widget impressions and clicks per day"
            kind="bar"
            labels={labels}
            series={[
              { label: 'Impressions', color: '#a5b4fc', values: data.days.map((d) => d.widgetImpressions) },
              { label: 'Clicks', color: '#4f46e5', values: data.days.map((d) => d.widgetClicks) },
            ]}
            formatLabel={formatShortDay}
          />
        </CardBody>
      </Card>
    </>
  );
}

export function AnalyticsPage() {
  const workspaceId = useWorkspaceId();
  const { data: workspace } = useWorkspace(workspaceId);
  const allowed = useCan(workspaceId, 'analytics_insights');
  const [range, setRange] = useState<number>(30);
  const to = todayIn('UTC');
  const from = addDays(to, 1 - range);
  const summary = useAnalyticsSummary(workspaceId, { from, to }, allowed);
  useDocumentTitle(workspace ? `Analytics · ${workspace.name}` : 'Analytics');

  return (
    <div className="space-y-6">
      <PageHeader
        title="Analytics"
        description="Who reads your changelog: views, visitors, top entries, referrers and the widget. No cookies, no stored IP addresses; bots are not counted."
      />
      <FeatureGate
        workspaceId={workspaceId}
        feature="analytics_insights"
        notice="Changelog analytics needs Analytics insights."
      >
        <div className="flex flex-wrap items-center gap-3">
          <RangePicker value={range} onChange={setRange} />
          <span className="text-xs text-gray-500">
            {formatShortDay(from)} – {formatShortDay(to)} (UTC)
          </span>
        </div>
        <div className="mt-6 space-y-6">
          {summary.isError ? <ErrorBanner message={summary.error.message} /> : null}
          {summary.isPending ? <LoadingBlock /> : summary.data ? <Dashboard data={summary.data} /> : null}
        </div>
      </FeatureGate>
    </div>
  );
}
