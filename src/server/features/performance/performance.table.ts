import { bigint, index, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import type { Platform } from '../../../shared/studio/studio-types.ts';
import { createdAtColumn } from '../../platform/columns.ts';
import { posts } from '../posts/posts.table.ts';
import { workspaces } from '../workspaces/workspaces.table.ts';

export const metricSources = ['manual', 'csv', 'adapter'] as const;

// ChefSocial content performance: snapshots of a post's numbers over time (one per post and moment).
export const postMetrics = pgTable(
  'post_metrics',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    postId: text('post_id')
      .notNull()
      .references(() => posts.id, { onDelete: 'cascade' }),
    platform: text('platform').$type<Platform>().notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
    views: bigint('views', { mode: 'number' }).notNull().default(0),
    likes: bigint('likes', { mode: 'number' }).notNull().default(0),
    shares: bigint('shares', { mode: 'number' }).notNull().default(0),
    comments: bigint('comments', { mode: 'number' }).notNull().default(0),
    reach: bigint('reach', { mode: 'number' }).notNull().default(0),
    source: text('source', { enum: metricSources }).notNull(),
    createdAt: createdAtColumn(),
  },
  (table) => [
    uniqueIndex('post_metrics_post_time_idx').on(table.postId, table.recordedAt),
    index('post_metrics_workspace_idx').on(table.workspaceId, table.platform, table.recordedAt),
  ],
);
