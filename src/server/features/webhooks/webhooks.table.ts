import { boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

// Every inbound webhook is stored here first; (source, external_id) is unique so a redelivery is a no-op.
export const webhookEvents = pgTable(
  'webhook_events',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    source: text('source').notNull(),
    eventType: text('event_type').notNull(),
    externalId: text('external_id').notNull(),
    payload: jsonb('payload').$type<unknown>().notNull(),
    processed: boolean('processed').notNull().default(false),
    processedAt: timestamp('processed_at', { withTimezone: true }),
    error: text('error'),
    retryCount: integer('retry_count').notNull().default(0),
    receivedAt: timestamp('received_at', { withTimezone: true })
      .notNull()
      .defaultNow()
      .$defaultFn(() => new Date()),
  },
  (table) => [
    uniqueIndex('webhook_events_source_external_idx').on(table.source, table.externalId),
    index('webhook_events_received_idx').on(table.receivedAt, table.id),
  ],
);
