import { index, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { changelogEntries } from '../changelog/changelog.table.ts';
import { workspaces } from '../workspaces/workspaces.table.ts';

export const widgetPositions = ['bottom-right', 'bottom-left', 'top-right', 'top-left'] as const;
export const widgetSizes = ['small', 'medium', 'large'] as const;

// GitLog widget config. Colors are `#rrggbb`; the server validates them before they reach CSS.
export interface WidgetConfig {
  title: string;
  colors: { primary: string; background: string; text: string };
  position: (typeof widgetPositions)[number];
  size: (typeof widgetSizes)[number];
  showDate: boolean;
  showCategory: boolean;
  showNewBadge: boolean;
}

// One widget per workspace. `id` is the public identifier in the embed snippet; the totals are kept
// here and per entry in `changelog_widget_entry_counters`.
export const changelogWidgets = pgTable('changelog_widgets', {
  id: text('id')
    .primaryKey()
    .$defaultFn(() => crypto.randomUUID()),
  workspaceId: text('workspace_id')
    .notNull()
    .unique()
    .references(() => workspaces.id, { onDelete: 'cascade' }),
  config: jsonb('config').$type<WidgetConfig>().notNull(),
  impressions: integer('impressions').notNull().default(0),
  clicks: integer('clicks').notNull().default(0),
  createdAt: timestamp('created_at', { withTimezone: true })
    .notNull()
    .$defaultFn(() => new Date()),
  updatedAt: timestamp('updated_at', { withTimezone: true })
    .notNull()
    .$defaultFn(() => new Date()),
});

export const changelogWidgetEntryCounters = pgTable(
  'changelog_widget_entry_counters',
  {
    widgetId: text('widget_id')
      .notNull()
      .references(() => changelogWidgets.id, { onDelete: 'cascade' }),
    entryId: text('entry_id')
      .notNull()
      .references(() => changelogEntries.id, { onDelete: 'cascade' }),
    impressions: integer('impressions').notNull().default(0),
    clicks: integer('clicks').notNull().default(0),
  },
  (table) => [
    primaryKey({ columns: [table.widgetId, table.entryId] }),
    index('changelog_widget_entry_counters_entry_idx').on(table.entryId),
  ],
);
