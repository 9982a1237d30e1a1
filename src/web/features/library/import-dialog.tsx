import { Upload } from 'lucide-react';
import { useState } from 'react';
import { Button } from '../../components/button';
import { Dialog, DialogActions, DialogClose } from '../../components/dialog';
import { ErrorBanner, Notice } from '../../components/error-banner';
import { isApiError } from '../../lib/api-error';
import type { ImportReport } from './posts-api';
import { useImportPosts } from './posts-queries';

type Rejected = ImportReport['rejected'];

/** A 422 with no good row still carries the per-row reasons. */
function rejectedFrom(error: unknown): Rejected {
  if (!isApiError(error)) return [];
  return (error.details as { rejected?: Rejected } | undefined)?.rejected ?? [];
}

function RejectedRows({ rows }: { rows: Rejected }) {
  if (rows.length === 0) return null;
  return (
    <div className="max-h-64 overflow-y-auto rounded-lg ring-1 ring-gray-200">
      <table className="w-full text-left text-xs" aria-label="Rejected rows">
        <thead className="bg-gray-50 text-gray-500">
          <tr>
            <th className="px-3 py-2 font-medium">Row</th>
            <th className="px-3 py-2 font-medium">Why</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-gray-100">
          {rows.map((row) => (
            <tr key={row.row}>
              <td className="px-3 py-2 align-top font-mono text-gray-700">{row.row}</td>
              <td className="px-3 py-2 text-gray-700">
                {row.errors.map((error) => (
                  <p key={`${error.path}-${error.message}`}>
                    {error.path ? <span className="font-mono text-gray-500">{error.path}: </span> : null}
                    {error.message}
                  </p>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function ImportDialog({ workspaceId }: { workspaceId: string }) {
  const [open, setOpen] = useState(false);
  const [file, setFile] = useState<File | null>(null);
  const importPosts = useImportPosts(workspaceId);
  const report = importPosts.data;
  const failedRows = importPosts.isError ? rejectedFrom(importPosts.error) : [];

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) {
          setFile(null);
          importPosts.reset();
        }
      }}
      title="Import posts"
      description="CSV or JSON, at most 1,000 rows. Every good row becomes a draft; bad rows are listed with their reasons."
      className="max-w-lg"
      trigger={
        <Button variant="secondary" icon={<Upload className="size-4" aria-hidden />}>
          Import
        </Button>
      }
    >
      <form
        className="space-y-4"
        onSubmit={(event) => {
          event.preventDefault();
          if (file) importPosts.mutate(file);
        }}
      >
        <label className="block space-y-1.5 text-sm">
          <span className="font-medium text-gray-800">File</span>
          <input
            type="file"
            accept=".csv,.json,text/csv,application/json"
            onChange={(event) => {
              setFile(event.target.files?.[0] ?? null);
              importPosts.reset();
            }}
            className="block w-full text-sm text-gray-700 file:mr-3 file:rounded-md file:border-0 file:bg-gray-100 file:px-3 file:py-1.5 file:text-sm file:font-medium file:text-gray-800 hover:file:bg-gray-200"
          />
          <span className="block text-xs text-gray-500">
            CSV columns: platform, title, content (JSON) or text, tags (separated by ;), media_object_ids,
            needs_approval.
          </span>
        </label>
        {report ? (
          <Notice tone={report.rejected.length > 0 ? 'warning' : 'success'} title="Import finished">
            {report.accepted.length} imported as drafts
            {report.rejected.length > 0 ? `, ${report.rejected.length} rejected` : ''}.
          </Notice>
        ) : null}
        <ErrorBanner message={importPosts.isError ? importPosts.error.message : null} />
        <RejectedRows rows={report?.rejected ?? failedRows} />
        <DialogActions>
          {report ? (
            <DialogClose asChild>
              <Button>Done</Button>
            </DialogClose>
          ) : (
            <>
              <DialogClose asChild>
                <Button variant="secondary">Cancel</Button>
              </DialogClose>
              <Button type="submit" isLoading={importPosts.isPending} disabled={!file}>
                Import
              </Button>
            </>
          )}
        </DialogActions>
      </form>
    </Dialog>
  );
}
