import { index, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { createdAtColumn } from '../../platform/columns.ts';

export const actorTypes = ['user', 'staff', 'api_key', 'system'] as const;
export type ActorType = (typeof actorTypes)[number];

// Append-only: nothing updates or deletes these rows except the retention job. No foreign keys so the
// trail survives the deletion of what it describes.
export const auditLogs = pgTable(
  'audit_logs',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    workspaceId: text('workspace_id'),
    actorType: text('actor_type', { enum: actorTypes }).notNull(),
    actorId: text('actor_id'),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id'),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
    ipAddress: text('ip_address'),
    userAgent: text('user_agent'),
    createdAt: createdAtColumn(),
  },
  (table) => [
    index('audit_logs_workspace_idx').on(table.workspaceId, table.createdAt, table.id),
    index('audit_logs_created_idx').on(table.createdAt, table.id),
  ],
);
