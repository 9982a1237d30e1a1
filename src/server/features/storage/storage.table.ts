import { bigint, index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { createdAtColumn } from '../../platform/columns.ts';
import { users } from '../auth/auth.table.ts';
import { workspaces } from '../workspaces/workspaces.table.ts';

// Pedro AI `storage_objects`: every uploaded file (voice notes, photos, later post media). The bytes
// live in the storage driver (local disk by default) under `key`; the row is the index and the owner.
export const storageObjects = pgTable(
  'storage_objects',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    uploadedBy: text('uploaded_by').references(() => users.id, { onDelete: 'set null' }),
    /** 'voice_note' | 'image' | 'media' … what the file was uploaded for. */
    purpose: text('purpose').notNull(),
    driver: text('driver').notNull().default('local'),
    key: text('key').notNull().unique(),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    sizeBytes: bigint('size_bytes', { mode: 'number' }).notNull(),
    sha256: text('sha256').notNull(),
    createdAt: createdAtColumn(),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
  },
  (table) => [index('storage_objects_workspace_idx').on(table.workspaceId, table.createdAt)],
);
