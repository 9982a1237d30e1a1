import { createRoute, z } from '@hono/zod-openapi';
import { eq } from 'drizzle-orm';
import { createRouter, idParam, jsonResponse, security, standardErrors } from '../../http/router.ts';
import { timestamp } from '../../http/schemas.ts';
import { notFound } from '../../platform/errors.ts';
import { getCreditBalance } from '../credits/credits.service.ts';
import { describeWorkspaceEntitlements, getWorkspacePlan } from '../plans/plans.service.ts';
import { billingSources } from '../plans/plans.table.ts';
import { requireStaff } from '../staff/staff.service.ts';
import { workspaces } from '../workspaces/workspaces.table.ts';

// One workspace's billing state as staff need it to set a plan, grant credits or override features:
// staff are usually not members, so the workspace's own /billing route would answer 404.
export const staffWorkspaceBillingRouter = createRouter();

const staffWorkspaceBillingSchema = z
  .object({
    workspace: z.object({ id: z.string(), name: z.string(), slug: z.string(), createdAt: timestamp() }),
    plan: z.object({ id: z.string(), key: z.string(), name: z.string() }),
    planSource: z.enum(billingSources).nullable(),
    credits: z.object({ balance: z.number() }),
    features: z.array(
      z.object({
        key: z.string(),
        name: z.string(),
        description: z.string().nullable(),
        isPlanGranted: z.boolean(),
        override: z.boolean().nullable(),
        isEnabled: z.boolean(),
      }),
    ),
  })
  .openapi('StaffWorkspaceBilling');

staffWorkspaceBillingRouter.openapi(
  createRoute({
    method: 'get',
    path: '/staff/workspaces/{workspaceId}',
    tags: ['Staff: billing'],
    security,
    summary: "A workspace's plan, credit balance and feature grants and overrides",
    request: { params: z.object({ workspaceId: idParam('workspaceId') }) },
    responses: { 200: jsonResponse(staffWorkspaceBillingSchema, 'Workspace billing'), ...standardErrors },
  }),
  async (c) => {
    const { db } = c.get('deps');
    await requireStaff(db, c.get('actor'), 'billing.read');
    const { workspaceId } = c.req.valid('param');
    const [workspace] = await db.select().from(workspaces).where(eq(workspaces.id, workspaceId));
    if (!workspace) throw notFound('Workspace');
    const plan = await getWorkspacePlan(db, workspaceId);
    const [balance, entitlements] = await Promise.all([
      getCreditBalance(db, workspaceId),
      describeWorkspaceEntitlements(db, workspaceId, plan),
    ]);
    return c.json(
      {
        workspace: {
          id: workspace.id,
          name: workspace.name,
          slug: workspace.slug,
          createdAt: workspace.createdAt.toISOString(),
        },
        plan: { id: plan.id, key: plan.key, name: plan.name },
        planSource: entitlements.planSource,
        credits: { balance },
        features: entitlements.features,
      },
      200,
    );
  },
);
