import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAtColumn } from '../../platform/columns.ts';
import { users } from '../auth/auth.table.ts';
import { workspaces } from '../workspaces/workspaces.table.ts';

export const changelogCategories = ['New', 'Fixed', 'Improved', 'Other'] as const;
export type ChangelogCategory = (typeof changelogCategories)[number];

export const repositoryAuthTypes = ['token', 'app'] as const;
export type RepositoryAuthType = (typeof repositoryAuthTypes)[number];

export const backfillStatuses = ['idle', 'running', 'completed', 'failed'] as const;
export type BackfillStatus = (typeof backfillStatuses)[number];

/**
 * How a pull request's category is chosen, editable per repository. Labels are looked at first
 * (case-insensitive), then the title's conventional-commit type (`feat(api)!:` → `feat`).
 * A PR carrying any skip label is ignored.
 */
export interface CategoryMapping {
  labels: Record<string, ChangelogCategory>;
  prefixes: Record<string, ChangelogCategory>;
  skipLabels: string[];
}

// SPEC §5 repositories (GitLog `repositories` + `github_tokens`). The token (a personal access
// token) and the webhook secret are AES-256-GCM encrypted with ENCRYPTION_KEY; a GitHub App
// connection keeps only its installation id (tokens are minted per call).
export const githubRepositories = pgTable(
  'github_repositories',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    /** `owner/name` as GitHub spells it. */
    fullName: text('full_name').notNull(),
    /** GitHub's numeric repository id, once read. */
    githubId: text('github_id'),
    /** Lower-case `name`, unique in the workspace: the per-repository public changelog's path. */
    slug: text('slug').notNull(),
    authType: text('auth_type', { enum: repositoryAuthTypes }).notNull(),
    tokenEncrypted: text('token_encrypted'),
    installationId: text('installation_id'),
    webhookSecretEncrypted: text('webhook_secret_encrypted').notNull(),
    categoryMapping: jsonb('category_mapping').$type<CategoryMapping>().notNull(),
    lastDeliveryAt: timestamp('last_delivery_at', { withTimezone: true }),
    lastDeliveryEvent: text('last_delivery_event'),
    lastDeliveryError: text('last_delivery_error'),
    backfillStatus: text('backfill_status', { enum: backfillStatuses }).notNull().default('idle'),
    /** What was asked: `{ count }` or `{ since, until }` (ISO dates). */
    backfillRequest: jsonb('backfill_request').$type<{ count?: number; since?: string; until?: string }>(),
    backfillImported: integer('backfill_imported').notNull().default(0),
    backfillError: text('backfill_error'),
    backfillFinishedAt: timestamp('backfill_finished_at', { withTimezone: true }),
    createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAtColumn(),
    updatedAt: timestamp('updated_at', { withTimezone: true })
      .notNull()
      .$defaultFn(() => new Date()),
  },
  (table) => [
    uniqueIndex('github_repositories_workspace_name_idx').on(
      table.workspaceId,
      sql`lower(${table.fullName})`,
    ),
    uniqueIndex('github_repositories_workspace_slug_idx').on(table.workspaceId, table.slug),
    index('github_repositories_workspace_created_idx').on(table.workspaceId, table.createdAt, table.id),
  ],
);
