import { createRoute, z } from '@hono/zod-openapi';
import {
  createRouter,
  idParam,
  jsonBody,
  jsonResponse,
  security,
  standardErrors,
} from '../../http/router.ts';
import { AppError } from '../../platform/errors.ts';
import { requireFeature } from '../plans/plans.service.ts';
import { authorizeWorkspace } from '../workspaces/workspace-access.ts';
import { fetchPostMetrics } from './performance.fetch.ts';
import { importMetrics } from './performance.import.ts';
import {
  importResultSchema,
  maxImportRows,
  metricsBodySchema,
  postMetricsSchema,
  snapshotSchema,
  summaryQuerySchema,
  summarySchema,
} from './performance.schemas.ts';
import { metricsSummary, postSeries, recordSnapshot } from './performance.service.ts';

const tags = ['Performance'];
const workspaceParams = z.object({ workspaceId: idParam('workspaceId') });
const postParams = workspaceParams.extend({ postId: idParam('postId') });

/** Every performance route is the analytics feature: the role is checked first, then the plan. */
async function authorizeAnalytics(...args: Parameters<typeof authorizeWorkspace>) {
  const granted = await authorizeWorkspace(...args);
  await requireFeature(args[0], granted.workspaceId, 'analytics_insights');
  return granted;
}

export const performanceRouter = createRouter();

performanceRouter.openapi(
  createRoute({
    method: 'post',
    path: '/workspaces/{workspaceId}/posts/{postId}/metrics',
    tags,
    security,
    summary: "Record a post's numbers by hand",
    description:
      'Counts are whole numbers from 0 (missing ones are 0). A reading at the same time replaces it.',
    request: { params: postParams, body: jsonBody(metricsBodySchema) },
    responses: { 201: jsonResponse(snapshotSchema, 'Recorded'), ...standardErrors },
  }),
  async (c) => {
    const deps = c.get('deps');
    const { workspaceId, postId } = c.req.valid('param');
    const granted = await authorizeAnalytics(deps.db, c.get('actor'), workspaceId, 'write');
    return c.json(await recordSnapshot(deps, granted, postId, c.req.valid('json')), 201);
  },
);

performanceRouter.openapi(
  createRoute({
    method: 'post',
    path: '/workspaces/{workspaceId}/posts/{postId}/metrics/fetch',
    tags,
    security,
    summary: "Fetch a published post's numbers from its platform, where the channel's adapter can",
    description:
      '409 when the post is not published or its channel cannot fetch numbers; 503 when the platform does not answer.',
    request: { params: postParams },
    responses: { 201: jsonResponse(snapshotSchema, 'Recorded'), ...standardErrors },
  }),
  async (c) => {
    const deps = c.get('deps');
    const { workspaceId, postId } = c.req.valid('param');
    const granted = await authorizeAnalytics(deps.db, c.get('actor'), workspaceId, 'write');
    return c.json(await fetchPostMetrics(deps, granted, postId), 201);
  },
);

performanceRouter.openapi(
  createRoute({
    method: 'get',
    path: '/workspaces/{workspaceId}/posts/{postId}/metrics',
    tags,
    security,
    summary: "A post's readings over time and its engagement rate",
    request: { params: postParams },
    responses: { 200: jsonResponse(postMetricsSchema, 'The readings'), ...standardErrors },
  }),
  async (c) => {
    const deps = c.get('deps');
    const { workspaceId, postId } = c.req.valid('param');
    const granted = await authorizeAnalytics(deps.db, c.get('actor'), workspaceId, 'read');
    return c.json(await postSeries(deps, granted, postId), 200);
  },
);

performanceRouter.openapi(
  createRoute({
    method: 'post',
    path: '/workspaces/{workspaceId}/metrics/import',
    tags,
    security,
    summary: 'Import readings from CSV, row by row',
    description: `text/csv with a header line: post_id, recorded_at (ISO 8601 with offset), views, likes, shares, comments, reach (missing or empty counts are 0). At most ${maxImportRows} rows. Good rows are written together; each bad row is listed with its number and reasons. No good row: 422.`,
    request: {
      params: workspaceParams,
      body: { required: false, content: { 'text/csv': { schema: z.string() } } },
    },
    responses: {
      201: jsonResponse(importResultSchema, 'What was imported and what was not'),
      ...standardErrors,
    },
  }),
  async (c) => {
    const deps = c.get('deps');
    const granted = await authorizeAnalytics(
      deps.db,
      c.get('actor'),
      c.req.valid('param').workspaceId,
      'write',
    );
    const type = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
    if (type !== 'text/csv') throw new AppError('unsupported_media_type', 'Send the rows as text/csv');
    const text = await c.req.text();
    if (text.includes('\u0000')) {
      throw new AppError('validation_failed', 'The file holds a NUL character', [
        { path: 'body', message: 'NUL' },
      ]);
    }
    return c.json(await importMetrics(deps, granted, text), 201);
  },
);

performanceRouter.openapi(
  createRoute({
    method: 'get',
    path: '/workspaces/{workspaceId}/metrics/summary',
    tags,
    security,
    summary: 'Totals per platform and a daily series over a range of days',
    description:
      "Each post counts with its latest reading in the range; the series carries a post's latest reading forward day by day. Days are in the workspace timezone; at most 366.",
    request: { params: workspaceParams, query: summaryQuerySchema },
    responses: { 200: jsonResponse(summarySchema, 'The summary'), ...standardErrors },
  }),
  async (c) => {
    const deps = c.get('deps');
    const granted = await authorizeAnalytics(
      deps.db,
      c.get('actor'),
      c.req.valid('param').workspaceId,
      'read',
    );
    return c.json(await metricsSummary(deps, granted, c.req.valid('query')), 200);
  },
);
