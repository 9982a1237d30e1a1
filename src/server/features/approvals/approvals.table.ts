import { index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { createdAtColumn } from '../../platform/columns.ts';
import { users } from '../auth/auth.table.ts';
import { posts } from '../posts/posts.table.ts';
import { workspaces } from '../workspaces/workspaces.table.ts';

// A shareable review link for one post or a batch; only a SHA-256 of its token is stored.
export const approvalLinks = pgTable(
  'approval_links',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull().unique(),
    postIds: jsonb('post_ids').$type<string[]>().notNull(),
    note: text('note'),
    createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    createdAt: createdAtColumn(),
  },
  (table) => [index('approval_links_workspace_idx').on(table.workspaceId)],
);

export const approvalEventKinds = ['approved', 'changes_requested', 'comment'] as const;
export type ApprovalEventKind = (typeof approvalEventKinds)[number];

// What outside reviewers said, per post.
export const approvalEvents = pgTable(
  'approval_events',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    linkId: text('link_id')
      .notNull()
      .references(() => approvalLinks.id, { onDelete: 'cascade' }),
    postId: text('post_id')
      .notNull()
      .references(() => posts.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: approvalEventKinds }).notNull(),
    reviewerName: text('reviewer_name').notNull(),
    message: text('message'),
    createdAt: createdAtColumn(),
  },
  (table) => [index('approval_events_post_idx').on(table.postId, table.createdAt)],
);
