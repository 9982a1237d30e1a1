import { createRoute, z } from '@hono/zod-openapi';
import { createRouter, idParam, jsonResponse, security, standardErrors } from '../../http/router.ts';
import { requireFeature } from '../plans/plans.service.ts';
import { authorizeWorkspace } from '../workspaces/workspace-access.ts';
import { analyticsSummarySchema, summaryQuerySchema } from './analytics.schemas.ts';
import { analyticsSummary } from './analytics.service.ts';

const tags = ['Analytics'];
const workspaceParams = z.object({ workspaceId: idParam('workspaceId') });

export const analyticsRouter = createRouter();

analyticsRouter.openapi(
  createRoute({
    method: 'get',
    path: '/workspaces/{workspaceId}/analytics/summary',
    tags,
    security,
    summary: 'Changelog audience: views, unique visitors, top entries, referrers and widget numbers',
    description:
      'Days are UTC (the visitor salt changes at UTC midnight); at most 366. Visitors are unique per day; the total adds the days up. Viewers and up; needs analytics_insights.',
    request: { params: workspaceParams, query: summaryQuerySchema },
    responses: { 200: jsonResponse(analyticsSummarySchema, 'The summary'), ...standardErrors },
  }),
  async (c) => {
    const deps = c.get('deps');
    const granted = await authorizeWorkspace(
      deps.db,
      c.get('actor'),
      c.req.valid('param').workspaceId,
      'read',
    );
    await requireFeature(deps.db, granted.workspaceId, 'analytics_insights');
    return c.json(await analyticsSummary(deps, granted, c.req.valid('query')), 200);
  },
);
