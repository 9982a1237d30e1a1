import { and, desc, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import type { AppDeps } from '../../app-context.ts';
import type { Database } from '../../platform/db.ts';
import { olderThan } from '../../platform/pagination.ts';
import { webhookEvents } from './webhooks.table.ts';

export const processWebhookJobName = 'webhooks.process';

/** The stored row a consumer runs for: its id goes into histories such as subscription_events. */
export interface StoredWebhookRef {
  id: string;
  externalId: string;
}

/** A consumer of one event type; runs inside the transaction that marks the event processed. */
export type WebhookHandler = (
  tx: Database,
  payload: unknown,
  deps: AppDeps,
  event: StoredWebhookRef,
) => Promise<void>;
export type WebhookHandlers = Partial<Record<string, Partial<Record<string, WebhookHandler>>>>;

export interface IncomingWebhook {
  source: string;
  eventType: string;
  externalId: string;
  payload: unknown;
}

/**
 * Stores a verified delivery and queues its processing. A redelivery hits the unique
 * (source, external_id) index and is a no-op: `{ duplicate: true }`.
 */
export async function storeWebhookEvent(deps: Pick<AppDeps, 'db' | 'queue'>, event: IncomingWebhook) {
  return deps.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(webhookEvents)
      .values({ ...event, payload: event.payload as object })
      .onConflictDoNothing({ target: [webhookEvents.source, webhookEvents.externalId] })
      .returning({ id: webhookEvents.id });
    if (!row) return { duplicate: true as const, eventId: null };
    await deps.queue.send(processWebhookJobName, { eventId: row.id }, { tx, singletonKey: row.id });
    return { duplicate: false as const, eventId: row.id };
  });
}

/**
 * Runs the consumer for a stored event. Errors are recorded on the row and rethrown so the queue
 * retries with backoff; a processed event is never processed again.
 */
export async function processWebhookEvent(
  deps: AppDeps,
  handlers: WebhookHandlers,
  eventId: string,
): Promise<void> {
  const [event] = await deps.db.select().from(webhookEvents).where(eq(webhookEvents.id, eventId));
  if (!event || event.processed) return;
  const handler = handlers[event.source]?.[event.eventType];
  const outcome = handler ? null : 'no handler for this event type; stored and ignored';
  try {
    await deps.db.transaction(async (tx) => {
      // Lock the row so two workers never run the same event's consumer at once.
      const [locked] = await tx
        .select({ processed: webhookEvents.processed })
        .from(webhookEvents)
        .where(eq(webhookEvents.id, eventId))
        .for('update');
      if (!locked || locked.processed) return;
      if (handler) await handler(tx, event.payload, deps, { id: event.id, externalId: event.externalId });
      await tx
        .update(webhookEvents)
        .set({ processed: true, processedAt: deps.clock.now(), error: outcome })
        .where(eq(webhookEvents.id, eventId));
    });
  } catch (error) {
    await deps.db
      .update(webhookEvents)
      .set({
        error: (error as Error).message.slice(0, 1000),
        retryCount: sql`${webhookEvents.retryCount} + 1`,
      })
      .where(eq(webhookEvents.id, eventId));
    throw error;
  }
}

/** Staff replay: the event is marked unprocessed and queued again. Consumers are idempotent. */
export async function replayWebhookEvent(deps: Pick<AppDeps, 'db' | 'queue'>, eventId: string) {
  return deps.db.transaction(async (tx) => {
    const [event] = await tx
      .update(webhookEvents)
      .set({ processed: false, processedAt: null, error: null })
      .where(eq(webhookEvents.id, eventId))
      .returning();
    if (!event) return null;
    await deps.queue.send(processWebhookJobName, { eventId }, { tx });
    return event;
  });
}

export async function listWebhookEvents(
  db: Database,
  filter: {
    source?: string;
    state?: 'pending' | 'failed' | 'processed';
    cursor?: { createdAt: Date; id: string };
    limit: number;
  },
) {
  const conditions = [
    filter.source ? eq(webhookEvents.source, filter.source) : undefined,
    filter.state === 'processed' ? eq(webhookEvents.processed, true) : undefined,
    filter.state === 'pending'
      ? and(eq(webhookEvents.processed, false), isNull(webhookEvents.error))
      : undefined,
    filter.state === 'failed'
      ? and(eq(webhookEvents.processed, false), isNotNull(webhookEvents.error))
      : undefined,
    olderThan(filter.cursor, webhookEvents.receivedAt, webhookEvents.id),
  ];
  return db
    .select()
    .from(webhookEvents)
    .where(and(...conditions))
    .orderBy(desc(webhookEvents.receivedAt), desc(webhookEvents.id))
    .limit(filter.limit + 1);
}
