import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../../app-context.ts';
import {
  createRouter,
  idParam,
  jsonBody,
  jsonResponse,
  security,
  standardErrors,
} from '../../http/router.ts';
import { AppError } from '../../platform/errors.ts';
import { decodeCursor, nextCursorOf, pageQuerySchema } from '../../platform/pagination.ts';
import { requireUser } from '../auth/actor.ts';
import { listLedger } from '../credits/credits.service.ts';
import { planSchema, presentPlan } from '../plans/plans.schemas.ts';
import { listPlans, resolveFeatures } from '../plans/plans.service.ts';
import { authorizeWorkspace } from '../workspaces/workspace-access.ts';
import {
  billingOverviewSchema,
  checkoutBodySchema,
  creditPackCheckoutBodySchema,
  entitlementsSchema,
  invoiceSchema,
  ledgerEntrySchema,
  linkSchema,
  presentInvoice,
  presentSubscription,
} from './billing.schemas.ts';
import { getBillingOverview, listInvoices } from './billing.service.ts';
import { createCheckoutLink, createCreditPackCheckout, createPortalLink } from './checkout.service.ts';

const tags = ['Billing'];
const workspaceParams = z.object({ workspaceId: idParam('workspaceId') });
const aliasQuery = z.object({ workspaceId: z.string().min(1).max(100).optional() });
export const billingRouter = createRouter();

/** Checkout, credit-pack and portal routes answer a provider link, or 503 when billing has no keys. */
function linkResponses(description: string) {
  return {
    200: jsonResponse(linkSchema, description),
    503: { description: 'Billing is not configured' },
    ...standardErrors,
  };
}

/** `/billing` and `/entitlements` without a path id: an API key's own workspace, or `?workspaceId=`. */
function workspaceIdFromAlias(c: Context<AppEnv>, queryId: string | undefined): string {
  const actor = c.get('actor');
  // Who is asking comes before which workspace: an anonymous caller gets 401, not a 422 about the id.
  if (actor.type === 'anonymous') throw new AppError('unauthenticated', 'Sign in or send an API key');
  if (actor.type === 'api_key') return queryId ?? actor.workspaceId;
  if (!queryId)
    throw new AppError('validation_failed', 'Say which workspace', [
      { path: 'workspaceId', message: 'Required when signed in with a session' },
    ]);
  return queryId;
}

async function overviewFor(c: Context<AppEnv>, workspaceId: string) {
  const deps = c.get('deps');
  const granted = await authorizeWorkspace(deps.db, c.get('actor'), workspaceId, 'read');
  const overview = await getBillingOverview(deps, granted.workspaceId);
  const features = await resolveFeatures(deps.db, granted.workspaceId, overview.plan);
  const planFeatureKeys = Object.entries(features)
    .filter(([, on]) => on)
    .map(([key]) => key);
  return {
    overview: {
      ...overview,
      plan: presentPlan(overview.plan, planFeatureKeys),
      subscription: overview.subscription ? presentSubscription(overview.subscription) : null,
      period: {
        ...overview.period,
        start: overview.period.start.toISOString(),
        end: overview.period.end.toISOString(),
      },
      upcomingInvoice: { ...overview.upcomingInvoice, dueAt: overview.upcomingInvoice.dueAt.toISOString() },
      isBillingConfigured: Object.values(overview.providers).some(Boolean),
    },
    features,
  };
}

for (const path of ['/workspaces/{workspaceId}/billing', '/billing'] as const) {
  const isAlias = path === '/billing';
  billingRouter.openapi(
    createRoute({
      method: 'get',
      path,
      tags,
      security,
      summary: isAlias
        ? 'Billing overview of the API key’s workspace (or ?workspaceId=)'
        : 'Plan, subscription, credits, usage with limits and reset time, upcoming invoice',
      request: isAlias ? { query: aliasQuery } : { params: workspaceParams },
      responses: { 200: jsonResponse(billingOverviewSchema, 'Billing overview'), ...standardErrors },
    }),
    async (c) => {
      const id = isAlias ? workspaceIdFromAlias(c, c.req.query('workspaceId')) : c.req.param('workspaceId');
      return c.json((await overviewFor(c, id ?? '')).overview, 200);
    },
  );
}

for (const path of ['/workspaces/{workspaceId}/entitlements', '/entitlements'] as const) {
  const isAlias = path === '/entitlements';
  billingRouter.openapi(
    createRoute({
      method: 'get',
      path,
      tags,
      security,
      summary: 'What the workspace may do (features) and how much it has left (usage, credits)',
      request: isAlias ? { query: aliasQuery } : { params: workspaceParams },
      responses: { 200: jsonResponse(entitlementsSchema, 'Entitlements'), ...standardErrors },
    }),
    async (c) => {
      const id = isAlias ? workspaceIdFromAlias(c, c.req.query('workspaceId')) : c.req.param('workspaceId');
      const { overview, features } = await overviewFor(c, id ?? '');
      return c.json(
        {
          plan: { key: overview.plan.key, name: overview.plan.name },
          features,
          usage: overview.usage,
          credits: overview.credits,
          resetsAt: overview.period.end,
        },
        200,
      );
    },
  );
}

billingRouter.openapi(
  createRoute({
    method: 'get',
    path: '/workspaces/{workspaceId}/credits/ledger',
    tags,
    security,
    summary: 'Credit ledger, newest first',
    request: { params: workspaceParams, query: pageQuerySchema },
    responses: {
      200: jsonResponse(
        z.object({ items: z.array(ledgerEntrySchema), nextCursor: z.string().nullable() }),
        'Ledger page',
      ),
      ...standardErrors,
    },
  }),
  async (c) => {
    const { db } = c.get('deps');
    const granted = await authorizeWorkspace(db, c.get('actor'), c.req.valid('param').workspaceId, 'read');
    const { cursor, limit } = c.req.valid('query');
    const rows = await listLedger(db, granted.workspaceId, { cursor: decodeCursor(cursor), limit });
    const items = rows.slice(0, limit).map((r) => ({
      id: r.id,
      operationType: r.operationType,
      amount: r.amount,
      balanceAfter: r.balanceAfter,
      reason: r.reason,
      details: r.details,
      actorType: r.actorType,
      actorId: r.actorId,
      createdAt: r.createdAt.toISOString(),
    }));
    return c.json({ items, nextCursor: nextCursorOf(rows, limit) }, 200);
  },
);

billingRouter.openapi(
  createRoute({
    method: 'get',
    path: '/workspaces/{workspaceId}/invoices',
    tags,
    security,
    summary: 'Invoices, newest first (admin)',
    request: { params: workspaceParams, query: pageQuerySchema },
    responses: {
      200: jsonResponse(
        z.object({ items: z.array(invoiceSchema), nextCursor: z.string().nullable() }),
        'Invoices',
      ),
      ...standardErrors,
    },
  }),
  async (c) => {
    const { db } = c.get('deps');
    const granted = await authorizeWorkspace(db, c.get('actor'), c.req.valid('param').workspaceId, 'manage');
    const { cursor, limit } = c.req.valid('query');
    const rows = await listInvoices(db, granted.workspaceId, { cursor: decodeCursor(cursor), limit });
    return c.json(
      { items: rows.slice(0, limit).map(presentInvoice), nextCursor: nextCursorOf(rows, limit) },
      200,
    );
  },
);

billingRouter.openapi(
  createRoute({
    method: 'post',
    path: '/workspaces/{workspaceId}/billing/checkout',
    tags,
    security,
    summary: 'A checkout link to subscribe to a plan (admin)',
    request: { params: workspaceParams, body: jsonBody(checkoutBodySchema) },
    responses: linkResponses('Checkout URL'),
  }),
  async (c) => {
    const deps = c.get('deps');
    const user = requireUser(c);
    const granted = await authorizeWorkspace(deps.db, user, c.req.valid('param').workspaceId, 'manage');
    return c.json(
      await createCheckoutLink(deps, {
        workspaceId: granted.workspaceId,
        customerEmail: user.email,
        ...c.req.valid('json'),
      }),
      200,
    );
  },
);

billingRouter.openapi(
  createRoute({
    method: 'post',
    path: '/workspaces/{workspaceId}/billing/credit-packs',
    tags,
    security,
    summary: 'A checkout link to buy a pack of credits (admin)',
    request: { params: workspaceParams, body: jsonBody(creditPackCheckoutBodySchema) },
    responses: linkResponses('Checkout URL'),
  }),
  async (c) => {
    const deps = c.get('deps');
    const user = requireUser(c);
    const granted = await authorizeWorkspace(deps.db, user, c.req.valid('param').workspaceId, 'manage');
    return c.json(
      await createCreditPackCheckout(deps, {
        workspaceId: granted.workspaceId,
        customerEmail: user.email,
        ...c.req.valid('json'),
      }),
      200,
    );
  },
);

billingRouter.openapi(
  createRoute({
    method: 'post',
    path: '/workspaces/{workspaceId}/billing/portal',
    tags,
    security,
    summary: "A link to the provider's customer portal (admin)",
    request: { params: workspaceParams },
    responses: linkResponses('Portal URL'),
  }),
  async (c) => {
    const deps = c.get('deps');
    const granted = await authorizeWorkspace(
      deps.db,
      requireUser(c),
      c.req.valid('param').workspaceId,
      'manage',
    );
    return c.json(await createPortalLink(deps, granted.workspaceId), 200);
  },
);

billingRouter.openapi(
  createRoute({
    method: 'get',
    path: '/plans',
    tags,
    summary: 'Active plans for the pricing page (no sign-in needed)',
    responses: { 200: jsonResponse(z.object({ items: z.array(planSchema) }), 'Plans'), ...standardErrors },
  }),
  async (c) => {
    const rows = await listPlans(c.get('deps').db, { activeOnly: true });
    return c.json({ items: rows.map(({ features, ...plan }) => presentPlan(plan, features)) }, 200);
  },
);
