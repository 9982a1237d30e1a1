import { Webhook } from 'lucide-react';
import { useState } from 'react';
import { Badge } from '../../components/badge';
import { Button } from '../../components/button';
import { Card } from '../../components/card';
import { EmptyState } from '../../components/empty-state';
import { ErrorBanner, Notice } from '../../components/error-banner';
import { SelectField } from '../../components/input';
import { PageHeader } from '../../components/page-header';
import { LoadingBlock } from '../../components/spinner';
import { Table, TBody, TD, TH, THead, TR } from '../../components/table';
import { getFormError } from '../../lib/api-error';
import type { WebhookEvent } from '../../lib/api-types';
import { formatDateTime, formatRelative } from '../../lib/format';
import { useDocumentTitle } from '../../lib/use-document-title';
import { useMe } from '../../lib/use-me';
import { canManageBilling } from '../billing/billing-format';
import { useReplayWebhookEvent, useWebhookEvents } from './staff-billing-queries';
import { STATE_BADGES, stateOf, WebhookEventDialog } from './webhook-event-dialog';

const SOURCES = [
  ['', 'All sources'],
  ['stripe', 'Stripe'],
  ['dodo', 'Dodo Payments'],
  ['asaas', 'Asaas'],
  ['clerk', 'Clerk'],
] as const;

export function WebhookEventsPage() {
  useDocumentTitle('Webhook events');
  const me = useMe();
  const canReplay = canManageBilling(me.staffRole);
  const [source, setSource] = useState('');
  const [state, setState] = useState('');
  const events = useWebhookEvents(source, state);
  const replay = useReplayWebhookEvent();
  const [openId, setOpenId] = useState<string | null>(null);
  const items = events.data?.pages.flatMap((page) => page.items) ?? [];
  const open = items.find((event) => event.id === openId) ?? null;

  function replayButton(event: WebhookEvent, size: 'sm' | 'md' = 'sm') {
    if (!canReplay) return null;
    return (
      <Button
        variant="secondary"
        size={size}
        aria-label={size === 'sm' ? `Replay ${event.eventType} ${event.externalId}` : undefined}
        isLoading={replay.isPending && replay.variables === event.id}
        onClick={() => replay.mutate(event.id)}
      >
        Replay
      </Button>
    );
  }

  return (
    <div className="space-y-6">
      <PageHeader
        title="Webhook events"
        description="Every delivery from payment and identity providers, stored before it is processed."
        actions={
          <Button variant="secondary" isLoading={events.isRefetching} onClick={() => void events.refetch()}>
            Refresh
          </Button>
        }
      />
      <div className="grid gap-3 sm:max-w-lg sm:grid-cols-2">
        <SelectField label="Source" value={source} onChange={(event) => setSource(event.target.value)}>
          {SOURCES.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </SelectField>
        <SelectField label="State" value={state} onChange={(event) => setState(event.target.value)}>
          <option value="">All states</option>
          <option value="pending">Pending</option>
          <option value="failed">Failed</option>
          <option value="processed">Processed</option>
        </SelectField>
      </div>
      {replay.isSuccess ? (
        <Notice tone="success">Queued for processing again. Refresh to see the result.</Notice>
      ) : null}
      <ErrorBanner message={getFormError(replay.error)} />
      <Card>
        {events.isPending ? (
          <LoadingBlock />
        ) : events.isError ? (
          <div className="p-5">
            <ErrorBanner message={events.error.message} />
          </div>
        ) : items.length === 0 ? (
          <EmptyState
            icon={Webhook}
            title={source || state ? 'No events match these filters' : 'No webhook events yet'}
            description="Deliveries to /webhooks/… appear here as soon as their signature checks out."
          />
        ) : (
          <Table label="Webhook events">
            <THead>
              <TH>Event</TH>
              <TH className="hidden sm:table-cell">State</TH>
              <TH className="hidden md:table-cell">Received</TH>
              <TH>
                <span className="sr-only">Actions</span>
              </TH>
            </THead>
            <TBody>
              {items.map((event) => {
                const badge = STATE_BADGES[stateOf(event)];
                return (
                  <TR key={event.id}>
                    <TD className="max-w-[11rem] sm:max-w-xs">
                      <p className="truncate font-medium text-gray-900">{event.eventType}</p>
                      <p className="mb-0.5 sm:hidden">
                        <Badge tone={badge.tone}>{badge.label}</Badge>
                      </p>
                      <p className="truncate text-xs text-gray-500">
                        <span className="font-medium text-gray-600">{event.source}</span> ·{' '}
                        <span className="font-mono">{event.externalId}</span>
                      </p>
                      {!event.processed && event.error ? (
                        <p className="mt-0.5 truncate text-xs text-red-700" title={event.error}>
                          {event.error}
                        </p>
                      ) : null}
                    </TD>
                    <TD className="hidden sm:table-cell">
                      <Badge tone={badge.tone}>{badge.label}</Badge>
                      {event.retryCount > 0 ? (
                        <span className="ml-1.5 text-xs text-gray-500">{event.retryCount}× failed</span>
                      ) : null}
                    </TD>
                    <TD className="hidden whitespace-nowrap text-gray-500 md:table-cell">
                      <span title={formatDateTime(event.receivedAt, me.user.timezone)}>
                        {formatRelative(event.receivedAt)}
                      </span>
                    </TD>
                    <TD>
                      <div className="flex justify-end gap-2">
                        <Button
                          variant="ghost"
                          size="sm"
                          aria-label={`View ${event.eventType} ${event.externalId}`}
                          onClick={() => setOpenId(event.id)}
                        >
                          View
                        </Button>
                        {replayButton(event)}
                      </div>
                    </TD>
                  </TR>
                );
              })}
            </TBody>
          </Table>
        )}
      </Card>
      {events.hasNextPage ? (
        <div className="flex justify-center">
          <Button
            variant="secondary"
            isLoading={events.isFetchingNextPage}
            onClick={() => void events.fetchNextPage()}
          >
            Load more
          </Button>
        </div>
      ) : null}
      <WebhookEventDialog
        event={open}
        timeZone={me.user.timezone}
        onClose={() => setOpenId(null)}
        replayButton={open ? replayButton(open, 'md') : null}
      />
    </div>
  );
}
