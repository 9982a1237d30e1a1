import { createRoute, z } from '@hono/zod-openapi';
import { createRouter, idParam, jsonResponse, security, standardErrors } from '../../http/router.ts';
import { decodeCursor, nextCursorOf, pageQuerySchema } from '../../platform/pagination.ts';
import { authorizeWorkspace } from '../workspaces/workspace-access.ts';
import { listAuditLogs } from './audit.queries.ts';
import { auditLogPageSchema, presentAuditLog } from './audit.schemas.ts';

export const auditRouter = createRouter();

auditRouter.openapi(
  createRoute({
    method: 'get',
    path: '/workspaces/{workspaceId}/audit-logs',
    tags: ['Audit'],
    security,
    summary: "The workspace's audit log, newest first (admin)",
    request: { params: z.object({ workspaceId: idParam('workspaceId') }), query: pageQuerySchema },
    responses: { 200: jsonResponse(auditLogPageSchema, 'One page of entries'), ...standardErrors },
  }),
  async (c) => {
    const { db } = c.get('deps');
    const granted = await authorizeWorkspace(db, c.get('actor'), c.req.valid('param').workspaceId, 'manage');
    const { cursor, limit } = c.req.valid('query');
    const rows = await listAuditLogs(db, {
      workspaceId: granted.workspaceId,
      cursor: decodeCursor(cursor),
      limit,
    });
    return c.json(
      { items: rows.slice(0, limit).map(presentAuditLog), nextCursor: nextCursorOf(rows, limit) },
      200,
    );
  },
);
