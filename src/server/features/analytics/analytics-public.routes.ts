// The public tracking endpoint: any site (the changelog's own pages, a customer's app, the widget)
// reports page views and widget events. CORS is open to every origin; no cookie is read or set.
import { createRoute, z } from '@hono/zod-openapi';
import { openCors } from '../../http/cors.ts';
import { createRouter, jsonResponse, standardErrors } from '../../http/router.ts';
import { AppError } from '../../platform/errors.ts';
import {
  acceptedSchema,
  analyticsEventsBodySchema,
  maxAnalyticsEventsPerRequest,
} from './analytics.schemas.ts';
import { trackPublicEvents } from './analytics.service.ts';

const tags = ['Analytics'];
const { 401: _unauthenticated, 403: _forbidden, ...publicErrors } = standardErrors;

export const publicAnalyticsRouter = createRouter();

// Errors too carry the CORS header, so the sending page's script can read a 404 or 422.
publicAnalyticsRouter.use('/api/public/analytics/*', openCors('POST, OPTIONS'));

publicAnalyticsRouter.openapi(
  createRoute({
    method: 'post',
    path: '/api/public/analytics/{workspaceSlug}/events',
    tags,
    summary: 'Report page views and widget events, without cookies (CORS *)',
    description: `Body \`{ "events": [...] }\`, 1 to ${maxAnalyticsEventsPerRequest} events: \`{ "type": "page_view", "entryId"? | "path"?, "referrer"? }\` or \`{ "type": "widget_impression" | "widget_click", "widgetId", "entryId"? }\`, as JSON under any content type (navigator.sendBeacon sends text/plain). 202: the events are buffered and written within seconds. Bots, entries that are not published in this workspace and other workspaces' widgets are not counted. The visitor is an HMAC of IP, user agent and workspace under a salt replaced every day; neither IP nor user agent is stored.`,
    request: {
      params: z.object({
        workspaceSlug: z
          .string()
          .min(1)
          .max(200)
          .openapi({ param: { name: 'workspaceSlug', in: 'path' } }),
      }),
      body: { required: true, content: { 'text/plain': { schema: analyticsEventsBodySchema } } },
    },
    responses: { 202: jsonResponse(acceptedSchema, 'Accepted'), ...publicErrors },
  }),
  async (c) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(await c.req.text());
    } catch {
      throw new AppError('invalid_json', 'The body is not valid JSON');
    }
    const body = analyticsEventsBodySchema.parse(parsed);
    const accepted = await trackPublicEvents(
      c.get('deps'),
      c.get('request'),
      c.req.valid('param').workspaceSlug,
      body.events,
    );
    return c.json({ accepted }, 202);
  },
);
