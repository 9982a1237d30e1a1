import { sql } from 'drizzle-orm';
import { boolean, index, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { users } from '../auth/auth.table.ts';

export const workspaceRoles = ['owner', 'admin', 'member', 'viewer'] as const;
export type WorkspaceRole = (typeof workspaceRoles)[number];

export const workspaces = pgTable('workspaces', {
  id: text('id')
    .primaryKey()
    .$defaultFn(() => crypto.randomUUID()),
  name: text('name').notNull(),
  slug: text('slug').notNull().unique(),
  isPersonal: boolean('is_personal').notNull().default(false),
  timezone: text('timezone').notNull().default('UTC'),
  externalId: text('external_id').unique(),
  createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const workspaceMembers = pgTable(
  'workspace_members',
  {
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role', { enum: workspaceRoles }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ columns: [table.workspaceId, table.userId] }),
    index('workspace_members_user_idx').on(table.userId),
  ],
);

export const invitationStatuses = ['pending', 'accepted', 'revoked'] as const;

export const workspaceInvitations = pgTable(
  'workspace_invitations',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    role: text('role', { enum: workspaceRoles }).notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    status: text('status', { enum: invitationStatuses }).notNull().default('pending'),
    invitedBy: text('invited_by').references(() => users.id, { onDelete: 'set null' }),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    acceptedBy: text('accepted_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('workspace_invitations_workspace_idx').on(table.workspaceId),
    // One live invitation per address per workspace; re-inviting replaces it.
    uniqueIndex('workspace_invitations_pending_email_idx')
      .on(table.workspaceId, table.email)
      .where(sql`status = 'pending'`),
  ],
);

// SPEC §3 brand profile (ChefSocial's brand columns), one per workspace.
export const brandProfiles = pgTable('brand_profiles', {
  workspaceId: text('workspace_id')
    .primaryKey()
    .references(() => workspaces.id, { onDelete: 'cascade' }),
  brandName: text('brand_name'),
  primaryColor: text('primary_color'),
  secondaryColor: text('secondary_color'),
  fonts: text('fonts'),
  specialties: text('specialties'),
  ambiance: text('ambiance'),
  targetAudience: text('target_audience'),
  uniqueSellingPoints: text('unique_selling_points'),
  personality: text('personality'),
  tone: text('tone'),
  keyMessages: text('key_messages'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
