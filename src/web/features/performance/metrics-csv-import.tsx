import { Upload } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { Button } from '../../components/button';
import { ErrorBanner, Notice } from '../../components/error-banner';
import { TextAreaField } from '../../components/input';
import { getFormError } from '../../lib/api-error';
import { useImportMetrics } from './performance-queries';

export const metricsCsvHeader = 'post_id,recorded_at,views,likes,shares,comments,reach';

/** Paste or pick a CSV of snapshots; rows are checked one by one and the rejected ones listed. */
export function MetricsCsvImport({ workspaceId, postId }: { workspaceId: string; postId?: string }) {
  const example = `${metricsCsvHeader}\n${postId ?? '<post id>'},2027-03-29T09:00:00Z,1200,48,9,6,950`;
  const [csv, setCsv] = useState('');
  const importer = useImportMetrics(workspaceId);
  const report = importer.data;

  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    if (csv.trim()) importer.mutate(csv);
  }

  return (
    <form onSubmit={handleSubmit} className="space-y-3">
      <TextAreaField
        label="CSV"
        rows={5}
        value={csv}
        placeholder={example}
        onChange={(event) => setCsv(event.target.value)}
        hint={
          <>
            First line <code className="font-mono">{metricsCsvHeader}</code>; times in ISO 8601.
          </>
        }
      />
      <div className="flex flex-wrap items-center gap-2">
        <label className="inline-flex h-8 cursor-pointer items-center gap-1.5 rounded-lg bg-white px-2.5 text-xs font-medium text-gray-900 shadow-sm ring-1 ring-gray-300 ring-inset hover:bg-gray-50 focus-within:outline-2 focus-within:outline-indigo-600">
          <Upload className="size-3.5" aria-hidden />
          Choose a file
          <input
            type="file"
            accept=".csv,text/csv"
            className="sr-only"
            onChange={(event) => {
              const file = event.target.files?.[0];
              if (file) void file.text().then(setCsv);
            }}
          />
        </label>
        <Button type="submit" size="sm" isLoading={importer.isPending} disabled={!csv.trim()}>
          Import
        </Button>
      </div>
      <ErrorBanner message={getFormError(importer.error)} />
      {report ? (
        <Notice
          tone={report.rejected.length > 0 ? 'warning' : 'success'}
          title={`${report.accepted} row(s) imported`}
        >
          {report.rejected.length > 0 ? (
            <ul className="list-disc space-y-0.5 pl-4">
              {report.rejected.slice(0, 20).map((row) => (
                <li key={row.row}>
                  Row {row.row}:{' '}
                  {row.errors.map((e) => (e.path ? `${e.path} — ${e.message}` : e.message)).join('; ')}
                </li>
              ))}
              {report.rejected.length > 20 ? <li>…and {report.rejected.length - 20} more</li> : null}
            </ul>
          ) : null}
        </Notice>
      ) : null}
    </form>
  );
}
