import { sql } from 'drizzle-orm';
import { check, index, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAtColumn } from '../../platform/columns.ts';
import { users } from '../auth/auth.table.ts';
import { changelogEntries } from '../changelog/changelog.table.ts';
import { roadmapItems } from '../roadmap/roadmap.table.ts';
import { workspaces } from '../workspaces/workspaces.table.ts';

// SPEC §5 upvotes (GitLog `analytics:upvotes:` and `roadmap:upvotes:`): one row per vote on a published
// changelog entry or a roadmap item. `voterKey` is who voted: `user:<id>` for a signed-in user, else
// `anon:<sha256 of the voter id the page or widget keeps>`; unique per target. `visitorDay` is the
// day's cookieless visitor hash (features/analytics), also unique per target, so clearing the voter
// id does not vote twice the same day. No IP is stored. `email`: "tell me when it ships" (roadmap).
export const upvotes = pgTable(
  'upvotes',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    entryId: text('entry_id').references(() => changelogEntries.id, { onDelete: 'cascade' }),
    itemId: text('item_id').references(() => roadmapItems.id, { onDelete: 'cascade' }),
    voterKey: text('voter_key').notNull(),
    userId: text('user_id').references(() => users.id, { onDelete: 'cascade' }),
    visitorDay: text('visitor_day'),
    email: text('email'),
    createdAt: createdAtColumn(),
  },
  (table) => [
    check('upvotes_one_target', sql`(${table.entryId} is null) <> (${table.itemId} is null)`),
    uniqueIndex('upvotes_entry_voter_idx')
      .on(table.entryId, table.voterKey)
      .where(sql`${table.entryId} is not null`),
    uniqueIndex('upvotes_item_voter_idx')
      .on(table.itemId, table.voterKey)
      .where(sql`${table.itemId} is not null`),
    uniqueIndex('upvotes_entry_visitor_idx')
      .on(table.entryId, table.visitorDay)
      .where(sql`${table.entryId} is not null and ${table.visitorDay} is not null`),
    uniqueIndex('upvotes_item_visitor_idx')
      .on(table.itemId, table.visitorDay)
      .where(sql`${table.itemId} is not null and ${table.visitorDay} is not null`),
    index('upvotes_workspace_idx').on(table.workspaceId),
  ],
);
