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
import { requireFeature } from '../plans/plans.service.ts';
import { authorizeWorkspace } from '../workspaces/workspace-access.ts';
import { updateWidgetBodySchema, widgetSchema, widgetStatsSchema } from './widget.schemas.ts';
import { getWidget, getWidgetStats, updateWidget } from './widget.service.ts';

const tags = ['Widget'];
const workspaceParams = z.object({ workspaceId: idParam('workspaceId') });
const widgetResponse = z.object({ widget: widgetSchema });

export const widgetRouter = createRouter();

widgetRouter.openapi(
  createRoute({
    method: 'get',
    path: '/workspaces/{workspaceId}/widget',
    tags,
    security,
    summary: "The workspace's changelog widget: configuration, totals and embed snippet",
    description: 'Made with the default configuration the first time it is asked for. Members (viewers too).',
    request: { params: workspaceParams },
    responses: { 200: jsonResponse(widgetResponse, 'The widget'), ...standardErrors },
  }),
  async (c) => {
    const deps = c.get('deps');
    const granted = await authorizeWorkspace(
      deps.db,
      c.get('actor'),
      c.req.valid('param').workspaceId,
      'read',
    );
    return c.json(await getWidget(deps, auditContextOf(c), granted), 200);
  },
);

widgetRouter.openapi(
  createRoute({
    method: 'put',
    path: '/workspaces/{workspaceId}/widget',
    tags,
    security,
    summary: "Change the widget's configuration (workspace admins)",
    description:
      'Any part of the configuration; what is left out keeps its value. Colors are `#rrggbb` (422 otherwise).',
    request: { params: workspaceParams, body: jsonBody(updateWidgetBodySchema) },
    responses: { 200: jsonResponse(widgetResponse, 'The widget'), ...standardErrors },
  }),
  async (c) => {
    const deps = c.get('deps');
    const granted = await authorizeWorkspace(
      deps.db,
      c.get('actor'),
      c.req.valid('param').workspaceId,
      'manage',
    );
    await requireFeature(deps.db, granted.workspaceId, 'changelog_widget');
    return c.json(await updateWidget(deps, auditContextOf(c), granted, c.req.valid('json')), 200);
  },
);

widgetRouter.openapi(
  createRoute({
    method: 'get',
    path: '/workspaces/{workspaceId}/widget/stats',
    tags,
    security,
    summary: 'Impressions and clicks of the widget, in total and per entry (most seen first, 100 at most)',
    request: { params: workspaceParams },
    responses: { 200: jsonResponse(widgetStatsSchema, 'Counts'), ...standardErrors },
  }),
  async (c) => {
    const deps = c.get('deps');
    const granted = await authorizeWorkspace(
      deps.db,
      c.get('actor'),
      c.req.valid('param').workspaceId,
      'read',
    );
    return c.json(await getWidgetStats(deps, auditContextOf(c), granted), 200);
  },
);
