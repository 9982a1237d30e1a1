import { Card, CardHeader } from '../../components/card';
import { ErrorBanner } from '../../components/error-banner';
import { LoadingBlock } from '../../components/spinner';
import { Table, TBody, TD, TH, THead, TR } from '../../components/table';
import { useWidgetStats } from './widget-queries';

const number = new Intl.NumberFormat('en');

function rate(clicks: number, impressions: number): string {
  return impressions > 0 ? `${((clicks / impressions) * 100).toFixed(1)}%` : '—';
}

function Total({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div className="rounded-lg bg-gray-50 px-4 py-3">
      <p className="text-xs font-medium tracking-wide text-gray-500 uppercase">{label}</p>
      <p className="mt-1 text-2xl font-semibold text-gray-900 tabular-nums" data-testid={testId}>
        {value}
      </p>
    </div>
  );
}

export function WidgetStatsCard({ workspaceId }: { workspaceId: string }) {
  const stats = useWidgetStats(workspaceId);
  return (
    <Card>
      <CardHeader title="Views and clicks" description="Counted by the widget on the sites that embed it." />
      {stats.isPending ? (
        <LoadingBlock />
      ) : stats.isError ? (
        <div className="p-5">
          <ErrorBanner message={stats.error.message} />
        </div>
      ) : (
        <>
          <div className="grid gap-3 px-5 py-4 sm:grid-cols-3 sm:px-6">
            <Total
              label="Impressions"
              value={number.format(stats.data.totals.impressions)}
              testId="widget-impressions"
            />
            <Total label="Clicks" value={number.format(stats.data.totals.clicks)} testId="widget-clicks" />
            <Total
              label="Click rate"
              value={rate(stats.data.totals.clicks, stats.data.totals.impressions)}
              testId="widget-rate"
            />
          </div>
          {stats.data.entries.length === 0 ? (
            <p className="border-t border-gray-100 px-5 py-4 text-sm text-gray-500 sm:px-6">
              No entry has been seen through the widget yet.
            </p>
          ) : (
            <Table label="Widget stats per entry">
              <THead>
                <TH>Entry</TH>
                <TH className="text-right">Impressions</TH>
                <TH className="text-right">Clicks</TH>
                <TH className="text-right">Rate</TH>
              </THead>
              <TBody>
                {stats.data.entries.map((entry) => (
                  <TR key={entry.entryId}>
                    <TD className="max-w-md font-medium text-gray-900">{entry.title}</TD>
                    <TD className="text-right tabular-nums">{number.format(entry.impressions)}</TD>
                    <TD className="text-right tabular-nums">{number.format(entry.clicks)}</TD>
                    <TD className="text-right tabular-nums">{rate(entry.clicks, entry.impressions)}</TD>
                  </TR>
                ))}
              </TBody>
            </Table>
          )}
        </>
      )}
    </Card>
  );
}
