import { and, eq, sql } from 'drizzle-orm';
import type { AppDeps, RequestInfo } from '../../app-context.ts';
import type { Database } from '../../platform/db.ts';
import { rowsOf } from '../../platform/db-errors.ts';
import { AppError } from '../../platform/errors.ts';
import { notifyWorkspaceAdmins } from '../notifications/notifications.service.ts';
import { getWorkspacePlan, limitOf, type Plan } from '../plans/plans.service.ts';
import { type MeteredUnit, meteredUnits } from '../plans/plans.table.ts';
import { usageCounters, usageEvents } from './usage.table.ts';
import { liveGauges } from './usage-gauges.ts';
import { currentUsagePeriod, type UsagePeriod } from './usage-period.ts';

export interface UsageInput {
  workspaceId: string;
  unit: MeteredUnit;
  quantity: number;
  operationType?: string;
  tokensInput?: number;
  tokensOutput?: number;
  costUsdMicros?: number;
  request?: RequestInfo | null;
  /** The same key twice counts once. */
  idempotencyKey?: string;
}

type UsageDeps = Pick<AppDeps, 'queue' | 'config' | 'clock'>;

const unitLabels: Record<MeteredUnit, string> = {
  generations: 'generations',
  entries_published: 'published changelog entries',
  ai_rewrites: 'AI rewrites',
  voice_minutes: 'voice minutes',
  images: 'images',
  videos: 'videos',
  api_calls: 'API calls',
  seats: 'seats',
  connected_repos: 'connected repositories',
  storage_bytes: 'storage',
};

async function usedIn(
  db: Database,
  workspaceId: string,
  unit: MeteredUnit,
  period: UsagePeriod,
): Promise<number> {
  const [row] = await db
    .select({ used: usageCounters.used })
    .from(usageCounters)
    .where(
      and(
        eq(usageCounters.workspaceId, workspaceId),
        eq(usageCounters.unit, unit),
        eq(usageCounters.periodStart, period.start),
      ),
    );
  return row?.used ?? 0;
}

export function allowsOverage(plan: Plan, unit: MeteredUnit): boolean {
  return typeof plan.overagePrices[unit] === 'number';
}

/** Checks before work starts: throws `quota_exceeded` (429) when `quantity` more would pass the limit. */
export async function checkQuota(
  db: Database,
  workspaceId: string,
  unit: MeteredUnit,
  quantity: number,
  now: Date,
  knownPlan?: Plan,
) {
  const plan = knownPlan ?? (await getWorkspacePlan(db, workspaceId));
  const limit = limitOf(plan, unit);
  if (limit === null || allowsOverage(plan, unit)) return;
  const period = await currentUsagePeriod(db, workspaceId, now);
  const used = await usedIn(db, workspaceId, unit, period);
  if (used + quantity > limit) throw quotaError(unit, used, limit, period);
}

function quotaError(unit: MeteredUnit, used: number, limit: number, period: UsagePeriod) {
  return new AppError(
    'quota_exceeded',
    `Your plan's ${unitLabels[unit]} for this period are used up (${used} of ${limit}); it resets ${period.end.toISOString()}`,
    {
      unit,
      used,
      limit,
      resetsAt: period.end.toISOString(),
    },
  );
}

/**
 * Counts usage atomically: the increment only happens while it stays within the limit (unless the
 * plan prices overage), so concurrent requests cannot overshoot. Logs the event and sends the 80%
 * and 100% warnings once per period. The log row, the counter and the warnings commit together; with
 * an idempotency key the log row is written first and a retry of the same key finds it and counts
 * nothing (a concurrent retry waits for the first to commit or roll back).
 */
export async function recordUsage(deps: UsageDeps, db: Database, input: UsageInput) {
  const now = deps.clock.now();
  return db.transaction(async (tx) => {
    const plan = await getWorkspacePlan(tx, input.workspaceId);
    const limit = limitOf(plan, input.unit);
    const hardLimit = limit !== null && !allowsOverage(plan, input.unit) ? limit : null;
    const period = await currentUsagePeriod(tx, input.workspaceId, now);
    const outcome = (used: number, isDuplicate: boolean) => ({
      used,
      limit,
      remaining: limit === null ? null : Math.max(0, limit - used),
      periodEnd: period.end,
      isDuplicate,
    });
    if (hardLimit !== null && input.quantity > hardLimit) throw quotaError(input.unit, 0, hardLimit, period);
    const [logged] = await tx
      .insert(usageEvents)
      .values({
        workspaceId: input.workspaceId,
        unit: input.unit,
        quantity: input.quantity,
        operationType: input.operationType ?? null,
        tokensInput: input.tokensInput ?? null,
        tokensOutput: input.tokensOutput ?? null,
        costUsdMicros: input.costUsdMicros ?? null,
        userAgent: input.request?.userAgent ?? null,
        ipAddress: input.request?.ipAddress ?? null,
        idempotencyKey: input.idempotencyKey ?? null,
        periodStart: period.start,
      })
      .onConflictDoNothing()
      .returning({ id: usageEvents.id });
    if (!logged) return outcome(await usedIn(tx, input.workspaceId, input.unit, period), true);
    const guard = hardLimit === null ? sql`` : sql`where usage_counters.used + excluded.used <= ${hardLimit}`;
    const result = await tx.execute(sql`
      insert into usage_counters (workspace_id, unit, period_start, period_end, used)
      values (${input.workspaceId}, ${input.unit}, ${period.start.toISOString()}::timestamptz, ${period.end.toISOString()}::timestamptz, ${input.quantity})
      on conflict (workspace_id, unit, period_start) do update set used = usage_counters.used + excluded.used ${guard}
      returning used`);
    const row = rowsOf<{ used: number | string }>(result)[0];
    // Throwing rolls the log row back with the refused increment.
    if (!row)
      throw quotaError(
        input.unit,
        await usedIn(tx, input.workspaceId, input.unit, period),
        hardLimit ?? 0,
        period,
      );
    const used = Number(row.used);
    if (limit !== null && limit > 0) await warnOnThresholds(deps, tx, input, period, used, limit);
    return outcome(used, false);
  });
}

export async function warnOnThresholds(
  deps: UsageDeps,
  db: Database,
  input: Pick<UsageInput, 'workspaceId' | 'unit'>,
  period: UsagePeriod,
  used: number,
  limit: number,
) {
  const key = and(
    eq(usageCounters.workspaceId, input.workspaceId),
    eq(usageCounters.unit, input.unit),
    eq(usageCounters.periodStart, period.start),
  );
  for (const [percent, column, flag] of [
    [100, usageCounters.hasWarned100, 'hasWarned100'],
    [80, usageCounters.hasWarned80, 'hasWarned80'],
  ] as const) {
    if (used * 100 < limit * percent) continue;
    // Flip the flag only once: the UPDATE … WHERE flag = false decides which request sends it.
    const [flipped] = await db
      .update(usageCounters)
      .set(percent === 100 ? { hasWarned100: true, hasWarned80: true } : { [flag]: true })
      .where(and(key, eq(column, false)))
      .returning({ used: usageCounters.used });
    if (!flipped) continue;
    await notifyWorkspaceAdmins(deps, db, input.workspaceId, {
      type: 'usage_warning',
      title:
        percent === 100
          ? `You have used all your ${unitLabels[input.unit]}`
          : `You have used ${percent}% of your ${unitLabels[input.unit]}`,
      message: `${used} of ${limit} ${unitLabels[input.unit]} used this period. The counter resets on ${period.end.toISOString().slice(0, 10)}.`,
      actionUrl: `/w/${input.workspaceId}/billing`,
    });
    break;
  }
}

export type UsageRelease = 'released' | 'already_released' | 'not_counted';

/**
 * Gives back the usage counted under `idempotencyKey` (a failed operation): once, and from the
 * counter of the period it was counted in, even if that period has ended. The release is logged as a
 * negative event under `refund:<key>`, which is also what makes a second release a no-op.
 */
export async function releaseUsage(
  db: Database,
  workspaceId: string,
  idempotencyKey: string,
): Promise<UsageRelease> {
  return db.transaction(async (tx) => {
    const [counted] = await tx
      .select()
      .from(usageEvents)
      .where(and(eq(usageEvents.workspaceId, workspaceId), eq(usageEvents.idempotencyKey, idempotencyKey)));
    if (!counted?.periodStart) return 'not_counted';
    const [logged] = await tx
      .insert(usageEvents)
      .values({
        workspaceId,
        unit: counted.unit,
        quantity: -counted.quantity,
        operationType: counted.operationType,
        idempotencyKey: `refund:${idempotencyKey}`,
        periodStart: counted.periodStart,
      })
      .onConflictDoNothing()
      .returning({ id: usageEvents.id });
    if (!logged) return 'already_released';
    await tx
      .update(usageCounters)
      .set({ used: sql`greatest(${usageCounters.used} - ${counted.quantity}, 0)` })
      .where(
        and(
          eq(usageCounters.workspaceId, workspaceId),
          eq(usageCounters.unit, counted.unit),
          eq(usageCounters.periodStart, counted.periodStart),
        ),
      );
    return 'released';
  });
}

export async function getUsageSummary(db: Database, workspaceId: string, now: Date) {
  const [plan, period, gauges] = await Promise.all([
    getWorkspacePlan(db, workspaceId),
    currentUsagePeriod(db, workspaceId, now),
    liveGauges(db, workspaceId, now),
  ]);
  const rows = await db
    .select({ unit: usageCounters.unit, used: usageCounters.used })
    .from(usageCounters)
    .where(and(eq(usageCounters.workspaceId, workspaceId), eq(usageCounters.periodStart, period.start)));
  // Seats, repositories and storage are what the workspace holds now, not a monthly count.
  const usedByUnit = new Map<string, number>([
    ...rows.map((r) => [r.unit, r.used] as const),
    ...Object.entries(gauges),
  ]);
  const units = meteredUnits.map((unit) => {
    const used = usedByUnit.get(unit) ?? 0;
    const limit = limitOf(plan, unit);
    const overagePrice = plan.overagePrices[unit] ?? null;
    const overageUnits = limit !== null && used > limit ? used - limit : 0;
    return {
      unit,
      used,
      limit,
      remaining: limit === null ? null : Math.max(0, limit - used),
      overagePriceCents: overagePrice,
      overageUnits,
      overageCents: overagePrice ? overageUnits * overagePrice : 0,
    };
  });
  return { plan, period, units };
}
