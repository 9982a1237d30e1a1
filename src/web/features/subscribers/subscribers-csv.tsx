// Export and import of subscribers as CSV: the buttons and the import's report. The workspace's
// Subscribers page and the staff workspace page both use them, each with its own routes.
import { Download, Upload } from 'lucide-react';
import { useRef, useState } from 'react';
import { Button, buttonClasses } from '../../components/button';
import { ErrorBanner, Notice } from '../../components/error-banner';
import { type ImportReport, useImportSubscribers } from './subscribers-queries';

export function useSubscribersCsv(workspaceId: string, urls: { importUrl: string; exportUrl: string }) {
  const importer = useImportSubscribers(workspaceId, urls.importUrl);
  const [report, setReport] = useState<ImportReport | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  const actions = (
    <>
      <a className={buttonClasses('secondary')} href={urls.exportUrl} download>
        <Download className="size-4" aria-hidden /> Export CSV
      </a>
      <input
        ref={fileInput}
        type="file"
        accept=".csv,text/csv"
        className="sr-only"
        aria-label="CSV file of confirmed subscribers"
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = '';
          if (!file) return;
          setReport(null);
          importer.mutate(file, { onSuccess: setReport });
        }}
      />
      <Button variant="secondary" onClick={() => fileInput.current?.click()} disabled={importer.isPending}>
        <Upload className="size-4" aria-hidden /> {importer.isPending ? 'Importing…' : 'Import CSV'}
      </Button>
    </>
  );

  const outcome = (
    <>
      <ErrorBanner className="mb-4" title="Import failed" message={importer.error?.message} />
      {report ? (
        <Notice
          className="mb-4"
          tone={report.rejected.length > 0 ? 'warning' : 'success'}
          title="Import finished"
        >
          {report.imported} imported, {report.existing} already subscribed, {report.skipped} skipped
          (unsubscribed).
          {report.rejected.length > 0 ? (
            <ul className="mt-2 list-disc pl-5">
              {report.rejected.slice(0, 20).map((row) => (
                <li key={row.row}>
                  Row {row.row}: {row.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}
                </li>
              ))}
            </ul>
          ) : null}
        </Notice>
      ) : null}
    </>
  );

  return { actions, outcome };
}
