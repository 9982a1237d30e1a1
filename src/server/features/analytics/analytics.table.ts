import { date, index, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { changelogEntries } from '../changelog/changelog.table.ts';
import { workspaces } from '../workspaces/workspaces.table.ts';

// Cookieless analytics (issue 7). No IP address and no user agent is stored: a visitor is the
// HMAC-SHA256 of IP, user agent and site under the day's random salt (`visitor-id.ts`). Days are UTC.

/** One random salt per UTC day. Today's is made on first use; a salt is deleted once its day is more
 * than one day old (the `analytics.purge-salts` job), so it lives at most 48 hours past its day's start. */
export const analyticsSalts = pgTable('analytics_salts', {
  day: date('day', { mode: 'string' }).primaryKey(),
  salt: text('salt').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true })
    .notNull()
    .$defaultFn(() => new Date()),
});

/** Per workspace and day: every page view (entry pages and the index), widget impressions and clicks. */
export const analyticsDaily = pgTable(
  'analytics_daily',
  {
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    day: date('day', { mode: 'string' }).notNull(),
    pageViews: integer('page_views').notNull().default(0),
    widgetImpressions: integer('widget_impressions').notNull().default(0),
    widgetClicks: integer('widget_clicks').notNull().default(0),
  },
  (table) => [primaryKey({ columns: [table.workspaceId, table.day] })],
);

/** Per entry and day: page views of the entry and widget impressions/clicks naming it. */
export const analyticsEntryDaily = pgTable(
  'analytics_entry_daily',
  {
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    day: date('day', { mode: 'string' }).notNull(),
    entryId: text('entry_id')
      .notNull()
      .references(() => changelogEntries.id, { onDelete: 'cascade' }),
    views: integer('views').notNull().default(0),
    widgetImpressions: integer('widget_impressions').notNull().default(0),
    widgetClicks: integer('widget_clicks').notNull().default(0),
  },
  (table) => [
    primaryKey({ columns: [table.workspaceId, table.day, table.entryId] }),
    index('analytics_entry_daily_entry_idx').on(table.entryId),
  ],
);

/** The hashed visitor ids seen per workspace and day (unique visitors = rows). */
export const analyticsVisitors = pgTable(
  'analytics_visitors',
  {
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    day: date('day', { mode: 'string' }).notNull(),
    visitorId: text('visitor_id').notNull(),
  },
  (table) => [primaryKey({ columns: [table.workspaceId, table.day, table.visitorId] })],
);

/** Page views per referring host (host only: no path, no query) per workspace and day. */
export const analyticsReferrers = pgTable(
  'analytics_referrers',
  {
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    day: date('day', { mode: 'string' }).notNull(),
    host: text('host').notNull(),
    views: integer('views').notNull().default(0),
  },
  (table) => [primaryKey({ columns: [table.workspaceId, table.day, table.host] })],
);
