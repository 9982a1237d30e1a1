import { index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import type {
  Analysis,
  Language,
  Platform,
  PlatformOutputs,
  Tone,
  ViralScore,
} from '../../../shared/studio/studio-types.ts';
import { createdAtColumn } from '../../platform/columns.ts';
import { users } from '../auth/auth.table.ts';
import { workspaces } from '../workspaces/workspaces.table.ts';

export const generationStatuses = ['pending', 'completed', 'failed', 'partial'] as const;
export type GenerationStatus = (typeof generationStatuses)[number];
export const generationSourceTypes = ['text', 'voice_note', 'image', 'changelog_entry'] as const;
export type GenerationSourceType = (typeof generationSourceTypes)[number];

// SPEC §3 generation record (RepurposeFlow `generations`): one row per request, outputs as JSON
// per platform. Only outputs that passed the platform rules are ever written to `outputs` or
// `drafts`.
export const generations = pgTable(
  'generations',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
    /** 'user' or 'api_key', with the key id in createdByApiKey. */
    createdByApiKey: text('created_by_api_key'),
    sourceType: text('source_type', { enum: generationSourceTypes }).notNull().default('text'),
    /** The voice note, image or changelog entry the text came from. */
    sourceId: text('source_id'),
    input: text('input').notNull(),
    /** SHA-256 of normalized input + platforms + tone + engine + language: the cache key. */
    inputHash: text('input_hash').notNull(),
    language: text('language').$type<Language>().notNull(),
    platforms: jsonb('platforms').$type<Platform[]>().notNull(),
    tone: text('tone').$type<Tone>().notNull(),
    engine: text('engine').notNull(),
    model: text('model'),
    status: text('status', { enum: generationStatuses }).notNull().default('pending'),
    analysis: jsonb('analysis').$type<Analysis>(),
    outputs: jsonb('outputs').$type<Partial<PlatformOutputs>>().notNull().default({}),
    viralScores: jsonb('viral_scores').$type<Partial<Record<Platform, ViralScore>>>().notNull().default({}),
    failures: jsonb('failures').$type<Partial<Record<Platform, string>>>().notNull().default({}),
    /** The user's edited versions, kept with the generation until the library turns them into posts. */
    drafts: jsonb('drafts').$type<Partial<PlatformOutputs>>().notNull().default({}),
    error: text('error'),
    tokensInput: integer('tokens_input').notNull().default(0),
    tokensOutput: integer('tokens_output').notNull().default(0),
    costUsdMicros: integer('cost_usd_micros').notNull().default(0),
    creditsCharged: integer('credits_charged').notNull().default(0),
    durationMs: integer('duration_ms'),
    createdAt: createdAtColumn(),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true })
      .notNull()
      .$defaultFn(() => new Date()),
  },
  (table) => [
    index('generations_workspace_created_idx').on(table.workspaceId, table.createdAt, table.id),
    index('generations_workspace_hash_idx').on(table.workspaceId, table.inputHash, table.createdAt),
  ],
);
