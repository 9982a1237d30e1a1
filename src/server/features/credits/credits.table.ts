import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAtColumn } from '../../platform/columns.ts';
import { actorTypes } from '../audit/audit.table.ts';
import { plans } from '../plans/plans.table.ts';
import { workspaces } from '../workspaces/workspaces.table.ts';

export const creditReasons = [
  'generation',
  'purchase',
  'refund',
  'bonus',
  'grant',
  'expiry',
  'adjustment',
] as const;
export type CreditReason = (typeof creditReasons)[number];

/** The balance; the CHECK makes a negative balance impossible whatever the code does. */
export const creditBalances = pgTable(
  'credit_balances',
  {
    workspaceId: text('workspace_id')
      .primaryKey()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    balance: integer('balance').notNull().default(0),
  },
  (table) => [check('credit_balances_non_negative', sql`${table.balance} >= 0`)],
);

/** Append-only ledger: every change to a balance is one row, and the rows sum to the balance. */
export const creditLedger = pgTable(
  'credit_ledger',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    operationType: text('operation_type').notNull(),
    amount: integer('amount').notNull(),
    balanceAfter: integer('balance_after').notNull(),
    reason: text('reason', { enum: creditReasons }).notNull(),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
    actorType: text('actor_type', { enum: actorTypes }).notNull(),
    actorId: text('actor_id'),
    idempotencyKey: text('idempotency_key').notNull(),
    createdAt: createdAtColumn(),
  },
  (table) => [
    uniqueIndex('credit_ledger_idempotency_idx').on(table.workspaceId, table.idempotencyKey),
    index('credit_ledger_workspace_idx').on(table.workspaceId, table.createdAt, table.id),
  ],
);

/**
 * Credits per operation, set by staff. A row with no plan is the default; a row with a plan
 * overrides it for workspaces on that plan.
 */
export const operationCosts = pgTable(
  'operation_costs',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    operationType: text('operation_type').notNull(),
    planId: text('plan_id').references(() => plans.id, { onDelete: 'cascade' }),
    credits: integer('credits').notNull(),
  },
  (table) => [
    uniqueIndex('operation_costs_default_idx').on(table.operationType).where(sql`plan_id is null`),
    uniqueIndex('operation_costs_plan_idx')
      .on(table.operationType, table.planId)
      .where(sql`plan_id is not null`),
    check('operation_costs_non_negative', sql`${table.credits} >= 0`),
  ],
);
