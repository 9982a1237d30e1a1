import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signUp, type TestApp } from '../../../../test/harness.ts';
import { createManualClock } from '../../platform/clock.ts';
import { AppError } from '../../platform/errors.ts';
import {
  applyCreditChange,
  getCreditBalance,
  ledgerSum,
  setOperationCost,
} from '../credits/credits.service.ts';
import { creditLedger } from '../credits/credits.table.ts';
import { getUsageSummary } from '../usage/usage.service.ts';
import { usageEvents } from '../usage/usage.table.ts';
import {
  assertCanAfford,
  chargeOperation,
  type MeteredOperation,
  refundOperation,
} from './metering.service.ts';

const clock = createManualClock(new Date('2032-02-10T10:00:00.000Z'));
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ clock });
});
afterAll(() => t.close());

const system = { type: 'system' as const, id: null };

function operation(
  workspaceId: string,
  key: string,
  extra: Partial<MeteredOperation> = {},
): MeteredOperation {
  return {
    workspaceId,
    unit: 'generations',
    quantity: 1,
    operationType: 'generation.x',
    idempotencyKey: key,
    actor: system,
    ...extra,
  };
}

async function topUp(workspaceId: string, amount: number) {
  await applyCreditChange(t.deps.db, {
    workspaceId,
    amount,
    operationType: 'staff_grant',
    reason: 'grant',
    idempotencyKey: `top-up-${crypto.randomUUID()}`,
    actor: system,
  });
}

async function generationsUsed(workspaceId: string) {
  const summary = await getUsageSummary(t.deps.db, workspaceId, clock.now());
  return summary.units.find((u) => u.unit === 'generations')?.used;
}

async function eventsOf(workspaceId: string) {
  return t.deps.db.select().from(usageEvents).where(eq(usageEvents.workspaceId, workspaceId));
}

async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('metering', () => {
  it('a charge takes the plan grant first, then the cost, and counts the usage', async () => {
    clock.set(new Date('2032-02-10T10:00:00.000Z'));
    const { workspaceId } = await signUp(t, 'metered@example.com');
    const charged = await chargeOperation(t.deps, operation(workspaceId, 'post-1'));
    expect(charged).toEqual({ cost: 1, isDuplicate: false, balanceAfter: 9 });
    expect(await generationsUsed(workspaceId)).toBe(1);
    expect(await ledgerSum(t.deps.db, workspaceId)).toBe(9);
  });

  it('before work, a used-up quota is refused with 429 and credits that do not cover with 402', async () => {
    clock.set(new Date('2032-02-10T10:00:00.000Z'));
    const { workspaceId } = await signUp(t, 'precheck@example.com');
    await expect(assertCanAfford(t.deps, operation(workspaceId, 'x'))).resolves.toEqual({ cost: 1 });
    const tooMany = await refusal(assertCanAfford(t.deps, operation(workspaceId, 'x', { quantity: 11 })));
    expect(tooMany).toMatchObject({ code: 'quota_exceeded', status: 429 });
    const tooDear = await refusal(
      assertCanAfford(
        t.deps,
        operation(workspaceId, 'x', { unit: 'images', operationType: 'image', quantity: 3 }),
      ),
    );
    expect(tooDear).toMatchObject({
      code: 'insufficient_credits',
      status: 402,
      details: { required: 15, balance: 10 },
    });
  });

  it('a charge the quota refuses takes no credits', async () => {
    clock.set(new Date('2032-02-10T10:00:00.000Z'));
    const { workspaceId } = await signUp(t, 'capped@example.com');
    await topUp(workspaceId, 100);
    for (let i = 0; i < 10; i++) await chargeOperation(t.deps, operation(workspaceId, `capped-${i}`));
    const balance = await getCreditBalance(t.deps.db, workspaceId);
    expect(balance).toBe(100);
    const error = await refusal(chargeOperation(t.deps, operation(workspaceId, 'capped-10')));
    expect(error.code).toBe('quota_exceeded');
    expect(await getCreditBalance(t.deps.db, workspaceId)).toBe(100);
    expect(await ledgerSum(t.deps.db, workspaceId)).toBe(100);
    expect(await generationsUsed(workspaceId)).toBe(10);
  });

  it('a charge the credits do not cover counts no usage', async () => {
    clock.set(new Date('2032-02-10T10:00:00.000Z'));
    const { workspaceId } = await signUp(t, 'broke@example.com');
    const error = await refusal(
      chargeOperation(
        t.deps,
        operation(workspaceId, 'img-1', { unit: 'images', operationType: 'image', quantity: 3 }),
      ),
    );
    expect(error.code).toBe('insufficient_credits');
    const summary = await getUsageSummary(t.deps.db, workspaceId, clock.now());
    expect(summary.units.find((u) => u.unit === 'images')?.used).toBe(0);
    expect(await eventsOf(workspaceId)).toEqual([]);
    expect(await getCreditBalance(t.deps.db, workspaceId)).toBe(10);
  });

  it('the same operation charged twice, or ten times at once, takes credits and counts usage once', async () => {
    clock.set(new Date('2032-02-10T10:00:00.000Z'));
    const { workspaceId } = await signUp(t, 'retrier@example.com');
    const first = await chargeOperation(t.deps, operation(workspaceId, 'retry-me'));
    const again = await chargeOperation(t.deps, operation(workspaceId, 'retry-me'));
    expect(again).toEqual({ ...first, isDuplicate: true });
    const burst = await Promise.all(
      Array.from({ length: 10 }, () => chargeOperation(t.deps, operation(workspaceId, 'burst'))),
    );
    expect(burst.filter((r) => !r.isDuplicate)).toHaveLength(1);
    expect(await getCreditBalance(t.deps.db, workspaceId)).toBe(8);
    expect(await generationsUsed(workspaceId)).toBe(2);
    expect(await eventsOf(workspaceId)).toHaveLength(2);
  });

  it('an operation that costs no credits is still counted once per key', async () => {
    clock.set(new Date('2032-02-10T10:00:00.000Z'));
    const { workspaceId } = await signUp(t, 'free-op@example.com');
    const op = operation(workspaceId, 'publish-1', {
      unit: 'entries_published',
      operationType: 'entry_publish',
    });
    const first = await chargeOperation(t.deps, op);
    const second = await chargeOperation(t.deps, op);
    expect(first).toMatchObject({ cost: 0, isDuplicate: false });
    expect(second).toMatchObject({ cost: 0, isDuplicate: true });
    const summary = await getUsageSummary(t.deps.db, workspaceId, clock.now());
    expect(summary.units.find((u) => u.unit === 'entries_published')?.used).toBe(1);
  });

  it('a failed operation is refunded once: credits back, usage released, the refund logged', async () => {
    clock.set(new Date('2032-02-10T10:00:00.000Z'));
    const { workspaceId } = await signUp(t, 'refunded@example.com');
    const op = operation(workspaceId, 'doomed', { quantity: 3 });
    await chargeOperation(t.deps, op);
    expect(await getCreditBalance(t.deps.db, workspaceId)).toBe(7);
    expect(await refundOperation(t.deps, op)).toEqual({ isRefunded: true, isDuplicate: false, credits: 3 });
    expect(await refundOperation(t.deps, op)).toEqual({ isRefunded: true, isDuplicate: true, credits: 3 });
    expect(await getCreditBalance(t.deps.db, workspaceId)).toBe(10);
    expect(await generationsUsed(workspaceId)).toBe(0);
    const events = await eventsOf(workspaceId);
    expect(events.map((e) => e.quantity).sort()).toEqual([-3, 3]);
    const refunds = await t.deps.db
      .select()
      .from(creditLedger)
      .where(and(eq(creditLedger.workspaceId, workspaceId), eq(creditLedger.reason, 'refund')));
    expect(refunds).toHaveLength(1);
    expect(await ledgerSum(t.deps.db, workspaceId)).toBe(10);
  });

  it('a refund gives back what was charged even if staff changed the cost in between', async () => {
    clock.set(new Date('2032-02-10T10:00:00.000Z'));
    const { workspaceId } = await signUp(t, 'repriced@example.com');
    const op = operation(workspaceId, 'repriced-op', { operationType: 'generation.threads' });
    await chargeOperation(t.deps, op);
    await setOperationCost(t.deps.db, { operationType: 'generation.threads', planId: null, credits: 4 });
    await refundOperation(t.deps, op);
    await setOperationCost(t.deps.db, { operationType: 'generation.threads', planId: null, credits: 1 });
    expect(await getCreditBalance(t.deps.db, workspaceId)).toBe(10);
    expect(await ledgerSum(t.deps.db, workspaceId)).toBe(10);
  });

  it('refunding an operation that was never charged gives nothing', async () => {
    clock.set(new Date('2032-02-10T10:00:00.000Z'));
    const { workspaceId } = await signUp(t, 'phantom@example.com');
    await chargeOperation(t.deps, operation(workspaceId, 'real'));
    expect(await refundOperation(t.deps, operation(workspaceId, 'never-happened', { quantity: 5 }))).toEqual({
      isRefunded: false,
      isDuplicate: false,
      credits: 0,
    });
    expect(await getCreditBalance(t.deps.db, workspaceId)).toBe(9);
    expect(await generationsUsed(workspaceId)).toBe(1);
  });

  it('a refund after the period turned over releases the old period, not the new one', async () => {
    clock.set(new Date('2032-02-29T23:59:00.000Z'));
    const { workspaceId } = await signUp(t, 'midnight@example.com');
    const op = operation(workspaceId, 'late-night', { quantity: 2 });
    await chargeOperation(t.deps, op);
    clock.set(new Date('2032-03-01T00:01:00.000Z'));
    await chargeOperation(t.deps, operation(workspaceId, 'next-morning'));
    await refundOperation(t.deps, op);
    expect(await generationsUsed(workspaceId)).toBe(1);
    const february = await getUsageSummary(t.deps.db, workspaceId, new Date('2032-02-15T00:00:00.000Z'));
    expect(february.units.find((u) => u.unit === 'generations')?.used).toBe(0);
  });
});
