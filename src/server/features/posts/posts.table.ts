import { boolean, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import type { Platform, PlatformOutput } from '../../../shared/studio/studio-types.ts';
import { createdAtColumn } from '../../platform/columns.ts';
import { users } from '../auth/auth.table.ts';
import { channels } from '../channels/channels.table.ts';
import { workspaces } from '../workspaces/workspaces.table.ts';

export const postStatuses = ['draft', 'scheduled', 'published', 'failed'] as const;
export type PostStatus = (typeof postStatuses)[number];
export const postOrigins = ['manual', 'generation', 'changelog_entry', 'import'] as const;
export type PostOrigin = (typeof postOrigins)[number];
export const approvalStates = ['not_required', 'pending', 'approved', 'changes_requested'] as const;
export type ApprovalState = (typeof approvalStates)[number];

// SPEC §4 posts (PostForge posts + ChefSocial content library). `content` is the platform's
// structured output (studio-types.ts) and always passes its platform rules. `version` increases on
// every edit, cancel or reschedule, so a publish attempt that started from an older version is
// detected and a cancel racing the attempt's start has exactly one winner.
export const posts = pgTable(
  'posts',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
    platform: text('platform').$type<Platform>().notNull(),
    channelId: text('channel_id').references(() => channels.id, { onDelete: 'set null' }),
    status: text('status', { enum: postStatuses }).notNull().default('draft'),
    title: text('title'),
    content: jsonb('content').$type<PlatformOutput>().notNull(),
    originType: text('origin_type', { enum: postOrigins }).notNull().default('manual'),
    originId: text('origin_id'),
    mediaObjectIds: jsonb('media_object_ids').$type<string[]>().notNull().default([]),
    tags: jsonb('tags').$type<string[]>().notNull().default([]),
    scheduledAt: timestamp('scheduled_at', { withTimezone: true }),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    externalId: text('external_id'),
    externalUrl: text('external_url'),
    lastError: text('last_error'),
    attemptCount: integer('attempt_count').notNull().default(0),
    needsApproval: boolean('needs_approval').notNull().default(false),
    approvalState: text('approval_state', { enum: approvalStates }).notNull().default('not_required'),
    version: integer('version').notNull().default(1),
    createdAt: createdAtColumn(),
    updatedAt: timestamp('updated_at', { withTimezone: true })
      .notNull()
      .$defaultFn(() => new Date()),
  },
  (table) => [
    index('posts_workspace_created_idx').on(table.workspaceId, table.createdAt, table.id),
    index('posts_workspace_scheduled_idx').on(table.workspaceId, table.scheduledAt),
    index('posts_due_idx').on(table.status, table.scheduledAt),
  ],
);
