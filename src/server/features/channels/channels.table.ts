import { index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { createdAtColumn } from '../../platform/columns.ts';
import { users } from '../auth/auth.table.ts';
import { workspaces } from '../workspaces/workspaces.table.ts';

export const channelKinds = ['x', 'linkedin', 'webhook'] as const;
export type ChannelKind = (typeof channelKinds)[number];
export const channelStatuses = ['active', 'needs_reauth', 'disabled'] as const;
export type ChannelStatus = (typeof channelStatuses)[number];

// A connected publishing destination. Tokens and webhook secrets are AES-256-GCM encrypted
// (platform/crypto encryptSecret) and never returned.
export const channels = pgTable(
  'channels',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: channelKinds }).notNull(),
    name: text('name').notNull(),
    status: text('status', { enum: channelStatuses }).notNull().default('active'),
    /** X user id, LinkedIn member id, or null for a webhook. */
    externalAccountId: text('external_account_id'),
    externalAccountName: text('external_account_name'),
    /** LinkedIn author: urn:li:person:… (member) or urn:li:organization:…. */
    authorUrn: text('author_urn'),
    accessTokenEncrypted: text('access_token_encrypted'),
    refreshTokenEncrypted: text('refresh_token_encrypted'),
    tokenExpiresAt: timestamp('token_expires_at', { withTimezone: true }),
    scopes: text('scopes'),
    webhookUrl: text('webhook_url'),
    webhookSecretEncrypted: text('webhook_secret_encrypted'),
    lastError: text('last_error'),
    createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAtColumn(),
    updatedAt: timestamp('updated_at', { withTimezone: true })
      .notNull()
      .$defaultFn(() => new Date()),
  },
  (table) => [index('channels_workspace_idx').on(table.workspaceId)],
);

// OAuth 2 authorization-code + PKCE in flight: the state parameter maps back to the workspace and the
// verifier (encrypted), and expires after a few minutes.
export const oauthStates = pgTable('oauth_states', {
  state: text('state').primaryKey(),
  workspaceId: text('workspace_id')
    .notNull()
    .references(() => workspaces.id, { onDelete: 'cascade' }),
  userId: text('user_id').references(() => users.id, { onDelete: 'cascade' }),
  kind: text('kind', { enum: channelKinds }).notNull(),
  codeVerifierEncrypted: text('code_verifier_encrypted').notNull(),
  /** For LinkedIn: connect as the member or one of their organizations. */
  options: text('options'),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  createdAt: createdAtColumn(),
});
