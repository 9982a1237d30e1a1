// The widget's public side, called from any site that embeds it: the script, its data and its events.
// CORS is open to every origin (no cookies are ever read here). Mounted before the web UI.
import { createRoute, z } from '@hono/zod-openapi';
import { openCors } from '../../http/cors.ts';
import { createRouter, idParam, jsonResponse, standardErrors } from '../../http/router.ts';
import { AppError } from '../../platform/errors.ts';
import { recordWidgetEventsDaily } from '../analytics/analytics.service.ts';
import { matchesIfNoneMatch, sendCached } from '../public-changelog/public-cache.ts';
import { maxEventsPerBatch, widgetDataSchema, widgetEventsBodySchema } from './widget.schemas.ts';
import { widgetScript } from './widget.script.ts';
import { getWidgetData, recordWidgetEvents } from './widget.service.ts';

const tags = ['Widget'];
const { 401: _unauthenticated, 403: _forbidden, ...publicErrors } = standardErrors;
const widgetParams = z.object({ widgetId: idParam('widgetId') });

export const publicWidgetRouter = createRouter();

// Errors too carry the CORS header, so the embedding page's script can read a 404 or 422.
publicWidgetRouter.use('/api/public/widget/*', openCors('GET, POST, OPTIONS'));

publicWidgetRouter.openapi(
  createRoute({
    method: 'get',
    path: '/api/public/widget/{widgetId}',
    tags,
    summary: 'What an embedded widget shows: its configuration and the latest published entries (CORS *)',
    description: 'ETag and Cache-Control are sent; a matching If-None-Match answers 304.',
    request: { params: widgetParams },
    responses: {
      200: jsonResponse(widgetDataSchema, 'Widget data'),
      304: { description: 'Not modified' },
      ...publicErrors,
    },
  }),
  async (c) => {
    const data = await getWidgetData(c.get('deps'), c.req.valid('param').widgetId);
    return sendCached(c, data.body, {}, data.workspaceId);
  },
);

publicWidgetRouter.openapi(
  createRoute({
    method: 'post',
    path: '/api/public/widget/{widgetId}/events',
    tags,
    summary: 'Count impressions and clicks from an embedded widget (CORS *)',
    description: `Body \`{ "events": [{ "type": "impression" | "click", "entryId"? }] }\`, at most ${maxEventsPerBatch} events, sent as JSON under any content type (navigator.sendBeacon sends text/plain). Events naming an entry that is not published in the widget's workspace are ignored.`,
    request: {
      params: widgetParams,
      body: { required: true, content: { 'text/plain': { schema: widgetEventsBodySchema } } },
    },
    responses: { 204: { description: 'Counted' }, ...publicErrors },
  }),
  async (c) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(await c.req.text());
    } catch {
      throw new AppError('invalid_json', 'The body is not valid JSON');
    }
    const body = widgetEventsBodySchema.parse(parsed);
    await recordWidgetEvents(c.get('deps'), c.req.valid('param').widgetId, body.events);
    // Also per day, for the analytics dashboard (buffered; bots are not counted there).
    const { widgetId } = c.req.valid('param');
    await recordWidgetEventsDaily(c.get('deps'), c.get('request'), widgetId, body.events);
    return c.body(null, 204);
  },
);

// The script changes only with a deploy; an hour of freshness, then a revalidation by ETag.
publicWidgetRouter.get('/widget.js', async (c) => {
  const script = await widgetScript();
  const gzip = /\bgzip\b/.test(c.req.header('accept-encoding') ?? '');
  const etag = gzip ? `${script.etag.slice(0, -1)}-gz"` : script.etag;
  const headers: Record<string, string> = {
    ETag: etag,
    'Cache-Control': 'public, max-age=3600, stale-while-revalidate=86400',
    Vary: 'Accept-Encoding',
    'Access-Control-Allow-Origin': '*',
    'Cross-Origin-Resource-Policy': 'cross-origin',
    'X-Content-Type-Options': 'nosniff',
  };
  if (matchesIfNoneMatch(c.req.header('if-none-match'), etag)) return c.body(null, 304, headers);
  headers['Content-Type'] = 'text/javascript; charset=utf-8';
  if (gzip) headers['Content-Encoding'] = 'gzip';
  return c.body(new Uint8Array(gzip ? script.gzipped : script.code), 200, headers);
});
