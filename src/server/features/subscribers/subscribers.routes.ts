// The workspace's subscribers: viewers read (list, delivery log), admins manage (delete, import, and the
// bulk CSV export: every address at once is the admins' call, as the issue says).
import { createRoute, z } from '@hono/zod-openapi';
import {
  auditContextOf,
  createRouter,
  idParam,
  jsonResponse,
  security,
  standardErrors,
} from '../../http/router.ts';
import { timestamp } from '../../http/schemas.ts';
import { decodeCursor, pageQuerySchema } from '../../platform/pagination.ts';
import { authorizeWorkspace } from '../workspaces/workspace-access.ts';
import {
  deleteSubscriber,
  deliveryLog,
  entryDeliverySummary,
  exportSubscribers,
  importSubscribers,
  listSubscribers,
} from './subscribers.service.ts';
import {
  deliveryKinds,
  deliveryStatuses,
  subscriberPreferences,
  subscriberSources,
  subscriberStatuses,
} from './subscribers.table.ts';
import {
  csvBody,
  csvDownloadHeaders,
  csvRequestBody,
  csvResponse,
  importDescription,
  importResultResponse,
} from './subscribers-csv.http.ts';

const tags = ['Subscribers'];
const base = '/workspaces/{workspaceId}/subscribers';
const workspaceParams = z.object({ workspaceId: idParam('workspaceId') });
const subscriberParams = workspaceParams.extend({ subscriberId: idParam('subscriberId') });

const subscriberSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    status: z.enum(subscriberStatuses),
    preference: z.enum(subscriberPreferences),
    source: z.enum(subscriberSources),
    confirmedAt: timestamp().nullable(),
    confirmedVia: z.string().nullable(),
    unsubscribedAt: timestamp().nullable(),
    createdAt: timestamp(),
    updatedAt: timestamp(),
  })
  .openapi('Subscriber');

const deliverySchema = z
  .object({
    id: z.string(),
    entryId: z.string(),
    entryTitle: z.string(),
    kind: z.enum(deliveryKinds),
    status: z.enum(deliveryStatuses),
    attempts: z.number().int(),
    lastError: z.string().nullable(),
    createdAt: timestamp(),
    sentAt: timestamp().nullable(),
  })
  .openapi('SubscriberDelivery');

export const subscribersRouter = createRouter();

subscribersRouter.openapi(
  createRoute({
    method: 'get',
    path: base,
    tags,
    security,
    summary: 'Subscribers, newest first, with search and a status filter',
    request: {
      params: workspaceParams,
      query: pageQuerySchema.extend({
        q: z.string().max(200).optional(),
        status: z.enum(subscriberStatuses).optional(),
      }),
    },
    responses: {
      200: jsonResponse(
        z.object({
          items: z.array(subscriberSchema),
          nextCursor: z.string().nullable(),
          counts: z.object({
            total: z.number().int(),
            confirmed: z.number().int(),
            pending: z.number().int(),
            unsubscribed: z.number().int(),
          }),
        }),
        'Subscribers',
      ),
      ...standardErrors,
    },
  }),
  async (c) => {
    const deps = c.get('deps');
    const granted = await authorizeWorkspace(
      deps.db,
      c.get('actor'),
      c.req.valid('param').workspaceId,
      'read',
    );
    const query = c.req.valid('query');
    return c.json(
      await listSubscribers(deps, granted, {
        q: query.q,
        status: query.status,
        cursor: decodeCursor(query.cursor),
        limit: query.limit,
      }),
      200,
    );
  },
);

subscribersRouter.openapi(
  createRoute({
    method: 'get',
    path: `${base}/export`,
    tags,
    security,
    summary: 'Every subscriber as CSV (imports back; admins)',
    request: { params: workspaceParams },
    responses: { 200: csvResponse, ...standardErrors },
  }),
  async (c) => {
    const deps = c.get('deps');
    const granted = await authorizeWorkspace(
      deps.db,
      c.get('actor'),
      c.req.valid('param').workspaceId,
      'manage',
    );
    return c.body(await exportSubscribers(deps, granted), 200, csvDownloadHeaders);
  },
);

subscribersRouter.openapi(
  createRoute({
    method: 'post',
    path: `${base}/import`,
    tags,
    security,
    summary: 'Import already-confirmed subscribers from CSV (admins)',
    description: importDescription,
    request: { params: workspaceParams, body: csvRequestBody },
    responses: { 201: importResultResponse, ...standardErrors },
  }),
  async (c) => {
    const deps = c.get('deps');
    const granted = await authorizeWorkspace(
      deps.db,
      c.get('actor'),
      c.req.valid('param').workspaceId,
      'manage',
    );
    return c.json(await importSubscribers(deps, auditContextOf(c), granted, await csvBody(c)), 201);
  },
);

subscribersRouter.openapi(
  createRoute({
    method: 'get',
    path: `${base}/deliveries/summary`,
    tags,
    security,
    summary: "An entry's subscriber mail by status",
    request: { params: workspaceParams, query: z.object({ entryId: z.string().min(1).max(100) }) },
    responses: {
      200: jsonResponse(
        z.object({
          queued: z.number().int(),
          sent: z.number().int(),
          failed: z.number().int(),
          skipped: z.number().int(),
        }),
        'Counts',
      ),
      ...standardErrors,
    },
  }),
  async (c) => {
    const deps = c.get('deps');
    const granted = await authorizeWorkspace(
      deps.db,
      c.get('actor'),
      c.req.valid('param').workspaceId,
      'read',
    );
    return c.json(await entryDeliverySummary(deps, granted, c.req.valid('query').entryId), 200);
  },
);

subscribersRouter.openapi(
  createRoute({
    method: 'get',
    path: `${base}/{subscriberId}/deliveries`,
    tags,
    security,
    summary: "A subscriber's delivery log, newest first",
    request: { params: subscriberParams, query: pageQuerySchema },
    responses: {
      200: jsonResponse(
        z.object({
          subscriber: subscriberSchema,
          items: z.array(deliverySchema),
          nextCursor: z.string().nullable(),
        }),
        'Deliveries',
      ),
      ...standardErrors,
    },
  }),
  async (c) => {
    const deps = c.get('deps');
    const params = c.req.valid('param');
    const granted = await authorizeWorkspace(deps.db, c.get('actor'), params.workspaceId, 'read');
    const query = c.req.valid('query');
    return c.json(
      await deliveryLog(deps, granted, params.subscriberId, {
        cursor: decodeCursor(query.cursor),
        limit: query.limit,
      }),
      200,
    );
  },
);

subscribersRouter.openapi(
  createRoute({
    method: 'delete',
    path: `${base}/{subscriberId}`,
    tags,
    security,
    summary: 'Delete a subscriber and their delivery log (admins)',
    request: { params: subscriberParams },
    responses: { 204: { description: 'Deleted' }, ...standardErrors },
  }),
  async (c) => {
    const deps = c.get('deps');
    const params = c.req.valid('param');
    const granted = await authorizeWorkspace(deps.db, c.get('actor'), params.workspaceId, 'manage');
    await deleteSubscriber(deps, auditContextOf(c), granted, params.subscriberId);
    return c.body(null, 204);
  },
);
