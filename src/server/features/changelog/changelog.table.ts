import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAtColumn } from '../../platform/columns.ts';
import { users } from '../auth/auth.table.ts';
import { type ChangelogCategory, changelogCategories, githubRepositories } from '../github/github.table.ts';
import { workspaces } from '../workspaces/workspaces.table.ts';

export const entryStatuses = ['draft', 'scheduled', 'published'] as const;
export type EntryStatus = (typeof entryStatuses)[number];

// SPEC §5 entries (GitLog `entries`). One entry may group several pull requests
// (`changelog_entry_prs`). `body` is Markdown; it is rendered through the sanitizer on every public
// surface. `version` increases on every edit, schedule and unpublish, so a scheduled publish job
// started for an older version does nothing.
export const changelogEntries = pgTable(
  'changelog_entries',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    /** The repository the entry came from; null for an entry written by hand. */
    repositoryId: text('repository_id').references(() => githubRepositories.id, { onDelete: 'set null' }),
    title: text('title').notNull(),
    body: text('body').notNull().default(''),
    category: text('category', { enum: changelogCategories }).$type<ChangelogCategory>().notNull(),
    status: text('status', { enum: entryStatuses }).notNull().default('draft'),
    /** Unique in the workspace: the public entry page's path. */
    slug: text('slug').notNull(),
    /** A major release (subscribers who want only those hear about it). */
    major: boolean('major').notNull().default(false),
    /** Set once a person edits title, body or category: a later PR edit no longer overwrites them. */
    editedByUser: boolean('edited_by_user').notNull().default(false),
    aiRewrittenAt: timestamp('ai_rewritten_at', { withTimezone: true }),
    scheduledAt: timestamp('scheduled_at', { withTimezone: true }),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
    createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAtColumn(),
    updatedAt: timestamp('updated_at', { withTimezone: true })
      .notNull()
      .$defaultFn(() => new Date()),
  },
  (table) => [
    uniqueIndex('changelog_entries_workspace_slug_idx').on(table.workspaceId, table.slug),
    index('changelog_entries_workspace_created_idx').on(table.workspaceId, table.createdAt, table.id),
    index('changelog_entries_public_idx')
      .on(table.workspaceId, table.publishedAt)
      .where(sql`${table.status} = 'published'`),
  ],
);

// The pull requests behind entries. (repository, number) is unique: a PR makes at most one row, so
// a redelivered or backfilled PR never makes a second draft. A skipped PR keeps its row (entry null,
// `skipped` true) so a redelivery stays skipped.
export const changelogEntryPullRequests = pgTable(
  'changelog_entry_prs',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    repositoryId: text('repository_id')
      .notNull()
      .references(() => githubRepositories.id, { onDelete: 'cascade' }),
    entryId: text('entry_id').references(() => changelogEntries.id, { onDelete: 'set null' }),
    number: integer('number').notNull(),
    url: text('url').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull().default(''),
    authorLogin: text('author_login'),
    authorUrl: text('author_url'),
    labels: jsonb('labels').$type<string[]>().notNull().default([]),
    category: text('category', { enum: changelogCategories }).$type<ChangelogCategory>().notNull(),
    breaking: boolean('breaking').notNull().default(false),
    skipped: boolean('skipped').notNull().default(false),
    mergedAt: timestamp('merged_at', { withTimezone: true }).notNull(),
    /** The PR's own `updated_at` on GitHub: a delivery older than what is stored changes nothing. */
    githubUpdatedAt: timestamp('github_updated_at', { withTimezone: true }),
    createdAt: createdAtColumn(),
    updatedAt: timestamp('updated_at', { withTimezone: true })
      .notNull()
      .$defaultFn(() => new Date()),
  },
  (table) => [
    uniqueIndex('changelog_entry_prs_repository_number_idx').on(table.repositoryId, table.number),
    index('changelog_entry_prs_entry_idx').on(table.entryId),
  ],
);
