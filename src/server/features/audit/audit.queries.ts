import { and, desc, eq, type SQL } from 'drizzle-orm';
import type { Database } from '../../platform/db.ts';
import { type Cursor, olderThan } from '../../platform/pagination.ts';
import { auditLogs } from './audit.table.ts';

export async function listAuditLogs(
  db: Database,
  filter: { workspaceId?: string; cursor?: Cursor; limit: number },
) {
  const conditions: SQL[] = [];
  if (filter.workspaceId) conditions.push(eq(auditLogs.workspaceId, filter.workspaceId));
  const after = olderThan(filter.cursor, auditLogs.createdAt, auditLogs.id);
  if (after) conditions.push(after);
  return db
    .select()
    .from(auditLogs)
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(desc(auditLogs.createdAt), desc(auditLogs.id))
    .limit(filter.limit + 1);
}
