import { index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { createdAtColumn } from '../../platform/columns.ts';

export const emailStatuses = ['queued', 'sent', 'failed'] as const;

// Outbound mail, queued and sent by a job. Without SMTP this table *is* the dev mailbox; with SMTP
// the body is cleared once sent so links with tokens do not linger.
export const outboundEmails = pgTable(
  'outbound_emails',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    toAddress: text('to_address').notNull(),
    subject: text('subject').notNull(),
    textBody: text('text_body'),
    htmlBody: text('html_body'),
    headers: jsonb('headers').$type<Record<string, string>>().notNull().default({}),
    kind: text('kind').notNull(),
    status: text('status', { enum: emailStatuses }).notNull().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    error: text('error'),
    createdAt: createdAtColumn(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (table) => [index('outbound_emails_created_idx').on(table.createdAt, table.id)],
);
