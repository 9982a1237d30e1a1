import { index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { posts } from '../posts/posts.table.ts';
import { workspaces } from '../workspaces/workspaces.table.ts';

export const attemptStatuses = ['started', 'succeeded', 'failed', 'confirmed_existing', 'abandoned'] as const;
export type AttemptStatus = (typeof attemptStatuses)[number];

// Every publish attempt, written (status `started`) BEFORE the platform is called, so after a crash
// the next attempt knows an earlier one may have landed and asks the platform first.
export const publishAttempts = pgTable(
  'publish_attempts',
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
    attemptNumber: integer('attempt_number').notNull(),
    /** The post version this attempt publishes. */
    postVersion: integer('post_version').notNull(),
    /** Sent to platforms that accept one (the webhook's Idempotency-Key header). */
    idempotencyKey: text('idempotency_key').notNull(),
    status: text('status', { enum: attemptStatuses }).notNull().default('started'),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    externalId: text('external_id'),
    externalUrl: text('external_url'),
    errorKind: text('error_kind'),
    errorMessage: text('error_message'),
    httpStatus: integer('http_status'),
  },
  (table) => [
    uniqueIndex('publish_attempts_post_attempt_idx').on(table.postId, table.attemptNumber),
    index('publish_attempts_workspace_idx').on(table.workspaceId, table.startedAt),
  ],
);
