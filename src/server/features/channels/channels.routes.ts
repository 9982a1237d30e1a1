import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppEnv } from '../../app-context.ts';
import {
  auditContextOf,
  createRouter,
  errorSchema,
  idParam,
  jsonBody,
  jsonResponse,
  security,
  standardErrors,
} from '../../http/router.ts';
import { AppError } from '../../platform/errors.ts';
import { escapeHtml } from '../../platform/html.ts';
import { resolveActor } from '../auth/actor.middleware.ts';
import { requireUser } from '../auth/actor.ts';
import { authorizeWorkspace } from '../workspaces/workspace-access.ts';
import {
  authorizeUrlSchema,
  channelSchema,
  connectLinkedInBodySchema,
  oauthCallbackParamsSchema,
  oauthCallbackQuerySchema,
} from './channels.schemas.ts';
import { deleteChannel, listChannels } from './channels.service.ts';
import { completeConnect, startConnect } from './oauth-connect.service.ts';

const tags = ['Channels'];
const workspaceParams = z.object({ workspaceId: idParam('workspaceId') });
const notConfigured = {
  503: {
    description: 'The platform has no client id and secret on this server',
    content: { 'application/json': { schema: errorSchema } },
  },
};

export const channelsRouter = createRouter();

channelsRouter.openapi(
  createRoute({
    method: 'get',
    path: '/workspaces/{workspaceId}/channels',
    tags,
    security,
    summary: 'Connected publishing channels (never their tokens)',
    request: { params: workspaceParams },
    responses: {
      200: jsonResponse(z.object({ items: z.array(channelSchema) }), 'Channels'),
      ...standardErrors,
    },
  }),
  async (c) => {
    const { db } = c.get('deps');
    const access = await authorizeWorkspace(db, c.get('actor'), c.req.valid('param').workspaceId, 'read');
    return c.json({ items: await listChannels(db, access) }, 200);
  },
);

channelsRouter.openapi(
  createRoute({
    method: 'delete',
    path: '/workspaces/{workspaceId}/channels/{channelId}',
    tags,
    security,
    summary: 'Disconnect a channel (admin); its posts keep their content and lose the channel',
    request: { params: workspaceParams.extend({ channelId: idParam('channelId') }) },
    responses: { 204: { description: 'Disconnected' }, ...standardErrors },
  }),
  async (c) => {
    const { db } = c.get('deps');
    const { workspaceId, channelId } = c.req.valid('param');
    const access = await authorizeWorkspace(db, c.get('actor'), workspaceId, 'manage');
    await deleteChannel(db, auditContextOf(c), access, channelId);
    return c.body(null, 204);
  },
);

channelsRouter.openapi(
  createRoute({
    method: 'post',
    path: '/workspaces/{workspaceId}/channels/connect/x',
    tags,
    security,
    summary: "Start connecting an X account (admin): send the person to authorizeUrl, X's consent page",
    request: { params: workspaceParams },
    responses: {
      200: jsonResponse(authorizeUrlSchema, 'Consent page URL'),
      ...standardErrors,
      ...notConfigured,
    },
  }),
  async (c) => {
    const deps = c.get('deps');
    const user = requireUser(c);
    const access = await authorizeWorkspace(deps.db, user, c.req.valid('param').workspaceId, 'manage');
    return c.json(
      await startConnect(deps, access, user.userId, 'x', { as: 'member', organizationId: null }),
      200,
    );
  },
);

channelsRouter.openapi(
  createRoute({
    method: 'post',
    path: '/workspaces/{workspaceId}/channels/connect/linkedin',
    tags,
    security,
    summary: 'Start connecting LinkedIn as the member or as pages they administer (admin)',
    request: { params: workspaceParams, body: jsonBody(connectLinkedInBodySchema) },
    responses: {
      200: jsonResponse(authorizeUrlSchema, 'Consent page URL'),
      ...standardErrors,
      ...notConfigured,
    },
  }),
  async (c) => {
    const deps = c.get('deps');
    const user = requireUser(c);
    const access = await authorizeWorkspace(deps.db, user, c.req.valid('param').workspaceId, 'manage');
    const body = c.req.valid('json');
    return c.json(
      await startConnect(deps, access, user.userId, 'linkedin', {
        as: body.as,
        organizationId: body.organizationId ?? null,
      }),
      200,
    );
  },
);

/** Public: the platform's consent page sends the browser here. Mounted at the root, outside /api/v1. */
export const oauthCallbackRouter = createRouter();
oauthCallbackRouter.use('/api/oauth/*', resolveActor);

function wantsHtml(c: Context<AppEnv>): boolean {
  return (c.req.header('accept') ?? '').includes('text/html');
}

function errorPage(message: string, homeUrl: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Connecting failed · Herald</title>
<meta name="viewport" content="width=device-width,initial-scale=1"></head>
<body style="font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem">
<h1>Connecting failed</h1><p>${escapeHtml(message)}</p><p><a href="${escapeHtml(homeUrl)}">Back to Herald</a></p>
</body></html>`;
}

oauthCallbackRouter.openapi(
  createRoute({
    method: 'get',
    path: '/api/oauth/{provider}/callback',
    tags,
    summary: 'Where X or LinkedIn send the browser back after consent; redirects to the channels page',
    request: { params: oauthCallbackParamsSchema, query: oauthCallbackQuerySchema },
    responses: {
      302: { description: 'To /w/{workspaceId}/channels?connected=… or ?error=…' },
      ...standardErrors,
    },
  }),
  async (c) => {
    const deps = c.get('deps');
    const { provider } = c.req.valid('param');
    const query = c.req.valid('query');
    try {
      const location = await completeConnect(deps, auditContextOf(c), c.get('actor'), {
        kind: provider,
        state: query.state,
        code: query.code,
        error: query.error,
      });
      return c.redirect(location, 302);
    } catch (error) {
      // A person in a browser gets a page; API clients and tests the usual JSON envelope.
      if (error instanceof AppError && wantsHtml(c)) {
        return c.html(
          errorPage(error.message, deps.config.publicUrl),
          error.status as ContentfulStatusCode,
        ) as never;
      }
      throw error;
    }
  },
);
