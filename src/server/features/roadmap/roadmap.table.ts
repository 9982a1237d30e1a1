import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAtColumn } from '../../platform/columns.ts';
import { changelogEntries } from '../changelog/changelog.table.ts';
import { githubRepositories } from '../github/github.table.ts';
import { workspaces } from '../workspaces/workspaces.table.ts';

export const roadmapStatuses = ['planned', 'in-progress', 'completed'] as const;
export type RoadmapStatus = (typeof roadmapStatuses)[number];

export const roadmapImportStatuses = ['idle', 'running', 'completed', 'failed'] as const;

/**
 * Which GitHub issues of a repository are roadmap items and how their labels read, editable per
 * repository. An issue carrying any of `labels` (case-insensitive) is an item; `planned` and
 * `inProgress` name the labels meaning those statuses; a closed issue is `completed` (and so is one
 * carrying `completed`, when set). `closeOnComplete`: moving an item to completed in Herald also
 * closes the issue.
 */
export interface RoadmapMapping {
  labels: string[];
  planned: string;
  inProgress: string;
  completed: string | null;
  closeOnComplete: boolean;
}

// SPEC §5 roadmap (GitLog `roadmap:`): the roadmap settings of a connected repository.
export const roadmapRepositories = pgTable('roadmap_repositories', {
  repositoryId: text('repository_id')
    .primaryKey()
    .references(() => githubRepositories.id, { onDelete: 'cascade' }),
  workspaceId: text('workspace_id')
    .notNull()
    .references(() => workspaces.id, { onDelete: 'cascade' }),
  enabled: boolean('enabled').notNull().default(false),
  mapping: jsonb('mapping').$type<RoadmapMapping>().notNull(),
  importStatus: text('import_status', { enum: roadmapImportStatuses }).notNull().default('idle'),
  importedCount: integer('imported_count').notNull().default(0),
  importError: text('import_error'),
  createdAt: createdAtColumn(),
  updatedAt: timestamp('updated_at', { withTimezone: true })
    .notNull()
    .$defaultFn(() => new Date()),
});

/** A change Herald made on GitHub whose webhook echo must change nothing: `labeled:<name>`, `closed`. */
export interface RoadmapEcho {
  key: string;
  at: string;
}

// One GitHub issue on the roadmap. (repository, issue number) is unique, so an import pass and a
// delivery for the same issue meet on one row. `tracked` false: the issue lost its roadmap label (the
// row and its votes are kept, hidden, in case it comes back).
export const roadmapItems = pgTable(
  'roadmap_items',
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
    issueNumber: integer('issue_number').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull().default(''),
    url: text('url').notNull().default(''),
    labels: jsonb('labels').$type<string[]>().notNull().default([]),
    issueState: text('issue_state', { enum: ['open', 'closed'] })
      .notNull()
      .default('open'),
    status: text('status', { enum: roadmapStatuses }).notNull().default('planned'),
    tracked: boolean('tracked').notNull().default(true),
    /** The changelog entry of the pull request that closed the issue. */
    entryId: text('entry_id').references(() => changelogEntries.id, { onDelete: 'set null' }),
    closedByPr: integer('closed_by_pr'),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    /** Herald's own pending changes on GitHub (see RoadmapEcho). */
    echoes: jsonb('echoes').$type<RoadmapEcho[]>().notNull().default([]),
    createdAt: createdAtColumn(),
    updatedAt: timestamp('updated_at', { withTimezone: true })
      .notNull()
      .$defaultFn(() => new Date()),
  },
  (table) => [
    uniqueIndex('roadmap_items_repository_issue_idx').on(table.repositoryId, table.issueNumber),
    index('roadmap_items_workspace_idx').on(table.workspaceId, table.status),
    index('roadmap_items_entry_idx').on(table.entryId),
  ],
);

// "Tell me when it ships": one row per item and address, written when the mail is queued, so a voter
// hears about an item once however often its entry is unpublished and published again.
export const roadmapNotifications = pgTable(
  'roadmap_notifications',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    itemId: text('item_id')
      .notNull()
      .references(() => roadmapItems.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    entryId: text('entry_id').references(() => changelogEntries.id, { onDelete: 'set null' }),
    createdAt: createdAtColumn(),
  },
  (table) => [
    uniqueIndex('roadmap_notifications_item_email_idx').on(table.itemId, sql`lower(${table.email})`),
  ],
);
