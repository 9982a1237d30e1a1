import { createRoute, z } from '@hono/zod-openapi';
import { desc, eq, ilike, or } from 'drizzle-orm';
import {
  auditContextOf,
  createRouter,
  idParam,
  jsonBody,
  jsonResponse,
  security,
  standardErrors,
} from '../../http/router.ts';
import { timestamp } from '../../http/schemas.ts';
import { notFound } from '../../platform/errors.ts';
import { decodeCursor, nextCursorOf, pageQuerySchema } from '../../platform/pagination.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { applyCreditChange, listOperationCosts, setOperationCost } from '../credits/credits.service.ts';
import { planBodySchema, planSchema, planUpdateBodySchema, presentPlan } from '../plans/plans.schemas.ts';
import {
  getPlanByKey,
  listFeatureCatalogue,
  listPlans,
  savePlan,
  setFeatureOverride,
  setWorkspacePlan,
} from '../plans/plans.service.ts';
import { requireStaff } from '../staff/staff.service.ts';
import { listWebhookEvents, replayWebhookEvent } from '../webhooks/webhooks.service.ts';
import { workspaces } from '../workspaces/workspaces.table.ts';
import { staffWorkspaceBillingRouter } from './staff-workspace-billing.routes.ts';

const tags = ['Staff: billing'];
export const staffBillingRouter = createRouter();
staffBillingRouter.route('/', staffWorkspaceBillingRouter);
const workspaceParams = z.object({ workspaceId: idParam('workspaceId') });
const staffPlanSchema = planSchema
  .extend({ providerPriceIds: z.record(z.string(), z.string()) })
  .openapi('StaffPlan');

staffBillingRouter.openapi(
  createRoute({
    method: 'get',
    path: '/staff/plans',
    tags,
    security,
    summary: 'Every plan, active or not',
    responses: {
      200: jsonResponse(z.object({ items: z.array(staffPlanSchema) }), 'Plans'),
      ...standardErrors,
    },
  }),
  async (c) => {
    const { db } = c.get('deps');
    await requireStaff(db, c.get('actor'), 'billing.read');
    const rows = await listPlans(db, { activeOnly: false });
    return c.json(
      {
        items: rows.map(({ features, ...plan }) => ({
          ...presentPlan(plan, features),
          providerPriceIds: plan.providerPriceIds,
        })),
      },
      200,
    );
  },
);

staffBillingRouter.openapi(
  createRoute({
    method: 'post',
    path: '/staff/plans',
    tags,
    security,
    summary: 'Create a plan',
    request: { body: jsonBody(planBodySchema) },
    responses: { 201: jsonResponse(staffPlanSchema, 'Created'), ...standardErrors },
  }),
  async (c) => {
    const { db } = c.get('deps');
    await requireStaff(db, c.get('actor'), 'billing.manage');
    const body = c.req.valid('json');
    const plan = await savePlan(db, auditContextOf(c, { asStaff: true }), body);
    return c.json(
      { ...presentPlan(plan, body.features ?? []), providerPriceIds: plan.providerPriceIds },
      201,
    );
  },
);

staffBillingRouter.openapi(
  createRoute({
    method: 'patch',
    path: '/staff/plans/{planId}',
    tags,
    security,
    summary: 'Change any field of a plan, or its features',
    request: { params: z.object({ planId: idParam('planId') }), body: jsonBody(planUpdateBodySchema) },
    responses: { 200: jsonResponse(staffPlanSchema, 'Updated'), ...standardErrors },
  }),
  async (c) => {
    const { db } = c.get('deps');
    await requireStaff(db, c.get('actor'), 'billing.manage');
    const plan = await savePlan(
      db,
      auditContextOf(c, { asStaff: true }),
      c.req.valid('json'),
      c.req.valid('param').planId,
    );
    const withFeatures = (await listPlans(db, { activeOnly: false })).find((p) => p.id === plan.id);
    return c.json(
      { ...presentPlan(plan, withFeatures?.features ?? []), providerPriceIds: plan.providerPriceIds },
      200,
    );
  },
);

staffBillingRouter.openapi(
  createRoute({
    method: 'get',
    path: '/staff/features',
    tags,
    security,
    summary: 'The feature catalogue',
    responses: {
      200: jsonResponse(
        z.object({
          items: z.array(z.object({ key: z.string(), name: z.string(), description: z.string().nullable() })),
        }),
        'Features',
      ),
      ...standardErrors,
    },
  }),
  async (c) => {
    const { db } = c.get('deps');
    await requireStaff(db, c.get('actor'), 'billing.read');
    const rows = await listFeatureCatalogue(db);
    return c.json({ items: rows.map(({ key, name, description }) => ({ key, name, description })) }, 200);
  },
);

const operationCostSchema = z
  .object({ operationType: z.string(), planId: z.string().nullable(), credits: z.number() })
  .openapi('OperationCost');

staffBillingRouter.openapi(
  createRoute({
    method: 'get',
    path: '/staff/operation-costs',
    tags,
    security,
    summary: 'Credits per operation, with per-plan overrides',
    responses: {
      200: jsonResponse(z.object({ items: z.array(operationCostSchema) }), 'Costs'),
      ...standardErrors,
    },
  }),
  async (c) => {
    const { db } = c.get('deps');
    await requireStaff(db, c.get('actor'), 'billing.read');
    const rows = await listOperationCosts(db);
    return c.json(
      { items: rows.map(({ operationType, planId, credits }) => ({ operationType, planId, credits })) },
      200,
    );
  },
);

staffBillingRouter.openapi(
  createRoute({
    method: 'put',
    path: '/staff/operation-costs',
    tags,
    security,
    summary: 'Set the cost of an operation (planId null: the default); credits null removes a plan override',
    request: {
      body: jsonBody(
        z
          .object({
            operationType: z.string().regex(/^[a-z][a-z0-9_.]{1,63}$/),
            planId: z.string().min(1).max(100).nullable().default(null),
            credits: z.number().int().min(0).max(1_000_000).nullable(),
          })
          .strict(),
      ),
    },
    responses: { 204: { description: 'Saved' }, ...standardErrors },
  }),
  async (c) => {
    const { db } = c.get('deps');
    await requireStaff(db, c.get('actor'), 'billing.manage');
    const body = c.req.valid('json');
    if (body.planId && !(await listPlans(db, { activeOnly: false })).some((p) => p.id === body.planId))
      throw notFound('Plan');
    await setOperationCost(db, body);
    await recordAudit(db, auditContextOf(c, { asStaff: true }), {
      action: 'operation_cost.set',
      entityType: 'operation_cost',
      entityId: body.operationType,
      details: body,
    });
    return c.body(null, 204);
  },
);

staffBillingRouter.openapi(
  createRoute({
    method: 'get',
    path: '/staff/workspaces',
    tags,
    security,
    summary: 'Find workspaces by name or slug',
    request: { query: z.object({ q: z.string().trim().max(200).optional() }) },
    responses: {
      200: jsonResponse(
        z.object({
          items: z.array(
            z.object({ id: z.string(), name: z.string(), slug: z.string(), createdAt: timestamp() }),
          ),
        }),
        'Workspaces',
      ),
      ...standardErrors,
    },
  }),
  async (c) => {
    const { db } = c.get('deps');
    await requireStaff(db, c.get('actor'), 'billing.read');
    const q = c.req.valid('query').q;
    const pattern = q ? `%${q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%` : undefined;
    const rows = await db
      .select()
      .from(workspaces)
      .where(pattern ? or(ilike(workspaces.name, pattern), ilike(workspaces.slug, pattern)) : undefined)
      .orderBy(desc(workspaces.createdAt))
      .limit(50);
    return c.json(
      {
        items: rows.map((w) => ({
          id: w.id,
          name: w.name,
          slug: w.slug,
          createdAt: w.createdAt.toISOString(),
        })),
      },
      200,
    );
  },
);

staffBillingRouter.openapi(
  createRoute({
    method: 'post',
    path: '/staff/workspaces/{workspaceId}/credits',
    tags,
    security,
    summary: 'Grant (or with a negative amount, adjust) credits',
    request: {
      params: workspaceParams,
      body: jsonBody(
        z
          .object({
            amount: z
              .number()
              .int()
              .min(-1_000_000)
              .max(1_000_000)
              .refine((n) => n !== 0, 'Not zero'),
            reason: z.enum(['grant', 'bonus', 'adjustment', 'refund']).default('grant'),
            note: z.string().trim().max(500).optional(),
            idempotencyKey: z.string().min(8).max(100).optional(),
          })
          .strict(),
      ),
    },
    responses: {
      200: jsonResponse(z.object({ balance: z.number(), isDuplicate: z.boolean() }), 'Applied'),
      ...standardErrors,
    },
  }),
  async (c) => {
    const { db } = c.get('deps');
    const staff = await requireStaff(db, c.get('actor'), 'billing.manage');
    const { workspaceId } = c.req.valid('param');
    const body = c.req.valid('json');
    const [workspace] = await db
      .select({ id: workspaces.id })
      .from(workspaces)
      .where(eq(workspaces.id, workspaceId));
    if (!workspace) throw notFound('Workspace');
    const result = await applyCreditChange(db, {
      workspaceId,
      amount: body.amount,
      operationType: 'staff_grant',
      reason: body.reason,
      idempotencyKey: body.idempotencyKey ?? `staff:${crypto.randomUUID()}`,
      details: { note: body.note ?? null },
      actor: { type: 'staff', id: staff.userId },
    });
    await recordAudit(db, auditContextOf(c, { asStaff: true }), {
      action: 'credits.granted',
      entityType: 'workspace',
      entityId: workspaceId,
      workspaceId,
      details: { amount: body.amount, reason: body.reason },
    });
    return c.json({ balance: result.balanceAfter, isDuplicate: result.isDuplicate }, 200);
  },
);

staffBillingRouter.openapi(
  createRoute({
    method: 'put',
    path: '/staff/workspaces/{workspaceId}/plan',
    tags,
    security,
    summary: 'Put a workspace on a plan by hand (manual billing)',
    request: {
      params: workspaceParams,
      body: jsonBody(z.object({ planKey: z.string().min(1).max(40) }).strict()),
    },
    responses: { 204: { description: 'Set' }, ...standardErrors },
  }),
  async (c) => {
    const { db } = c.get('deps');
    await requireStaff(db, c.get('actor'), 'billing.manage');
    const { workspaceId } = c.req.valid('param');
    const plan = await getPlanByKey(db, c.req.valid('json').planKey);
    if (!plan) throw notFound('Plan');
    const [workspace] = await db
      .select({ id: workspaces.id })
      .from(workspaces)
      .where(eq(workspaces.id, workspaceId));
    if (!workspace) throw notFound('Workspace');
    await db.transaction((tx) =>
      setWorkspacePlan(tx, auditContextOf(c, { asStaff: true }), workspaceId, plan.id, 'manual'),
    );
    return c.body(null, 204);
  },
);

staffBillingRouter.openapi(
  createRoute({
    method: 'put',
    path: '/staff/workspaces/{workspaceId}/features/{featureKey}',
    tags,
    security,
    summary: 'Grant (true) or revoke (false) a feature for one workspace; null follows the plan again',
    request: {
      params: workspaceParams.extend({ featureKey: idParam('featureKey') }),
      body: jsonBody(z.object({ isEnabled: z.boolean().nullable() }).strict()),
    },
    responses: { 204: { description: 'Saved' }, ...standardErrors },
  }),
  async (c) => {
    const { db } = c.get('deps');
    const staff = await requireStaff(db, c.get('actor'), 'billing.manage');
    const { workspaceId, featureKey } = c.req.valid('param');
    const [workspace] = await db
      .select({ id: workspaces.id })
      .from(workspaces)
      .where(eq(workspaces.id, workspaceId));
    if (!workspace) throw notFound('Workspace');
    await setFeatureOverride(db, auditContextOf(c, { asStaff: true }), {
      workspaceId,
      featureKey,
      isEnabled: c.req.valid('json').isEnabled,
      actorUserId: staff.userId,
    });
    return c.body(null, 204);
  },
);

const webhookEventSchema = z
  .object({
    id: z.string(),
    source: z.string(),
    eventType: z.string(),
    externalId: z.string(),
    processed: z.boolean(),
    processedAt: timestamp().nullable(),
    error: z.string().nullable(),
    retryCount: z.number(),
    receivedAt: timestamp(),
    payload: z.unknown(),
  })
  .openapi('WebhookEvent');

staffBillingRouter.openapi(
  createRoute({
    method: 'get',
    path: '/staff/webhook-events',
    tags,
    security,
    summary: 'Inbound webhook log',
    request: {
      query: pageQuerySchema.extend({
        source: z.string().max(40).optional(),
        state: z.enum(['pending', 'failed', 'processed']).optional(),
      }),
    },
    responses: {
      200: jsonResponse(
        z.object({ items: z.array(webhookEventSchema), nextCursor: z.string().nullable() }),
        'Events',
      ),
      ...standardErrors,
    },
  }),
  async (c) => {
    const { db } = c.get('deps');
    await requireStaff(db, c.get('actor'), 'billing.read');
    const { cursor, limit, source, state } = c.req.valid('query');
    const rows = await listWebhookEvents(db, { source, state, cursor: decodeCursor(cursor), limit });
    const items = rows.slice(0, limit).map((e) => ({
      ...e,
      processedAt: e.processedAt?.toISOString() ?? null,
      receivedAt: e.receivedAt.toISOString(),
    }));
    return c.json(
      {
        items,
        nextCursor: nextCursorOf(
          rows.map((r) => ({ ...r, createdAt: r.receivedAt })),
          limit,
        ),
      },
      200,
    );
  },
);

staffBillingRouter.openapi(
  createRoute({
    method: 'post',
    path: '/staff/webhook-events/{eventId}/replay',
    tags,
    security,
    summary: 'Process a stored webhook event again',
    request: { params: z.object({ eventId: idParam('eventId') }) },
    responses: { 202: jsonResponse(z.object({ queued: z.boolean() }), 'Queued'), ...standardErrors },
  }),
  async (c) => {
    const deps = c.get('deps');
    await requireStaff(deps.db, c.get('actor'), 'webhooks.replay');
    const eventId = c.req.valid('param').eventId;
    const event = await replayWebhookEvent(deps, eventId);
    if (!event) throw notFound('Webhook event');
    await recordAudit(deps.db, auditContextOf(c, { asStaff: true }), {
      action: 'webhook_event.replayed',
      entityType: 'webhook_event',
      entityId: eventId,
      details: { source: event.source, type: event.eventType },
    });
    return c.json({ queued: true }, 202);
  },
);
