import { z } from '@hono/zod-openapi';
import { timestamp } from '../../http/schemas.ts';
import { actorTypes, type auditLogs } from './audit.table.ts';

export const auditLogSchema = z
  .object({
    id: z.string(),
    workspaceId: z.string().nullable(),
    actorType: z.enum(actorTypes),
    actorId: z.string().nullable(),
    action: z.string(),
    entityType: z.string(),
    entityId: z.string().nullable(),
    details: z.record(z.string(), z.unknown()),
    ipAddress: z.string().nullable(),
    userAgent: z.string().nullable(),
    createdAt: timestamp(),
  })
  .openapi('AuditLogEntry');

export const auditLogPageSchema = z.object({
  items: z.array(auditLogSchema),
  nextCursor: z.string().nullable(),
});

export function presentAuditLog(row: typeof auditLogs.$inferSelect) {
  return { ...row, createdAt: row.createdAt.toISOString() };
}
