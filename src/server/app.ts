import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { OpenAPIHono } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import type { AppDeps, AppEnv } from './app-context.ts';
import { accountsRouter } from './features/accounts/accounts.routes.ts';
import { aiProvidersRouter } from './features/ai-providers/ai-providers.routes.ts';
import { analyticsRouter } from './features/analytics/analytics.routes.ts';
import { publicAnalyticsRouter } from './features/analytics/analytics-public.routes.ts';
import { apiKeysRouter } from './features/api-keys/api-keys.routes.ts';
import { approvalsRouter } from './features/approvals/approvals.routes.ts';
import { publicReviewRouter } from './features/approvals/approvals-public.routes.ts';
import { auditRouter } from './features/audit/audit.routes.ts';
import { resolveActor } from './features/auth/actor.middleware.ts';
import { authRouter } from './features/auth/auth.routes.ts';
import { billingRouter } from './features/billing/billing.routes.ts';
import { asaasWebhookRouter } from './features/billing/providers/asaas/asaas.routes.ts';
import { dodoWebhookRouter } from './features/billing/providers/dodo/dodo.routes.ts';
import { stripeWebhookRouter } from './features/billing/providers/stripe/stripe.routes.ts';
import { staffBillingRouter } from './features/billing/staff-billing.routes.ts';
import { calendarRouter } from './features/calendar/calendar.routes.ts';
import {
  changelogWritePaths,
  refreshPublicChangelog,
} from './features/changelog/changelog.public-refresh.ts';
import { changelogRouter } from './features/changelog/changelog.routes.ts';
import { changelogActionsRouter } from './features/changelog/changelog-actions.routes.ts';
import { channelsRouter, oauthCallbackRouter } from './features/channels/channels.routes.ts';
import { webhookChannelsRouter } from './features/channels/webhook-channels.routes.ts';
import { conversationsRouter, uploadBodyLimits } from './features/conversations/conversations.routes.ts';
import { generationsRouter } from './features/generations/generations.routes.ts';
import { repositoriesRouter } from './features/github/github.routes.ts';
import { githubWebhookRouter } from './features/github/github.webhook.ts';
import { healthRouter } from './features/health/health.routes.ts';
import { mailRouter } from './features/mail/mail.routes.ts';
import { notificationsRouter } from './features/notifications/notifications.routes.ts';
import { performanceRouter } from './features/performance/performance.routes.ts';
import { postsRouter } from './features/posts/posts.routes.ts';
import { postsScheduleRouter } from './features/posts/posts-schedule.routes.ts';
import { publicChangelogRouter } from './features/public-changelog/public-changelog.routes.ts';
import { publicChangelogApiRouter } from './features/public-changelog/public-changelog-api.routes.ts';
import { roadmapRouter } from './features/roadmap/roadmap.routes.ts';
import { publicRoadmapRouter } from './features/roadmap/roadmap-public.routes.ts';
import { staffRouter } from './features/staff/staff.routes.ts';
import { storageRouter, storageUploadBodyLimits } from './features/storage/storage.routes.ts';
import { staffSubscribersRouter } from './features/subscribers/staff-subscribers.routes.ts';
import { subscribersRouter } from './features/subscribers/subscribers.routes.ts';
import { publicSubscribersRouter } from './features/subscribers/subscribers-public.routes.ts';
import { upvotesRouter } from './features/upvotes/upvotes.routes.ts';
import { clerkWebhookRouter } from './features/webhooks/clerk/clerk.routes.ts';
import { widgetRouter } from './features/widget/widget.routes.ts';
import { publicWidgetRouter } from './features/widget/widget-public.routes.ts';
import { workspacesRouter } from './features/workspaces/workspaces.routes.ts';
import { renderApiDocs } from './http/api-docs.ts';
import { limitBodySize } from './http/body-limit.ts';
import { handleError } from './http/error-handler.ts';
import { requestContext } from './http/request-context.ts';
import { errorBody } from './platform/errors.ts';

/** Routers mounted under /api/v1; a new feature adds its router here. */
const apiRouters = [
  accountsRouter,
  workspacesRouter,
  apiKeysRouter,
  auditRouter,
  staffRouter,
  mailRouter,
  billingRouter,
  notificationsRouter,
  staffBillingRouter,
  postsRouter,
  postsScheduleRouter,
  webhookChannelsRouter,
  generationsRouter,
  aiProvidersRouter,
  storageRouter,
  conversationsRouter,
  channelsRouter,
  calendarRouter,
  approvalsRouter,
  performanceRouter,
  changelogRouter,
  changelogActionsRouter,
  widgetRouter,
  repositoriesRouter,
  roadmapRouter,
  subscribersRouter,
  staffSubscribersRouter,
  analyticsRouter,
];

export function createApp(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>();
  app.use('*', async (c, next) => {
    c.set('deps', deps);
    await next();
  });
  app.use('*', requestContext);
  const limitBody = limitBodySize(deps.config.BODY_LIMIT_BYTES);
  // Upload routes (voice notes, photos) take files, so they have their own, larger limits.
  const uploadRoutes = [...uploadBodyLimits(deps.config), ...storageUploadBodyLimits(deps.config)];
  const uploadLimits = uploadRoutes.map((u) => ({
    pattern: u.pattern,
    limit: limitBodySize(u.maxBytes),
  }));
  app.use('/api/*', (c, next) => {
    // A GET or HEAD has no body (@hono/node-server gives it none), and asking for one builds the full
    // Request object, a real cost on the public read routes.
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const upload = c.req.method === 'POST' ? uploadLimits.find((u) => u.pattern.test(c.req.path)) : undefined;
    return (upload?.limit ?? limitBody)(c, next);
  });
  app.use('/webhooks/*', limitBody);

  app.route('/', healthRouter);
  app.route('/api/auth', authRouter);

  const v1 = new OpenAPIHono<AppEnv>();
  v1.use('*', resolveActor);
  // Both changelog routers: a successful write shows on the public changelog at once.
  v1.use(changelogWritePaths, refreshPublicChangelog);
  for (const router of apiRouters) v1.route('/', router);
  app.route('/api/v1', v1);
  // OAuth consent pages send the browser back here: public, outside /api/v1.
  app.route('/', oauthCallbackRouter);
  // Review links: outside reviewers have no account.
  app.route('/', publicReviewRouter);
  // The public changelog (pages, feeds, JSON) and the embeddable widget: before the web UI, which
  // answers index.html for every other GET.
  app.route('/', publicChangelogRouter);
  app.route('/', publicChangelogApiRouter);
  app.route('/', publicWidgetRouter);
  // Upvotes (entries) and the public roadmap: pages, their vote forms and JSON, no session needed.
  app.route('/', upvotesRouter);
  app.route('/', publicRoadmapRouter);
  // Subscribers' sign-up, confirmation, unsubscribe and preferences: no session.
  app.route('/', publicSubscribersRouter);
  app.route('/', publicAnalyticsRouter);

  app.openAPIRegistry.registerComponent('securitySchemes', 'session', {
    type: 'apiKey',
    in: 'cookie',
    name: 'better-auth.session_token',
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'apiKey', { type: 'http', scheme: 'bearer' });
  const openApiConfig = {
    openapi: '3.1.0',
    info: {
      title: 'Herald',
      version: '1',
      description:
        'Every route answers errors as { "error": { "code", "message", "details"? } }. Authenticate with the session cookie from /api/auth or `Authorization: Bearer <API key>`.',
    },
  };
  app.doc31('/api/openapi.json', openApiConfig);
  app.get('/api/docs', (c) => c.html(renderApiDocs(app.getOpenAPI31Document(openApiConfig) as never)));

  app.route('/webhooks', clerkWebhookRouter);
  app.route('/webhooks', stripeWebhookRouter);
  app.route('/webhooks', dodoWebhookRouter);
  app.route('/webhooks', asaasWebhookRouter);
  app.route('/webhooks', githubWebhookRouter);

  mountWebUi(app, deps.config.HERALD_STATIC_DIR);

  app.notFound((c) => c.json(errorBody('not_found', `No route for ${c.req.method} ${c.req.path}`), 404));
  app.onError(handleError);
  return app;
}

export type HeraldApp = ReturnType<typeof createApp>;

// The built SPA (npm run build → dist/web). Any other GET that is not an API path gets index.html so
// client-side routes survive a reload.
function mountWebUi(app: OpenAPIHono<AppEnv>, staticDir: string) {
  const root = path.resolve(staticDir);
  const indexFile = path.join(root, 'index.html');
  const isApiPath = (p: string) => p.startsWith('/api/') || p.startsWith('/webhooks/') || p === '/api';
  // serveStatic writes to console.error when its root is missing, as it is before the first build (a
  // fresh clone running the tests), so it is made on the first asset request after the build exists.
  let serveAssets: MiddlewareHandler | undefined;
  app.use('/assets/*', async (c, next) => {
    if (!serveAssets) {
      if (!existsSync(root)) return next();
      serveAssets = serveStatic({ root: path.relative(process.cwd(), root) || '.' });
    }
    return serveAssets(c, next);
  });
  // Read once: every client-side route answers with the same page, so it is not read from disk per request.
  let indexHtml: string | undefined;
  app.get('*', async (c, next) => {
    if (isApiPath(c.req.path)) return next();
    if (indexHtml === undefined) {
      if (!existsSync(indexFile)) {
        return c.text('The web UI is not built yet. Run `npm run build` (npm start does it for you).', 503);
      }
      indexHtml = readFileSync(indexFile, 'utf8');
    }
    return c.html(indexHtml);
  });
}
