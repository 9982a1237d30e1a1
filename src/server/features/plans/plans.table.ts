import { boolean, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { users } from '../auth/auth.table.ts';
import { workspaces } from '../workspaces/workspaces.table.ts';

/** Everything Herald meters. Limits and counters are keyed by these names. */
export const meteredUnits = [
  'generations',
  'entries_published',
  'ai_rewrites',
  'voice_minutes',
  'images',
  'videos',
  'api_calls',
  'seats',
  'connected_repos',
  'storage_bytes',
] as const;
export type MeteredUnit = (typeof meteredUnits)[number];

/** A missing unit or `null` means unlimited. */
export type PlanLimits = Partial<Record<MeteredUnit, number | null>>;
/** Price per unit over the limit, in cents; a unit absent here is a hard limit. */
export type OveragePrices = Partial<Record<MeteredUnit, number>>;

export const billingSources = ['stripe', 'dodo', 'asaas', 'manual'] as const;
export type BillingSource = (typeof billingSources)[number];
export const ctaTypes = ['checkout', 'contact', 'link'] as const;

export const plans = pgTable('plans', {
  id: text('id')
    .primaryKey()
    .$defaultFn(() => crypto.randomUUID()),
  key: text('key').notNull().unique(),
  name: text('name').notNull(),
  description: text('description'),
  priceMonthlyCents: integer('price_monthly_cents').notNull().default(0),
  priceYearlyCents: integer('price_yearly_cents').notNull().default(0),
  currency: text('currency').notNull().default('usd'),
  monthlyCredits: integer('monthly_credits').notNull().default(0),
  limits: jsonb('limits').$type<PlanLimits>().notNull().default({}),
  overagePrices: jsonb('overage_prices').$type<OveragePrices>().notNull().default({}),
  badge: text('badge'),
  isHighlighted: boolean('is_highlighted').notNull().default(false),
  ctaType: text('cta_type', { enum: ctaTypes }).notNull().default('checkout'),
  ctaLabel: text('cta_label'),
  ctaUrl: text('cta_url'),
  sortOrder: integer('sort_order').notNull().default(0),
  isActive: boolean('is_active').notNull().default(true),
  billingSource: text('billing_source', { enum: billingSources }).notNull().default('manual'),
  /** Provider price/product ids that map to this plan, e.g. { "stripe:monthly": "price_…" }. */
  providerPriceIds: jsonb('provider_price_ids').$type<Record<string, string>>().notNull().default({}),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** The feature catalogue (ChefSocial's nine keys and Herald's own). */
export const features = pgTable('features', {
  key: text('key').primaryKey(),
  name: text('name').notNull(),
  description: text('description'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const planFeatures = pgTable(
  'plan_features',
  {
    planId: text('plan_id')
      .notNull()
      .references(() => plans.id, { onDelete: 'cascade' }),
    featureKey: text('feature_key')
      .notNull()
      .references(() => features.key, { onDelete: 'cascade' }),
  },
  (table) => [primaryKey({ columns: [table.planId, table.featureKey] })],
);

/** Per-workspace grant (`enabled = true`) or revoke (`false`) that wins over the plan. */
export const workspaceFeatureOverrides = pgTable(
  'workspace_feature_overrides',
  {
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    featureKey: text('feature_key')
      .notNull()
      .references(() => features.key, { onDelete: 'cascade' }),
    isEnabled: boolean('is_enabled').notNull(),
    createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.workspaceId, table.featureKey] })],
);

/** Which plan a workspace is on. A workspace with no row is on the `free` plan. */
export const workspacePlans = pgTable('workspace_plans', {
  workspaceId: text('workspace_id')
    .primaryKey()
    .references(() => workspaces.id, { onDelete: 'cascade' }),
  planId: text('plan_id')
    .notNull()
    .references(() => plans.id),
  source: text('source', { enum: billingSources }).notNull().default('manual'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
