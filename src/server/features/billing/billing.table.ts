import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { createdAtColumn } from '../../platform/columns.ts';
import { plans } from '../plans/plans.table.ts';
import { workspaces } from '../workspaces/workspaces.table.ts';

export const paymentProviders = ['stripe', 'dodo', 'asaas'] as const;
export type PaymentProvider = (typeof paymentProviders)[number];
export const subscriptionStatuses = ['active', 'canceled', 'past_due', 'trialing', 'incomplete'] as const;
export type SubscriptionStatus = (typeof subscriptionStatuses)[number];

/** A workspace's customer record at each provider. */
export const billingCustomers = pgTable(
  'billing_customers',
  {
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    provider: text('provider', { enum: paymentProviders }).notNull(),
    customerId: text('customer_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ columns: [table.workspaceId, table.provider] }),
    uniqueIndex('billing_customers_provider_idx').on(table.provider, table.customerId),
  ],
);

export const subscriptions = pgTable(
  'subscriptions',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    provider: text('provider', { enum: paymentProviders }).notNull(),
    providerSubscriptionId: text('provider_subscription_id').notNull(),
    providerCustomerId: text('provider_customer_id'),
    planId: text('plan_id').references(() => plans.id),
    status: text('status', { enum: subscriptionStatuses }).notNull(),
    interval: text('interval', { enum: ['month', 'year'] })
      .notNull()
      .default('month'),
    amountCents: integer('amount_cents').notNull().default(0),
    currency: text('currency').notNull().default('usd'),
    currentPeriodStart: timestamp('current_period_start', { withTimezone: true }),
    currentPeriodEnd: timestamp('current_period_end', { withTimezone: true }),
    cancelAtPeriodEnd: boolean('cancel_at_period_end').notNull().default(false),
    trialEndsAt: timestamp('trial_ends_at', { withTimezone: true }),
    canceledAt: timestamp('canceled_at', { withTimezone: true }),
    /** When the provider says the newest applied event happened; older events never roll state back. */
    lastEventAt: timestamp('last_event_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('subscriptions_provider_idx').on(table.provider, table.providerSubscriptionId),
    index('subscriptions_workspace_idx').on(table.workspaceId),
  ],
);

/** Append-only history of everything providers told Herald about subscriptions and payments. */
export const subscriptionEvents = pgTable(
  'subscription_events',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    subscriptionId: text('subscription_id').references(() => subscriptions.id, { onDelete: 'set null' }),
    provider: text('provider').notNull(),
    eventType: text('event_type').notNull(),
    status: text('status'),
    planKey: text('plan_key'),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    /** False when the event was older than the state already applied. */
    wasApplied: boolean('was_applied').notNull(),
    webhookEventId: text('webhook_event_id'),
    metadata: jsonb('metadata').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAtColumn(),
  },
  (table) => [index('subscription_events_workspace_idx').on(table.workspaceId, table.occurredAt)],
);

export const invoiceStatuses = ['draft', 'open', 'paid', 'failed', 'void', 'uncollectible'] as const;

export const invoices = pgTable(
  'invoices',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    provider: text('provider').notNull(),
    providerInvoiceId: text('provider_invoice_id').notNull(),
    subscriptionId: text('subscription_id').references(() => subscriptions.id, { onDelete: 'set null' }),
    status: text('status', { enum: invoiceStatuses }).notNull(),
    amountDueCents: integer('amount_due_cents').notNull(),
    amountPaidCents: integer('amount_paid_cents').notNull().default(0),
    currency: text('currency').notNull(),
    pdfUrl: text('pdf_url'),
    periodStart: timestamp('period_start', { withTimezone: true }),
    periodEnd: timestamp('period_end', { withTimezone: true }),
    paidAt: timestamp('paid_at', { withTimezone: true }),
    lastEventAt: timestamp('last_event_at', { withTimezone: true }).notNull(),
    createdAt: createdAtColumn(),
  },
  (table) => [
    uniqueIndex('invoices_provider_idx').on(table.provider, table.providerInvoiceId),
    index('invoices_workspace_idx').on(table.workspaceId, table.createdAt, table.id),
  ],
);
