import { and, asc, eq } from 'drizzle-orm';
import type { Database } from '../../platform/db.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { type AuditContext, recordAudit } from '../audit/audit.service.ts';
import type { PlanBody, PlanUpdateBody } from './plans.schemas.ts';
import {
  type BillingSource,
  features,
  type MeteredUnit,
  planFeatures,
  plans,
  workspaceFeatureOverrides,
  workspacePlans,
} from './plans.table.ts';

export type Plan = typeof plans.$inferSelect;
export const defaultPlanKey = 'free';

export async function getPlanByKey(db: Database, key: string): Promise<Plan | null> {
  const [plan] = await db.select().from(plans).where(eq(plans.key, key));
  return plan ?? null;
}

export async function getPlanById(db: Database, id: string): Promise<Plan | null> {
  const [plan] = await db.select().from(plans).where(eq(plans.id, id));
  return plan ?? null;
}

/** The workspace's plan; a workspace never assigned one is on `free`. */
export async function getWorkspacePlan(db: Database, workspaceId: string): Promise<Plan> {
  const [row] = await db
    .select({ plan: plans })
    .from(workspacePlans)
    .innerJoin(plans, eq(plans.id, workspacePlans.planId))
    .where(eq(workspacePlans.workspaceId, workspaceId));
  if (row) return row.plan;
  const free = await getPlanByKey(db, defaultPlanKey);
  if (!free) throw new AppError('not_configured', 'The free plan is missing from the plan catalogue');
  return free;
}

/** `null` means unlimited. */
export function limitOf(plan: Plan, unit: MeteredUnit): number | null {
  const limit = plan.limits[unit];
  return typeof limit === 'number' ? limit : null;
}

export async function setWorkspacePlan(
  db: Database,
  audit: AuditContext,
  workspaceId: string,
  planId: string,
  source: BillingSource,
) {
  const values = { workspaceId, planId, source, updatedAt: new Date() };
  await db
    .insert(workspacePlans)
    .values(values)
    .onConflictDoUpdate({
      target: workspacePlans.workspaceId,
      set: { planId, source, updatedAt: values.updatedAt },
    });
  await recordAudit(db, audit, {
    action: 'workspace.plan_changed',
    entityType: 'workspace',
    entityId: workspaceId,
    workspaceId,
    details: { planId, source },
  });
}

/** Every feature key with whether the workspace has it: the override if any, else the plan's grant. */
export async function resolveFeatures(
  db: Database,
  workspaceId: string,
  plan: Plan,
): Promise<Record<string, boolean>> {
  const [catalogue, granted, overrides] = await Promise.all([
    db.select({ key: features.key }).from(features),
    db.select({ key: planFeatures.featureKey }).from(planFeatures).where(eq(planFeatures.planId, plan.id)),
    db
      .select({ key: workspaceFeatureOverrides.featureKey, isEnabled: workspaceFeatureOverrides.isEnabled })
      .from(workspaceFeatureOverrides)
      .where(eq(workspaceFeatureOverrides.workspaceId, workspaceId)),
  ]);
  const grantedKeys = new Set(granted.map((g) => g.key));
  const result: Record<string, boolean> = {};
  for (const { key } of catalogue) result[key] = grantedKeys.has(key);
  for (const override of overrides) result[override.key] = override.isEnabled;
  return result;
}

/** The one feature check used by every route and (through /entitlements) the UI. */
export async function can(db: Database, workspaceId: string, featureKey: string): Promise<boolean> {
  const [override] = await db
    .select({ isEnabled: workspaceFeatureOverrides.isEnabled })
    .from(workspaceFeatureOverrides)
    .where(
      and(
        eq(workspaceFeatureOverrides.workspaceId, workspaceId),
        eq(workspaceFeatureOverrides.featureKey, featureKey),
      ),
    );
  if (override) return override.isEnabled;
  const plan = await getWorkspacePlan(db, workspaceId);
  const [grant] = await db
    .select({ key: planFeatures.featureKey })
    .from(planFeatures)
    .where(and(eq(planFeatures.planId, plan.id), eq(planFeatures.featureKey, featureKey)));
  return Boolean(grant);
}

export async function requireFeature(db: Database, workspaceId: string, featureKey: string): Promise<void> {
  if (!(await can(db, workspaceId, featureKey))) {
    throw new AppError('payment_required', `Your plan does not include ${featureKey}; upgrade to use it`, {
      feature: featureKey,
    });
  }
}

export async function listPlans(db: Database, options: { activeOnly: boolean }) {
  const rows = await db
    .select()
    .from(plans)
    .where(options.activeOnly ? eq(plans.isActive, true) : undefined)
    .orderBy(asc(plans.sortOrder), asc(plans.key));
  const grants = await db.select().from(planFeatures);
  return rows.map((plan) => ({
    ...plan,
    features: grants
      .filter((g) => g.planId === plan.id)
      .map((g) => g.featureKey)
      .sort(),
  }));
}

export async function listFeatureCatalogue(db: Database) {
  return db.select().from(features).orderBy(asc(features.key));
}

/** Creates a plan, or changes the fields an update names, with its feature grants (staff). */
export function savePlan(db: Database, audit: AuditContext, body: PlanBody): Promise<Plan>;
export function savePlan(
  db: Database,
  audit: AuditContext,
  body: PlanUpdateBody,
  planId: string,
): Promise<Plan>;
export async function savePlan(
  db: Database,
  audit: AuditContext,
  body: PlanBody | PlanUpdateBody,
  planId?: string,
): Promise<Plan> {
  const { features: featureKeys, ...fields } = body;
  return db.transaction(async (tx) => {
    const known = new Set((await tx.select({ key: features.key }).from(features)).map((f) => f.key));
    const unknown = (featureKeys ?? []).filter((key) => !known.has(key));
    if (unknown.length)
      throw new AppError('validation_failed', 'Unknown feature keys', [
        { path: 'features', message: unknown.join(', ') },
      ]);
    let plan: Plan | undefined;
    const holder = fields.key ? await getPlanByKey(tx, fields.key) : null;
    if (holder && holder.id !== planId)
      throw new AppError('conflict', `A plan with key ${fields.key} exists`);
    if (planId) {
      [plan] = await tx
        .update(plans)
        .set({ ...fields, updatedAt: new Date() })
        .where(eq(plans.id, planId))
        .returning();
      if (!plan) throw notFound('Plan');
    } else {
      // The overloads make a creation always carry a full body.
      [plan] = await tx
        .insert(plans)
        .values(fields as Omit<PlanBody, 'features'>)
        .returning();
      if (!plan) throw new Error('plan not created');
    }
    if (featureKeys) {
      await tx.delete(planFeatures).where(eq(planFeatures.planId, plan.id));
      if (featureKeys.length)
        await tx
          .insert(planFeatures)
          .values(featureKeys.map((featureKey) => ({ planId: plan.id, featureKey })));
    }
    await recordAudit(tx, audit, {
      action: planId ? 'plan.updated' : 'plan.created',
      entityType: 'plan',
      entityId: plan.id,
      details: { key: plan.key },
    });
    return plan;
  });
}

export async function setFeatureOverride(
  db: Database,
  audit: AuditContext,
  input: { workspaceId: string; featureKey: string; isEnabled: boolean | null; actorUserId: string | null },
) {
  await db.transaction(async (tx) => {
    const [feature] = await tx.select().from(features).where(eq(features.key, input.featureKey));
    if (!feature) throw notFound('Feature');
    const where = and(
      eq(workspaceFeatureOverrides.workspaceId, input.workspaceId),
      eq(workspaceFeatureOverrides.featureKey, input.featureKey),
    );
    if (input.isEnabled === null) await tx.delete(workspaceFeatureOverrides).where(where);
    else
      await tx
        .insert(workspaceFeatureOverrides)
        .values({
          workspaceId: input.workspaceId,
          featureKey: input.featureKey,
          isEnabled: input.isEnabled,
          createdBy: input.actorUserId,
        })
        .onConflictDoUpdate({
          target: [workspaceFeatureOverrides.workspaceId, workspaceFeatureOverrides.featureKey],
          set: { isEnabled: input.isEnabled },
        });
    await recordAudit(tx, audit, {
      action:
        input.isEnabled === null
          ? 'feature.override_removed'
          : input.isEnabled
            ? 'feature.granted'
            : 'feature.revoked',
      entityType: 'feature',
      entityId: input.featureKey,
      workspaceId: input.workspaceId,
    });
  });
}

/** For staff: the workspace's plan source and, per catalogue feature, the plan's grant and any override. */
export async function describeWorkspaceEntitlements(db: Database, workspaceId: string, plan: Plan) {
  const [catalogue, granted, overrides, [assignment]] = await Promise.all([
    listFeatureCatalogue(db),
    db.select({ key: planFeatures.featureKey }).from(planFeatures).where(eq(planFeatures.planId, plan.id)),
    db
      .select({ key: workspaceFeatureOverrides.featureKey, isEnabled: workspaceFeatureOverrides.isEnabled })
      .from(workspaceFeatureOverrides)
      .where(eq(workspaceFeatureOverrides.workspaceId, workspaceId)),
    db
      .select({ source: workspacePlans.source })
      .from(workspacePlans)
      .where(eq(workspacePlans.workspaceId, workspaceId)),
  ]);
  const grantedKeys = new Set(granted.map((g) => g.key));
  const overrideOf = new Map(overrides.map((o) => [o.key, o.isEnabled]));
  return {
    planSource: assignment?.source ?? null,
    features: catalogue.map(({ key, name, description }) => {
      const override = overrideOf.get(key) ?? null;
      const isPlanGranted = grantedKeys.has(key);
      return { key, name, description, isPlanGranted, override, isEnabled: override ?? isPlanGranted };
    }),
  };
}
