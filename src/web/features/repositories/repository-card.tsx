import { ExternalLink, FolderGit2 } from 'lucide-react';
import type { ReactNode } from 'react';
import { Badge } from '../../components/badge';
import { Button } from '../../components/button';
import { Card } from '../../components/card';
import { Spinner } from '../../components/spinner';
import { formatDateTime, formatRelative } from '../../lib/format';
import { describeBackfillRequest, type Repository } from './repositories-api';

function Block({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="min-w-0 space-y-1">
      <p className="text-xs font-medium tracking-wide text-gray-400 uppercase">{title}</p>
      <div className="text-sm text-gray-700">{children}</div>
    </div>
  );
}

function WebhookStatus({ repository, timeZone }: { repository: Repository; timeZone: string }) {
  const last = repository.lastDelivery;
  if (!last) {
    return (
      <>
        <Badge tone="amber">No delivery yet</Badge>
        <p className="mt-1 text-xs text-gray-500">Add the webhook on GitHub; its ping shows up here.</p>
      </>
    );
  }
  return (
    <>
      {last.error ? <Badge tone="red">Last delivery failed</Badge> : <Badge tone="green">Receiving</Badge>}
      <p className="mt-1 text-xs text-gray-500" title={formatDateTime(last.at, timeZone)}>
        <code className="font-mono">{last.event}</code> · {formatRelative(last.at)}
      </p>
      {last.error ? <p className="mt-0.5 text-xs break-words text-red-700">{last.error}</p> : null}
    </>
  );
}

function BackfillStatus({ repository, timeZone }: { repository: Repository; timeZone: string }) {
  const backfill = repository.backfill;
  const what = describeBackfillRequest(backfill.request);
  if (backfill.status === 'idle') return <span className="text-gray-400">Not run</span>;
  if (backfill.status === 'running') {
    return (
      <span className="inline-flex items-center gap-1.5 text-indigo-700">
        <Spinner className="size-3.5" /> Importing {what} · {backfill.imported} so far
      </span>
    );
  }
  return (
    <>
      {backfill.status === 'completed' ? (
        <Badge tone="green">Imported {backfill.imported}</Badge>
      ) : (
        <Badge tone="red">Failed after {backfill.imported}</Badge>
      )}
      <p className="mt-1 text-xs text-gray-500">
        {what}
        {backfill.finishedAt ? ` · ${formatDateTime(backfill.finishedAt, timeZone)}` : ''}
      </p>
      {backfill.error ? <p className="mt-0.5 text-xs break-words text-red-700">{backfill.error}</p> : null}
    </>
  );
}

export interface RepositoryActions {
  onBackfill: () => void;
  onCategories: () => void;
  onRotate: () => void;
  onDisconnect: () => void;
  rotating: boolean;
}

export function RepositoryCard({
  repository,
  timeZone,
  actions,
}: {
  repository: Repository;
  timeZone: string;
  /** Only for admins; everyone else sees the status without buttons. */
  actions?: RepositoryActions;
}) {
  return (
    <Card>
      <article aria-label={repository.fullName} className="space-y-4 px-5 py-4 sm:px-6">
        <header className="flex flex-wrap items-start justify-between gap-3">
          <div className="flex min-w-0 items-center gap-3">
            <div className="flex size-9 shrink-0 items-center justify-center rounded-lg bg-gray-100 text-gray-600">
              <FolderGit2 className="size-4.5" aria-hidden />
            </div>
            <div className="min-w-0">
              <h2 className="truncate font-semibold text-gray-900">{repository.fullName}</h2>
              <p className="text-xs text-gray-500">
                {repository.authType === 'token'
                  ? `Token ${repository.tokenHint ?? ''}`
                  : `GitHub App installation ${repository.installationId ?? ''}`}{' '}
                · {repository.entryCount === 1 ? '1 entry' : `${repository.entryCount} entries`} · added{' '}
                {formatDateTime(repository.createdAt, timeZone)}
              </p>
            </div>
          </div>
          <a
            href={repository.publicUrl}
            target="_blank"
            rel="noreferrer"
            className="inline-flex items-center gap-1 text-sm font-medium text-indigo-700 hover:underline"
          >
            Public changelog <ExternalLink className="size-3.5" aria-hidden />
          </a>
        </header>
        <div className="grid gap-4 sm:grid-cols-2">
          <Block title="Webhook">
            <WebhookStatus repository={repository} timeZone={timeZone} />
          </Block>
          <Block title="Backfill">
            <BackfillStatus repository={repository} timeZone={timeZone} />
          </Block>
        </div>
        {actions ? (
          <footer className="flex flex-wrap gap-2 border-t border-gray-100 pt-3">
            <Button
              size="sm"
              variant="secondary"
              onClick={actions.onBackfill}
              disabled={repository.backfill.status === 'running'}
            >
              Backfill
            </Button>
            <Button size="sm" variant="secondary" onClick={actions.onCategories}>
              Categories
            </Button>
            <Button size="sm" variant="secondary" onClick={actions.onRotate} isLoading={actions.rotating}>
              Rotate secret
            </Button>
            <Button size="sm" variant="danger-outline" onClick={actions.onDisconnect} className="sm:ml-auto">
              Disconnect
            </Button>
          </footer>
        ) : null}
      </article>
    </Card>
  );
}
