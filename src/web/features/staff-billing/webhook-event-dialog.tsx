import type { ReactNode } from 'react';
import { Badge, type BadgeTone } from '../../components/badge';
import { Button } from '../../components/button';
import { Dialog, DialogActions, DialogClose } from '../../components/dialog';
import { Notice } from '../../components/error-banner';
import type { WebhookEvent } from '../../lib/api-types';
import { formatDateTime } from '../../lib/format';

export type EventState = 'processed' | 'failed' | 'pending';

export function stateOf(event: WebhookEvent): EventState {
  if (event.processed) return 'processed';
  return event.error ? 'failed' : 'pending';
}

export const STATE_BADGES: Record<EventState, { label: string; tone: BadgeTone }> = {
  processed: { label: 'Processed', tone: 'green' },
  failed: { label: 'Failed', tone: 'red' },
  pending: { label: 'Pending', tone: 'amber' },
};

function prettyJson(value: unknown): string {
  try {
    return JSON.stringify(value, null, 2) ?? String(value);
  } catch {
    return String(value);
  }
}

/** One stored delivery: when it came, what happened to it, and the payload exactly as received. */
export function WebhookEventDialog({
  event,
  timeZone,
  onClose,
  replayButton,
}: {
  event: WebhookEvent | null;
  timeZone: string;
  onClose: () => void;
  replayButton?: ReactNode;
}) {
  const state = event ? stateOf(event) : 'pending';
  return (
    <Dialog
      open={event !== null}
      onOpenChange={(open) => (open ? undefined : onClose())}
      title={event ? `${event.source} · ${event.eventType}` : 'Webhook event'}
      className="max-w-2xl"
    >
      {event ? (
        <div className="space-y-4">
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1.5 text-sm">
            <dt className="text-gray-500">State</dt>
            <dd>
              <Badge tone={STATE_BADGES[state].tone}>{STATE_BADGES[state].label}</Badge>
            </dd>
            <dt className="text-gray-500">External id</dt>
            <dd className="font-mono text-xs break-all text-gray-800">{event.externalId}</dd>
            <dt className="text-gray-500">Received</dt>
            <dd className="text-gray-800">{formatDateTime(event.receivedAt, timeZone)}</dd>
            <dt className="text-gray-500">Processed</dt>
            <dd className="text-gray-800">
              {event.processedAt ? formatDateTime(event.processedAt, timeZone) : '—'}
            </dd>
            <dt className="text-gray-500">Attempts failed</dt>
            <dd className="text-gray-800 tabular-nums">{event.retryCount}</dd>
          </dl>
          {event.error ? (
            <Notice
              tone={state === 'failed' ? 'error' : 'info'}
              title={state === 'failed' ? 'Last error' : 'Note'}
            >
              <span className="break-words">{event.error}</span>
            </Notice>
          ) : null}
          <div>
            <p className="mb-1.5 text-sm font-medium text-gray-800">Payload</p>
            <pre className="max-h-80 overflow-auto rounded-lg bg-gray-950 p-3 font-mono text-xs leading-relaxed text-gray-100 focus-visible:outline-2 focus-visible:outline-indigo-600">
              {prettyJson(event.payload)}
            </pre>
          </div>
          <DialogActions>
            <DialogClose asChild>
              <Button variant="secondary">Close</Button>
            </DialogClose>
            {replayButton}
          </DialogActions>
        </div>
      ) : null}
    </Dialog>
  );
}
