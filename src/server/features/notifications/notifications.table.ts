import { index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { createdAtColumn } from '../../platform/columns.ts';
import { users } from '../auth/auth.table.ts';
import { workspaces } from '../workspaces/workspaces.table.ts';

export const notificationTypes = ['usage_warning', 'billing', 'feature', 'system'] as const;
export type NotificationType = (typeof notificationTypes)[number];

export const notifications = pgTable(
  'notifications',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    workspaceId: text('workspace_id').references(() => workspaces.id, { onDelete: 'cascade' }),
    type: text('type', { enum: notificationTypes }).notNull(),
    title: text('title').notNull(),
    message: text('message').notNull(),
    actionUrl: text('action_url'),
    readAt: timestamp('read_at', { withTimezone: true }),
    createdAt: createdAtColumn(),
  },
  (table) => [index('notifications_user_idx').on(table.userId, table.createdAt, table.id)],
);
