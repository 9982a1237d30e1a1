import { jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { users } from '../auth/auth.table.ts';
import { workspaces } from '../workspaces/workspaces.table.ts';

export const aiProviderKinds = ['local', 'openai', 'anthropic', 'openai-compatible'] as const;
export type AiProviderKind = (typeof aiProviderKinds)[number];

// The engine a workspace generates with (SPEC §3 "chosen per workspace in settings"). The API key is
// AES-256-GCM encrypted (platform/crypto encryptSecret) and never returned; `keyHint` shows its last
// four characters so a user can tell which key is set.
export const workspaceAiProviders = pgTable('workspace_ai_providers', {
  workspaceId: text('workspace_id')
    .primaryKey()
    .references(() => workspaces.id, { onDelete: 'cascade' }),
  kind: text('kind', { enum: aiProviderKinds }).notNull().default('local'),
  /** Text model, e.g. gpt-4o-mini, claude-sonnet-4-5, llama3.1. */
  model: text('model'),
  /** For openai-compatible servers (Ollama, vLLM), and to point OpenAI/Anthropic at a proxy. */
  baseUrl: text('base_url'),
  apiKeyEncrypted: text('api_key_encrypted'),
  keyHint: text('key_hint'),
  /** Optional transcription (OpenAI-compatible /audio/transcriptions) and vision models. */
  transcriptionModel: text('transcription_model'),
  visionModel: text('vision_model'),
  settings: jsonb('settings').$type<Record<string, unknown>>().notNull().default({}),
  updatedBy: text('updated_by').references(() => users.id, { onDelete: 'set null' }),
  updatedAt: timestamp('updated_at', { withTimezone: true })
    .notNull()
    .$defaultFn(() => new Date()),
});
