import { Card, CardHeader } from '../../components/card';
import { Table, TBody, TD, TH, THead, TR } from '../../components/table';
import { PlatformMark, platformName } from '../calendar/post-display';
import { formatCount, formatRate, metricFields, metricLabels } from './metrics-format';
import type { PlatformTotals } from './performance-types';

export function PlatformTable({ rows }: { rows: PlatformTotals[] }) {
  const best = Math.max(0, ...rows.map((row) => row.engagementRate ?? 0));
  return (
    <Card>
      <CardHeader
        title="Per platform"
        description="Engagement rate = (likes + shares + comments) ÷ reach, or ÷ views when reach is unknown."
      />
      <Table label="Totals per platform">
        <THead>
          <TH>Platform</TH>
          <TH className="text-right">Posts</TH>
          {metricFields.map((field) => (
            <TH key={field} className="text-right">
              {metricLabels[field]}
            </TH>
          ))}
          <TH className="text-right">Engagement rate</TH>
        </THead>
        <TBody>
          {rows.map((row) => (
            <TR key={row.platform}>
              <TD>
                <span className="flex items-center gap-2 font-medium text-gray-900">
                  <PlatformMark platform={row.platform} />
                  {platformName(row.platform)}
                </span>
              </TD>
              <TD className="text-right tabular-nums">{formatCount(row.posts)}</TD>
              {metricFields.map((field) => (
                <TD key={field} className="text-right tabular-nums">
                  {formatCount(row[field])}
                </TD>
              ))}
              <TD className="text-right tabular-nums">
                <span className="inline-flex items-center justify-end gap-2">
                  <span
                    className="hidden h-1.5 w-16 overflow-hidden rounded-full bg-gray-100 sm:block"
                    aria-hidden
                  >
                    <span
                      className="block h-full rounded-full bg-indigo-500"
                      style={{ width: `${best > 0 ? ((row.engagementRate ?? 0) / best) * 100 : 0}%` }}
                    />
                  </span>
                  {formatRate(row.engagementRate)}
                </span>
              </TD>
            </TR>
          ))}
        </TBody>
      </Table>
    </Card>
  );
}
