import { createRoute, z } from '@hono/zod-openapi';
import { createRouter, idParam, jsonResponse, security, standardErrors } from '../../http/router.ts';
import { timestamp } from '../../http/schemas.ts';
import { decodeCursor, nextCursorOf, pageQuerySchema } from '../../platform/pagination.ts';
import { requireUser } from '../auth/actor.ts';
import {
  listNotifications,
  markAllNotificationsRead,
  markNotificationRead,
} from './notifications.service.ts';
import { notificationTypes } from './notifications.table.ts';

const tags = ['Notifications'];
export const notificationsRouter = createRouter();

const notificationSchema = z
  .object({
    id: z.string(),
    workspaceId: z.string().nullable(),
    type: z.enum(notificationTypes),
    title: z.string(),
    message: z.string(),
    actionUrl: z.string().nullable(),
    readAt: timestamp().nullable(),
    createdAt: timestamp(),
  })
  .openapi('Notification');

notificationsRouter.openapi(
  createRoute({
    method: 'get',
    path: '/notifications',
    tags,
    security,
    summary: 'Your notifications, newest first, with the unread count',
    request: { query: pageQuerySchema.extend({ unread: z.enum(['true', 'false']).optional() }) },
    responses: {
      200: jsonResponse(
        z.object({
          items: z.array(notificationSchema),
          unreadCount: z.number(),
          nextCursor: z.string().nullable(),
        }),
        'Notifications',
      ),
      ...standardErrors,
    },
  }),
  async (c) => {
    const user = requireUser(c);
    const { cursor, limit, unread } = c.req.valid('query');
    const { rows, unreadCount } = await listNotifications(c.get('deps').db, user.userId, {
      cursor: decodeCursor(cursor),
      limit,
      unreadOnly: unread === 'true',
    });
    const items = rows.slice(0, limit).map((n) => ({
      id: n.id,
      workspaceId: n.workspaceId,
      type: n.type,
      title: n.title,
      message: n.message,
      actionUrl: n.actionUrl,
      readAt: n.readAt?.toISOString() ?? null,
      createdAt: n.createdAt.toISOString(),
    }));
    return c.json({ items, unreadCount, nextCursor: nextCursorOf(rows, limit) }, 200);
  },
);

notificationsRouter.openapi(
  createRoute({
    method: 'post',
    path: '/notifications/{notificationId}/read',
    tags,
    security,
    summary: 'Mark one notification read',
    request: { params: z.object({ notificationId: idParam('notificationId') }) },
    responses: { 204: { description: 'Marked read' }, ...standardErrors },
  }),
  async (c) => {
    const user = requireUser(c);
    const deps = c.get('deps');
    await markNotificationRead(deps.db, user.userId, c.req.valid('param').notificationId, deps.clock.now());
    return c.body(null, 204);
  },
);

notificationsRouter.openapi(
  createRoute({
    method: 'post',
    path: '/notifications/read-all',
    tags,
    security,
    summary: 'Mark every notification read',
    responses: { 204: { description: 'Marked read' }, ...standardErrors },
  }),
  async (c) => {
    const user = requireUser(c);
    const deps = c.get('deps');
    await markAllNotificationsRead(deps.db, user.userId, deps.clock.now());
    return c.body(null, 204);
  },
);
