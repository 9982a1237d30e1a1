import type { AppDeps, RequestInfo } from '../../app-context.ts';
import type { Database } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import {
  applyCreditChange,
  type CreditChange,
  costOf,
  findLedgerEntry,
  getCreditBalance,
} from '../credits/credits.service.ts';
import { getWorkspacePlan, type Plan } from '../plans/plans.service.ts';
import type { MeteredUnit } from '../plans/plans.table.ts';
import { checkQuota, recordUsage, releaseUsage } from '../usage/usage.service.ts';
import { currentUsagePeriod } from '../usage/usage-period.ts';

type MeteringDeps = Pick<AppDeps, 'db' | 'queue' | 'config' | 'clock'>;

/**
 * Adds the plan's monthly credit grant once per usage period (idempotent by period), so a balance
 * is topped up whenever the workspace is next used or looked at after a period starts. Every way a
 * customer sees or spends credits (billing overview, entitlements, assertCanAfford, chargeOperation)
 * calls this first, which is why no scheduled job hands grants out: a period nobody touches gets
 * none, exactly as a job limited to active workspaces would behave. The grant follows the plan at
 * the period's first touch; a plan changed mid-period by staff gets its own grant from the next
 * period (a provider subscription starts a new period, and with it a grant, at once).
 */
export async function ensurePeriodGrant(deps: MeteringDeps, workspaceId: string): Promise<Plan> {
  const plan = await getWorkspacePlan(deps.db, workspaceId);
  if (plan.monthlyCredits <= 0) return plan;
  const period = await currentUsagePeriod(deps.db, workspaceId, deps.clock.now());
  const idempotencyKey = `period-grant:${period.start.toISOString()}`;
  // Almost every call finds the grant already given: one indexed read, instead of an insert that
  // fails on the unique key (an error and a rollback on the server) on every billing read and charge.
  if (await findLedgerEntry(deps.db, workspaceId, idempotencyKey)) return plan;
  await applyCreditChange(deps.db, {
    workspaceId,
    amount: plan.monthlyCredits,
    operationType: 'plan_grant',
    reason: 'grant',
    idempotencyKey,
    details: { plan: plan.key, periodStart: period.start.toISOString(), periodEnd: period.end.toISOString() },
    actor: { type: 'system', id: null },
  });
  return plan;
}

export interface MeteredOperation {
  workspaceId: string;
  unit: MeteredUnit;
  quantity: number;
  operationType: string;
  /** Identifies this operation; retries with the same key charge once. */
  idempotencyKey: string;
  actor: CreditChange['actor'];
  request?: RequestInfo | null;
  details?: Record<string, unknown>;
}

/** Before any work: quota and credits both suffice, or a 429/402 is thrown and nothing is written. */
export async function assertCanAfford(
  deps: MeteringDeps,
  operation: Omit<MeteredOperation, 'idempotencyKey' | 'actor'>,
) {
  // The plan read for the grant serves the quota and cost checks too.
  const plan = await ensurePeriodGrant(deps, operation.workspaceId);
  await checkQuota(
    deps.db,
    operation.workspaceId,
    operation.unit,
    operation.quantity,
    deps.clock.now(),
    plan,
  );
  const cost = (await costOf(deps.db, operation.operationType, plan.id)) * operation.quantity;
  const balance = await getCreditBalance(deps.db, operation.workspaceId);
  if (cost > balance) {
    throw new AppError(
      'insufficient_credits',
      `This needs ${cost} credits and the workspace has ${balance}`,
      { required: cost, balance },
    );
  }
  return { cost };
}

/**
 * assertCanAfford for a request made of several operations (a generation for three platforms is
 * three): one quota check per unit for the summed quantity, and the summed cost against the
 * balance, so the request is refused whole before any work instead of failing halfway.
 */
export async function assertCanAffordAll(
  deps: MeteringDeps,
  workspaceId: string,
  operations: Array<Pick<MeteredOperation, 'unit' | 'quantity' | 'operationType'>>,
) {
  const plan = await ensurePeriodGrant(deps, workspaceId);
  const quantities = new Map<MeteredUnit, number>();
  for (const op of operations) quantities.set(op.unit, (quantities.get(op.unit) ?? 0) + op.quantity);
  for (const [unit, quantity] of quantities) {
    await checkQuota(deps.db, workspaceId, unit, quantity, deps.clock.now(), plan);
  }
  let cost = 0;
  for (const op of operations) cost += (await costOf(deps.db, op.operationType, plan.id)) * op.quantity;
  const balance = await getCreditBalance(deps.db, workspaceId);
  if (cost > balance) {
    throw new AppError(
      'insufficient_credits',
      `This needs ${cost} credits and the workspace has ${balance}`,
      { required: cost, balance },
    );
  }
  return { cost };
}

/**
 * Charges a delivered operation: the usage counter and credits (by the staff-set cost for the
 * workspace's plan), in one transaction, so a refused quota takes no credits and a refused charge
 * counts no usage. The usage log row is written first under the operation's key: a retry of the
 * same key, even a concurrent one and even for an operation that costs nothing, charges once.
 */
export async function chargeOperation(
  deps: MeteringDeps,
  operation: MeteredOperation,
  tokens: { input?: number; output?: number; costUsdMicros?: number } = {},
) {
  await ensurePeriodGrant(deps, operation.workspaceId);
  return deps.db.transaction(async (tx) => {
    const plan = await getWorkspacePlan(tx, operation.workspaceId);
    const cost = (await costOf(tx, operation.operationType, plan.id)) * operation.quantity;
    const usage = await recordUsage(deps, tx, {
      workspaceId: operation.workspaceId,
      unit: operation.unit,
      quantity: operation.quantity,
      operationType: operation.operationType,
      tokensInput: tokens.input,
      tokensOutput: tokens.output,
      costUsdMicros: tokens.costUsdMicros,
      request: operation.request,
      idempotencyKey: operation.idempotencyKey,
    });
    if (usage.isDuplicate) {
      const earlier = await findLedgerEntry(tx, operation.workspaceId, operation.idempotencyKey);
      return {
        cost: earlier ? -earlier.amount : 0,
        isDuplicate: true,
        balanceAfter: earlier?.balanceAfter ?? (await getCreditBalance(tx, operation.workspaceId)),
      };
    }
    if (cost === 0) {
      return { cost, isDuplicate: false, balanceAfter: await getCreditBalance(tx, operation.workspaceId) };
    }
    const charged = await applyCreditChange(
      tx,
      {
        workspaceId: operation.workspaceId,
        amount: -cost,
        operationType: operation.operationType,
        reason: 'generation',
        idempotencyKey: operation.idempotencyKey,
        details: { unit: operation.unit, quantity: operation.quantity, ...operation.details },
        actor: operation.actor,
      },
      { inTransaction: true },
    );
    return { cost, isDuplicate: charged.isDuplicate, balanceAfter: charged.balanceAfter };
  });
}

export interface RefundResult {
  /** False when nothing was ever charged or counted under the key. */
  isRefunded: boolean;
  isDuplicate: boolean;
  credits: number;
}

/**
 * Undoes a charge after a failure, once: the credits that were actually charged (not today's cost)
 * and the usage released from the period it was counted in. A key that was never charged refunds
 * nothing.
 */
export async function refundOperation(
  deps: MeteringDeps,
  operation: Pick<MeteredOperation, 'workspaceId' | 'idempotencyKey' | 'actor'>,
  db: Database = deps.db,
): Promise<RefundResult> {
  return db.transaction(async (tx) => {
    const released = await releaseUsage(tx, operation.workspaceId, operation.idempotencyKey);
    const charge = await findLedgerEntry(tx, operation.workspaceId, operation.idempotencyKey);
    if (!charge || charge.amount >= 0) {
      if (released === 'not_counted') return { isRefunded: false, isDuplicate: false, credits: 0 };
      return { isRefunded: true, isDuplicate: released === 'already_released', credits: 0 };
    }
    const refund = await applyCreditChange(
      tx,
      {
        workspaceId: operation.workspaceId,
        amount: -charge.amount,
        operationType: charge.operationType,
        reason: 'refund',
        idempotencyKey: `refund:${operation.idempotencyKey}`,
        details: { refundOf: operation.idempotencyKey, entryId: charge.id },
        actor: operation.actor,
      },
      { inTransaction: true },
    );
    return { isRefunded: true, isDuplicate: refund.isDuplicate, credits: -charge.amount };
  });
}
