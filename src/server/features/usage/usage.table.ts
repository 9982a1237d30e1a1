import {
  bigint,
  boolean,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { createdAtColumn } from '../../platform/columns.ts';
import { workspaces } from '../workspaces/workspaces.table.ts';

/** One row per workspace, unit and period; a new period is a new row, which is the reset. */
export const usageCounters = pgTable(
  'usage_counters',
  {
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    unit: text('unit').notNull(),
    periodStart: timestamp('period_start', { withTimezone: true }).notNull(),
    periodEnd: timestamp('period_end', { withTimezone: true }).notNull(),
    used: bigint('used', { mode: 'number' }).notNull().default(0),
    hasWarned80: boolean('has_warned_80').notNull().default(false),
    hasWarned100: boolean('has_warned_100').notNull().default(false),
  },
  (table) => [primaryKey({ columns: [table.workspaceId, table.unit, table.periodStart] })],
);

/** The usage log: each metered event with tokens and estimated cost (RepurposeFlow usage_logs). */
export const usageEvents = pgTable(
  'usage_events',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    unit: text('unit').notNull(),
    quantity: bigint('quantity', { mode: 'number' }).notNull(),
    operationType: text('operation_type'),
    tokensInput: integer('tokens_input'),
    tokensOutput: integer('tokens_output'),
    /** Estimated cost in millionths of a US dollar (integer money). */
    costUsdMicros: bigint('cost_usd_micros', { mode: 'number' }),
    userAgent: text('user_agent'),
    ipAddress: text('ip_address'),
    /** The operation's key: a retry with the same key finds this row and counts nothing again. */
    idempotencyKey: text('idempotency_key'),
    /** Which counter this event went into, so a refund releases that period's counter. */
    periodStart: timestamp('period_start', { withTimezone: true }),
    createdAt: createdAtColumn(),
  },
  (table) => [
    index('usage_events_workspace_idx').on(table.workspaceId, table.createdAt),
    uniqueIndex('usage_events_idempotency_idx').on(table.workspaceId, table.idempotencyKey),
  ],
);
