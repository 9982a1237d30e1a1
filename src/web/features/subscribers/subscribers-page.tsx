import { MailOpen, Trash2 } from 'lucide-react';
import { useState } from 'react';
import { Badge, type BadgeTone } from '../../components/badge';
import { Button } from '../../components/button';
import { Card } from '../../components/card';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { Dialog } from '../../components/dialog';
import { EmptyState } from '../../components/empty-state';
import { ErrorBanner } from '../../components/error-banner';
import { InlineSelect, TextField } from '../../components/input';
import { PageHeader } from '../../components/page-header';
import { LoadingBlock } from '../../components/spinner';
import { Table, TBody, TD, TH, THead, TR } from '../../components/table';
import { canManageWorkspace, formatDateTime } from '../../lib/format';
import { useDebounced } from '../../lib/use-debounced';
import { useDocumentTitle } from '../../lib/use-document-title';
import { useWorkspaceId } from '../../lib/use-me';
import { useWorkspace } from '../workspaces/workspace-queries';
import { useSubscribersCsv } from './subscribers-csv';
import {
  type Subscriber,
  type SubscriberStatus,
  subscribersPath,
  useDeleteSubscriber,
  useDeliveries,
  useSubscribers,
} from './subscribers-queries';

const statusTone: Record<SubscriberStatus, BadgeTone> = {
  confirmed: 'green',
  pending: 'amber',
  unsubscribed: 'gray',
};
const deliveryTone: Record<string, BadgeTone> = {
  sent: 'green',
  queued: 'blue',
  failed: 'red',
  skipped: 'gray',
};
const preferenceLabel = { all: 'All updates', major: 'Major releases', digest: 'Digest' } as const;

export function SubscribersPage() {
  const workspaceId = useWorkspaceId();
  const { data: workspace } = useWorkspace(workspaceId);
  useDocumentTitle(workspace ? `Subscribers · ${workspace.name}` : 'Subscribers');
  const timeZone = workspace?.timezone ?? 'UTC';
  const canManage = canManageWorkspace(workspace?.role);
  const [search, setSearch] = useState('');
  const [status, setStatus] = useState<SubscriberStatus | ''>('');
  const q = useDebounced(search.trim(), 300);
  const list = useSubscribers(workspaceId, { q, status });
  const csv = useSubscribersCsv(workspaceId, {
    importUrl: subscribersPath(workspaceId, '/import'),
    exportUrl: subscribersPath(workspaceId, '/export'),
  });
  const remove = useDeleteSubscriber(workspaceId);
  const [logFor, setLogFor] = useState<Subscriber | null>(null);
  const [deleting, setDeleting] = useState<Subscriber | null>(null);
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];
  const counts = list.data?.pages[0]?.counts;

  return (
    <>
      <PageHeader
        title="Subscribers"
        description="People who get your changelog by email. They sign up on the public changelog or in the widget and confirm by email."
        actions={canManage ? csv.actions : null}
      />
      {csv.outcome}
      <Card>
        <div className="flex flex-col gap-3 border-b border-gray-100 p-4 sm:flex-row sm:items-end">
          <TextField
            label="Search"
            type="search"
            placeholder="Email address"
            value={search}
            onChange={(event) => setSearch(event.target.value)}
            className="sm:w-72"
          />
          <InlineSelect
            aria-label="Status"
            value={status}
            onChange={(event) => setStatus(event.target.value as SubscriberStatus | '')}
          >
            <option value="">All statuses</option>
            <option value="confirmed">Confirmed</option>
            <option value="pending">Pending</option>
            <option value="unsubscribed">Unsubscribed</option>
          </InlineSelect>
          {counts ? (
            <p className="text-sm text-gray-500 sm:ml-auto">
              {counts.confirmed} confirmed · {counts.pending} pending · {counts.unsubscribed} unsubscribed
            </p>
          ) : null}
        </div>
        <ErrorBanner className="m-4" message={list.error?.message} />
        {list.isPending ? (
          <LoadingBlock />
        ) : items.length === 0 ? (
          <EmptyState
            icon={MailOpen}
            title={q || status ? 'No subscriber matches' : 'No subscribers yet'}
            description="The public changelog page and the widget have a sign-up form."
          />
        ) : (
          <Table label="Subscribers">
            <THead>
              <TH>Email</TH>
              <TH>Status</TH>
              <TH>Gets</TH>
              <TH>Source</TH>
              <TH>Signed up</TH>
              <TH>Confirmed</TH>
              <TH>
                <span className="sr-only">Actions</span>
              </TH>
            </THead>
            <TBody>
              {items.map((subscriber) => (
                <TR key={subscriber.id}>
                  <TD className="font-medium text-gray-900">{subscriber.email}</TD>
                  <TD>
                    <Badge tone={statusTone[subscriber.status]}>{subscriber.status}</Badge>
                  </TD>
                  <TD>{preferenceLabel[subscriber.preference]}</TD>
                  <TD>{subscriber.source}</TD>
                  <TD>{formatDateTime(subscriber.createdAt, timeZone)}</TD>
                  <TD>
                    {subscriber.confirmedAt
                      ? `${formatDateTime(subscriber.confirmedAt, timeZone)}${subscriber.confirmedVia ? ` (${subscriber.confirmedVia})` : ''}`
                      : '—'}
                  </TD>
                  <TD className="text-right whitespace-nowrap">
                    <Button size="sm" variant="ghost" onClick={() => setLogFor(subscriber)}>
                      Delivery log
                    </Button>
                    {canManage ? (
                      <Button
                        size="sm"
                        variant="ghost"
                        aria-label={`Delete ${subscriber.email}`}
                        onClick={() => setDeleting(subscriber)}
                      >
                        <Trash2 className="size-4" aria-hidden />
                      </Button>
                    ) : null}
                  </TD>
                </TR>
              ))}
            </TBody>
          </Table>
        )}
        {list.hasNextPage ? (
          <div className="border-t border-gray-100 p-4 text-center">
            <Button
              variant="secondary"
              onClick={() => list.fetchNextPage()}
              disabled={list.isFetchingNextPage}
            >
              {list.isFetchingNextPage ? 'Loading…' : 'Load more'}
            </Button>
          </div>
        ) : null}
      </Card>
      <DeliveryLogDialog
        workspaceId={workspaceId}
        subscriber={logFor}
        timeZone={timeZone}
        onClose={() => setLogFor(null)}
      />
      <ConfirmDialog
        open={deleting !== null}
        onOpenChange={(open) => {
          if (!open) setDeleting(null);
        }}
        title="Delete subscriber"
        description={`${deleting?.email ?? ''} and their delivery log are deleted. They can sign up again.`}
        confirmLabel="Delete"
        isPending={remove.isPending}
        error={remove.error?.message}
        onConfirm={() => {
          if (deleting) remove.mutate(deleting.id, { onSuccess: () => setDeleting(null) });
        }}
      />
    </>
  );
}

function DeliveryLogDialog({
  workspaceId,
  subscriber,
  timeZone,
  onClose,
}: {
  workspaceId: string;
  subscriber: Subscriber | null;
  timeZone: string;
  onClose: () => void;
}) {
  const log = useDeliveries(workspaceId, subscriber?.id ?? null);
  return (
    <Dialog
      open={subscriber !== null}
      onOpenChange={(open) => {
        if (!open) onClose();
      }}
      title="Delivery log"
      description={subscriber?.email}
    >
      <ErrorBanner message={log.error?.message} />
      {log.isPending ? (
        <LoadingBlock />
      ) : (log.data?.items.length ?? 0) === 0 ? (
        <p className="text-sm text-gray-500">Nothing mailed yet.</p>
      ) : (
        <ul className="max-h-96 divide-y divide-gray-100 overflow-y-auto text-sm">
          {log.data?.items.map((delivery) => (
            <li key={delivery.id} className="flex items-start justify-between gap-3 py-2">
              <div className="min-w-0">
                <p className="truncate font-medium text-gray-900">{delivery.entryTitle}</p>
                <p className="text-xs text-gray-500">
                  {delivery.kind === 'digest' ? 'Digest' : 'Entry'} ·{' '}
                  {formatDateTime(delivery.sentAt ?? delivery.createdAt, timeZone)}
                  {delivery.attempts > 1 ? ` · ${delivery.attempts} attempts` : ''}
                  {delivery.lastError ? ` · ${delivery.lastError}` : ''}
                </p>
              </div>
              <Badge tone={deliveryTone[delivery.status] ?? 'gray'}>{delivery.status}</Badge>
            </li>
          ))}
        </ul>
      )}
    </Dialog>
  );
}
