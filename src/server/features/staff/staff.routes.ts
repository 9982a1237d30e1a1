import { createRoute, z } from '@hono/zod-openapi';
import {
  auditContextOf,
  createRouter,
  idParam,
  jsonBody,
  jsonResponse,
  security,
  standardErrors,
} from '../../http/router.ts';
import { timestamp } from '../../http/schemas.ts';
import { decodeCursor, nextCursorOf, pageQuerySchema } from '../../platform/pagination.ts';
import { listAuditLogs } from '../audit/audit.queries.ts';
import { auditLogPageSchema, presentAuditLog } from '../audit/audit.schemas.ts';
import { userStatuses } from '../auth/auth.table.ts';
import { presentStaffUser, requireStaff, searchUsers, setUserSuspended } from './staff.service.ts';

const tags = ['Staff'];
export const staffRouter = createRouter();

const staffUserSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    email: z.string(),
    status: z.enum(userStatuses),
    emailVerified: z.boolean(),
    createdAt: timestamp(),
    lastLoginAt: timestamp().nullable(),
  })
  .openapi('StaffUserView');

const userParams = z.object({ userId: idParam('userId') });

staffRouter.openapi(
  createRoute({
    method: 'get',
    path: '/staff/users',
    tags,
    security,
    summary: 'Search users by email or name (staff)',
    request: { query: pageQuerySchema.extend({ q: z.string().trim().max(200).optional() }) },
    responses: {
      200: jsonResponse(
        z.object({ items: z.array(staffUserSchema), nextCursor: z.string().nullable() }),
        'Users',
      ),
      ...standardErrors,
    },
  }),
  async (c) => {
    const { db } = c.get('deps');
    await requireStaff(db, c.get('actor'), 'users.read');
    const { q, cursor, limit } = c.req.valid('query');
    const rows = await searchUsers(db, { q, cursor: decodeCursor(cursor), limit });
    return c.json(
      { items: rows.slice(0, limit).map(presentStaffUser), nextCursor: nextCursorOf(rows, limit) },
      200,
    );
  },
);

staffRouter.openapi(
  createRoute({
    method: 'post',
    path: '/staff/users/{userId}/suspend',
    tags,
    security,
    summary: 'Suspend a user: signed out everywhere and unable to sign in (staff admin)',
    request: {
      params: userParams,
      body: jsonBody(z.object({ reason: z.string().trim().min(1).max(500) }).strict()),
    },
    responses: { 200: jsonResponse(z.object({ user: staffUserSchema }), 'Suspended'), ...standardErrors },
  }),
  async (c) => {
    const { db } = c.get('deps');
    await requireStaff(db, c.get('actor'), 'users.suspend');
    const { userId } = c.req.valid('param');
    const user = await setUserSuspended(
      db,
      auditContextOf(c, { asStaff: true }),
      userId,
      true,
      c.req.valid('json').reason,
    );
    return c.json({ user }, 200);
  },
);

staffRouter.openapi(
  createRoute({
    method: 'post',
    path: '/staff/users/{userId}/reactivate',
    tags,
    security,
    summary: 'Lift a suspension (staff admin)',
    request: { params: userParams },
    responses: { 200: jsonResponse(z.object({ user: staffUserSchema }), 'Reactivated'), ...standardErrors },
  }),
  async (c) => {
    const { db } = c.get('deps');
    await requireStaff(db, c.get('actor'), 'users.suspend');
    const user = await setUserSuspended(
      db,
      auditContextOf(c, { asStaff: true }),
      c.req.valid('param').userId,
      false,
    );
    return c.json({ user }, 200);
  },
);

staffRouter.openapi(
  createRoute({
    method: 'get',
    path: '/staff/audit-logs',
    tags,
    security,
    summary: 'The whole audit log, newest first (staff)',
    request: { query: pageQuerySchema },
    responses: { 200: jsonResponse(auditLogPageSchema, 'One page of entries'), ...standardErrors },
  }),
  async (c) => {
    const { db } = c.get('deps');
    await requireStaff(db, c.get('actor'), 'audit.read');
    const { cursor, limit } = c.req.valid('query');
    const rows = await listAuditLogs(db, { cursor: decodeCursor(cursor), limit });
    return c.json(
      { items: rows.slice(0, limit).map(presentAuditLog), nextCursor: nextCursorOf(rows, limit) },
      200,
    );
  },
);
