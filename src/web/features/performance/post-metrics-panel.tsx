import { Card, CardBody, CardHeader } from '../../components/card';
import { ErrorBanner } from '../../components/error-banner';
import { LoadingBlock } from '../../components/spinner';
import { formatDate, formatDateTime } from '../../lib/format';
import { LineChart } from './line-chart';
import { MetricsCsvImport } from './metrics-csv-import';
import { formatCount, formatRate, metricFields, metricLabels } from './metrics-format';
import { usePostMetrics } from './performance-queries';
import { SnapshotForm } from './snapshot-form';

/**
 * A post's numbers over time: the latest snapshot and engagement rate, a chart of views and engagement
 * (likes + shares + comments) per snapshot, and — for writers — a form to add a snapshot by hand and a
 * CSV import. For the post editor: `<PostMetricsPanel workspaceId postId canWrite />`.
 */
export function PostMetricsPanel({
  workspaceId,
  postId,
  canWrite = true,
  timeZone,
}: {
  workspaceId: string;
  postId: string;
  canWrite?: boolean;
  /** Shows snapshot times in this timezone (the viewer's or the workspace's). */
  timeZone?: string;
}) {
  const metrics = usePostMetrics(workspaceId, postId);

  return (
    <Card>
      <CardHeader
        title="Performance"
        description="Views, likes, shares, comments and reach, entered by hand, imported or fetched from the platform."
      />
      <CardBody className="space-y-6">
        {metrics.isPending ? (
          <LoadingBlock />
        ) : metrics.isError ? (
          <ErrorBanner message={metrics.error.message} />
        ) : (
          <>
            <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
              {metricFields.map((field) => (
                <div key={field} className="rounded-lg bg-gray-50 px-3 py-2">
                  <dt className="text-xs text-gray-500">{metricLabels[field]}</dt>
                  <dd className="text-lg font-semibold text-gray-900 tabular-nums">
                    {metrics.data.latest ? formatCount(metrics.data.latest[field]) : '—'}
                  </dd>
                </div>
              ))}
              <div className="rounded-lg bg-indigo-50 px-3 py-2">
                <dt className="text-xs text-indigo-700">Engagement rate</dt>
                <dd className="text-lg font-semibold text-indigo-900 tabular-nums">
                  {formatRate(metrics.data.engagementRate)}
                </dd>
              </div>
            </dl>
            {metrics.data.series.length > 0 ? (
              <LineChart
                title="Views and engagement per snapshot"
                labels={metrics.data.series.map((s) => s.recordedAt)}
                formatLabel={(label) => formatDate(label, timeZone)}
                series={[
                  { label: 'Views', color: '#4f46e5', values: metrics.data.series.map((s) => s.views) },
                  {
                    label: 'Engagement',
                    color: '#db2777',
                    values: metrics.data.series.map((s) => s.likes + s.shares + s.comments),
                  },
                ]}
              />
            ) : (
              <p className="text-sm text-gray-500">No numbers yet for this post.</p>
            )}
            {metrics.data.latest ? (
              <p className="text-xs text-gray-500">
                Latest snapshot {formatDateTime(metrics.data.latest.recordedAt, timeZone)}
                {metrics.data.latest.source ? ` (${metrics.data.latest.source})` : ''}.
              </p>
            ) : null}
          </>
        )}
        {canWrite ? (
          <>
            <div className="border-t border-gray-100 pt-5">
              <h3 className="mb-3 text-sm font-semibold text-gray-900">Add a snapshot</h3>
              <SnapshotForm workspaceId={workspaceId} postId={postId} />
            </div>
            <details className="border-t border-gray-100 pt-5">
              <summary className="cursor-pointer text-sm font-semibold text-gray-900">
                Import from CSV
              </summary>
              <div className="mt-3">
                <MetricsCsvImport workspaceId={workspaceId} postId={postId} />
              </div>
            </details>
          </>
        ) : null}
      </CardBody>
    </Card>
  );
}
