import { sql } from 'drizzle-orm';
import { index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAtColumn } from '../../platform/columns.ts';
import { changelogEntries } from '../changelog/changelog.table.ts';
import { workspaces } from '../workspaces/workspaces.table.ts';

export const subscriberStatuses = ['pending', 'confirmed', 'unsubscribed'] as const;
export type SubscriberStatus = (typeof subscriberStatuses)[number];
export const subscriberPreferences = ['all', 'major', 'digest'] as const;
export type SubscriberPreference = (typeof subscriberPreferences)[number];
export const subscriberSources = ['page', 'widget', 'import', 'api'] as const;
export type SubscriberSource = (typeof subscriberSources)[number];

// Email subscribers of a workspace's changelog (SPEC §5, GitLog `subscriber:`). The email is stored
// trimmed and lower-cased, unique per workspace. The confirmation token is stored only as its SHA-256
// hash. `confirmedVia` says where the confirmation came from: the page's button and the class of the
// browser (`page:desktop`, `page:mobile`, …) — never an IP address.
export const subscribers = pgTable(
  'subscribers',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    status: text('status', { enum: subscriberStatuses }).notNull().default('pending'),
    preference: text('preference', { enum: subscriberPreferences }).notNull().default('all'),
    source: text('source', { enum: subscriberSources }).notNull(),
    confirmTokenHash: text('confirm_token_hash'),
    confirmTokenExpiresAt: timestamp('confirm_token_expires_at', { withTimezone: true }),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
    confirmedVia: text('confirmed_via'),
    unsubscribedAt: timestamp('unsubscribed_at', { withTimezone: true }),
    /** Digest bookkeeping: when the last digest mail went out to this subscriber. */
    lastDigestAt: timestamp('last_digest_at', { withTimezone: true }),
    createdAt: createdAtColumn(),
    updatedAt: timestamp('updated_at', { withTimezone: true })
      .notNull()
      .$defaultFn(() => new Date()),
  },
  (table) => [
    uniqueIndex('subscribers_workspace_email_idx').on(table.workspaceId, table.email),
    index('subscribers_workspace_created_idx').on(table.workspaceId, table.createdAt, table.id),
    uniqueIndex('subscribers_confirm_token_idx')
      .on(table.confirmTokenHash)
      .where(sql`${table.confirmTokenHash} is not null`),
  ],
);

// One row per confirmation mail sent, for the hourly limits. Both keys are keyed HMACs (the address
// normalized; the client IP): neither an address nor an IP is kept here. Rows older than a day are purged.
export const subscriberConfirmationSends = pgTable(
  'subscriber_confirmation_sends',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    emailKey: text('email_key').notNull(),
    ipKey: text('ip_key'),
    createdAt: createdAtColumn(),
  },
  (table) => [
    index('subscriber_confirmation_sends_email_idx').on(table.emailKey, table.createdAt),
    index('subscriber_confirmation_sends_ip_idx').on(table.ipKey, table.createdAt),
  ],
);

export const deliveryKinds = ['entry', 'digest'] as const;
export type DeliveryKind = (typeof deliveryKinds)[number];
export const deliveryStatuses = ['queued', 'sent', 'failed', 'skipped'] as const;
export type DeliveryStatus = (typeof deliveryStatuses)[number];

// What was (or is to be) mailed to whom: one row per subscriber × entry × kind, unique, so an entry
// reaches a subscriber at most once however often it is republished. `entry` rows are sent right
// after publishing; `digest` rows wait for the digest job, which sends one mail per subscriber for all
// of that subscriber's queued digest rows. A sender claims rows with a lease (`claimToken`,
// `claimedUntil`) and marks each one `sent` right after the SMTP server accepted it.
export const subscriberDeliveries = pgTable(
  'subscriber_deliveries',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    subscriberId: text('subscriber_id')
      .notNull()
      .references(() => subscribers.id, { onDelete: 'cascade' }),
    entryId: text('entry_id')
      .notNull()
      .references(() => changelogEntries.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: deliveryKinds }).notNull(),
    status: text('status', { enum: deliveryStatuses }).notNull().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    claimToken: text('claim_token'),
    claimedUntil: timestamp('claimed_until', { withTimezone: true }),
    createdAt: createdAtColumn(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (table) => [
    uniqueIndex('subscriber_deliveries_unique_idx').on(table.subscriberId, table.entryId, table.kind),
    index('subscriber_deliveries_queued_idx').on(table.kind, table.id).where(sql`${table.status} = 'queued'`),
    index('subscriber_deliveries_entry_idx').on(table.entryId, table.status),
  ],
);
