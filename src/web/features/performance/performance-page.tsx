import { useNavigate, useSearch } from '@tanstack/react-router';
import { ChartNoAxesColumn } from 'lucide-react';
import { useState } from 'react';
import { type Platform, platforms } from '../../../shared/studio/studio-types';
import { Card, CardBody, CardHeader } from '../../components/card';
import { EmptyState } from '../../components/empty-state';
import { ErrorBanner } from '../../components/error-banner';
import { InlineSelect } from '../../components/input';
import { PageHeader } from '../../components/page-header';
import { LoadingBlock } from '../../components/spinner';
import { cn } from '../../lib/cn';
import { useDocumentTitle } from '../../lib/use-document-title';
import { useWorkspaceId } from '../../lib/use-me';
import type { PerformanceSearch } from '../../routes/search-params';
import { addDays, formatShortDay, todayIn } from '../calendar/calendar-dates';
import { platformName } from '../calendar/post-display';
import { useWorkspace } from '../workspaces/workspace-queries';
import { type ChartSeries, LineChart } from './line-chart';
import { MetricsCsvImport } from './metrics-csv-import';
import { platformColors } from './metrics-format';
import { useMetricsSummary } from './performance-queries';
import { PlatformTable } from './platform-table';
import { PostPickerCard } from './post-picker-card';

const ranges = [7, 30, 90, 365] as const;

function Segmented<T extends string | number>({
  label,
  value,
  options,
  onChange,
}: {
  label: string;
  value: T;
  options: { value: T; label: string }[];
  onChange: (value: T) => void;
}) {
  return (
    <fieldset className="inline-flex rounded-lg bg-gray-100 p-0.5">
      <legend className="sr-only">{label}</legend>
      {options.map((option) => (
        <button
          key={String(option.value)}
          type="button"
          aria-pressed={value === option.value}
          onClick={() => onChange(option.value)}
          className={cn(
            'rounded-md px-3 py-1 text-xs font-medium focus-visible:outline-2 focus-visible:outline-indigo-600',
            value === option.value ? 'bg-white text-gray-900 shadow-xs' : 'text-gray-600 hover:text-gray-900',
          )}
        >
          {option.label}
        </button>
      ))}
    </fieldset>
  );
}

export function PerformancePage() {
  const workspaceId = useWorkspaceId();
  const { data: workspace } = useWorkspace(workspaceId);
  const search = useSearch({ strict: false }) as PerformanceSearch;
  const navigate = useNavigate();
  const [metric, setMetric] = useState<'views' | 'engagement'>('views');
  const [kind, setKind] = useState<'line' | 'bar'>('line');
  const timeZone = workspace?.timezone ?? 'UTC';
  const range = search.range ?? 30;
  const to = todayIn(timeZone);
  const from = addDays(to, 1 - range);
  const summary = useMetricsSummary(workspaceId, { from, to, platform: search.platform });
  useDocumentTitle(workspace ? `Performance · ${workspace.name}` : 'Performance');

  function setSearch(next: Partial<PerformanceSearch>) {
    void navigate({
      to: '/w/$workspaceId/performance',
      params: { workspaceId },
      search: (previous: PerformanceSearch) => ({ ...previous, ...next }),
    });
  }

  const labels = Array.from({ length: range }, (_, index) => addDays(from, index));
  const shown = (summary.data?.perPlatform ?? []).map((row) => row.platform);
  const series: ChartSeries[] = [
    ...new Set<Platform>([...shown, ...(summary.data?.series ?? []).map((p) => p.platform)]),
  ].map((platform) => {
    const byDay = new Map(
      (summary.data?.series ?? []).filter((p) => p.platform === platform).map((p) => [p.day, p[metric]]),
    );
    return {
      label: platformName(platform),
      color: platformColors[platform] ?? '#4f46e5',
      values: labels.map((day) => byDay.get(day) ?? null),
    };
  });
  const canWrite = workspace ? workspace.role !== 'viewer' : false;

  return (
    <div className="space-y-6">
      <PageHeader
        title="Performance"
        description="How posts do once published, per platform: views, likes, shares, comments, reach and engagement rate."
      />
      <div className="flex flex-wrap items-center gap-3">
        <Segmented
          label="Range"
          value={range}
          options={ranges.map((days) => ({
            value: days,
            label: days === 365 ? '12 months' : `${days} days`,
          }))}
          onChange={(value) => setSearch({ range: value === 30 ? undefined : value })}
        />
        <InlineSelect
          aria-label="Platform"
          value={search.platform ?? ''}
          onChange={(event) => setSearch({ platform: event.target.value || undefined })}
        >
          <option value="">All platforms</option>
          {platforms.map((platform) => (
            <option key={platform} value={platform}>
              {platformName(platform)}
            </option>
          ))}
        </InlineSelect>
        <span className="text-xs text-gray-500">
          {formatShortDay(from)} – {formatShortDay(to)} ({timeZone})
        </span>
      </div>
      {summary.isError ? <ErrorBanner message={summary.error.message} /> : null}
      {summary.isPending ? (
        <LoadingBlock />
      ) : summary.data ? (
        summary.data.perPlatform.length === 0 ? (
          <Card>
            <EmptyState
              icon={ChartNoAxesColumn}
              title="No numbers in this range"
              description="Add snapshots on a post, import a CSV below, or connect a channel that reports its numbers."
            />
          </Card>
        ) : (
          <>
            <Card>
              <CardHeader
                title={metric === 'views' ? 'Views per day' : 'Engagement per day'}
                description={metric === 'engagement' ? 'Likes, shares and comments together' : undefined}
                actions={
                  <>
                    <Segmented
                      label="Metric"
                      value={metric}
                      options={[
                        { value: 'views', label: 'Views' },
                        { value: 'engagement', label: 'Engagement' },
                      ]}
                      onChange={setMetric}
                    />
                    <Segmented
                      label="Chart"
                      value={kind}
                      options={[
                        { value: 'line', label: 'Line' },
                        { value: 'bar', label: 'Bars' },
                      ]}
                      onChange={setKind}
                    />
                  </>
                }
              />
              <CardBody>
                <LineChart
                  title={`${metric === 'views' ? 'Views' : 'Engagement'} per day and platform`}
                  labels={labels}
                  series={series}
                  kind={kind}
                  formatLabel={formatShortDay}
                />
              </CardBody>
            </Card>
            <PlatformTable rows={summary.data.perPlatform} />
          </>
        )
      ) : null}
      <PostPickerCard
        workspaceId={workspaceId}
        postId={search.post}
        canWrite={canWrite}
        timeZone={timeZone}
        onPick={(post) => setSearch({ post })}
      />
      {canWrite ? (
        <Card>
          <CardHeader
            title="Import numbers"
            description="Snapshots for many posts at once; each row is checked on its own and rejected rows are listed."
          />
          <CardBody>
            <MetricsCsvImport workspaceId={workspaceId} />
          </CardBody>
        </Card>
      ) : null}
    </div>
  );
}
