import { index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import type { Language, Platform, Tone } from '../../../shared/studio/studio-types.ts';
import { createdAtColumn } from '../../platform/columns.ts';
import { users } from '../auth/auth.table.ts';
import { generations } from '../generations/generations.table.ts';
import { storageObjects } from '../storage/storage.table.ts';
import { workspaces } from '../workspaces/workspaces.table.ts';

export const conversationStatuses = [
  'transcribing',
  'needs_transcript',
  'generating',
  'completed',
  'failed',
] as const;
export type ConversationStatus = (typeof conversationStatuses)[number];

// ChefSocial `conversations`: a voice note (or photo) and what came of it — transcript, language,
// image analysis and the generation made from them.
export const conversations = pgTable(
  'conversations',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
    audioObjectId: text('audio_object_id').references(() => storageObjects.id, { onDelete: 'set null' }),
    imageObjectId: text('image_object_id').references(() => storageObjects.id, { onDelete: 'set null' }),
    durationSeconds: integer('duration_seconds'),
    status: text('status', { enum: conversationStatuses }).notNull(),
    transcript: text('transcript'),
    /** ChefSocial `image_analysis`: the photo described in words, by a vision model or the user. */
    imageAnalysis: text('image_analysis'),
    language: text('language').$type<Language>().notNull().default('en'),
    /** What to generate once the transcript is ready. */
    platforms: jsonb('platforms').$type<Platform[]>().notNull(),
    tone: text('tone').$type<Tone>().notNull(),
    generationId: text('generation_id').references(() => generations.id, { onDelete: 'set null' }),
    error: text('error'),
    createdAt: createdAtColumn(),
    updatedAt: timestamp('updated_at', { withTimezone: true })
      .notNull()
      .$defaultFn(() => new Date()),
  },
  (table) => [index('conversations_workspace_idx').on(table.workspaceId, table.createdAt, table.id)],
);
