import { and, eq, lt } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, json, signUp, type TestApp } from '../../../../test/harness.ts';
import { AppError } from '../../platform/errors.ts';
import { systemAudit } from '../audit/audit.service.ts';
import { chargeOperation, ensurePeriodGrant } from '../billing/metering.service.ts';
import { getPlanByKey } from '../plans/plans.service.ts';
import { addStaffMember } from '../staff/staff.service.ts';
import { applyCreditChange, costOf, getCreditBalance, ledgerSum } from './credits.service.ts';
import { creditLedger } from './credits.table.ts';

type User = Awaited<ReturnType<typeof signUp>>;

let t: TestApp;
let staff: User;
beforeAll(async () => {
  t = await createTestApp();
  staff = await signUp(t, 'credits-staff@herald.test', 'Stan Staff');
  await addStaffMember(t.deps.db, systemAudit(t.deps.authSecret), staff.email, 'admin');
});
afterAll(() => t.close());

const system = { type: 'system' as const, id: null };

function grant(workspaceId: string, amount: number, idempotencyKey = `grant-${crypto.randomUUID()}`) {
  return applyCreditChange(t.deps.db, {
    workspaceId,
    amount,
    operationType: 'staff_grant',
    reason: 'grant',
    idempotencyKey,
    actor: system,
  });
}

function spendOne(workspaceId: string, idempotencyKey: string) {
  return applyCreditChange(t.deps.db, {
    workspaceId,
    amount: -1,
    operationType: 'generation.x',
    reason: 'generation',
    idempotencyKey,
    actor: system,
  });
}

async function negativeRows(workspaceId: string) {
  return t.deps.db
    .select({ id: creditLedger.id })
    .from(creditLedger)
    .where(and(eq(creditLedger.workspaceId, workspaceId), lt(creditLedger.balanceAfter, 0)));
}

// On the PostgreSQL server these run truly in parallel through the pool (10 connections); on PGlite
// the same calls are serialized by the single in-process connection and must give the same result.
describe('credits under concurrency', () => {
  it('500 concurrent charges of 1 credit against a balance of 250 succeed exactly 250 times and leave zero', async () => {
    const { workspaceId } = await signUp(t, 'rush@example.com');
    await grant(workspaceId, 250);
    const outcomes = await Promise.allSettled(
      Array.from({ length: 500 }, (_, i) => spendOne(workspaceId, `rush-${i}`)),
    );
    const succeeded = outcomes.filter((o) => o.status === 'fulfilled');
    const refused = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason as unknown] : []));
    expect(succeeded).toHaveLength(250);
    expect(refused).toHaveLength(250);
    for (const reason of refused) {
      expect(reason).toBeInstanceOf(AppError);
      expect((reason as AppError).code).toBe('insufficient_credits');
    }
    expect(succeeded.every((o) => o.value.isDuplicate === false)).toBe(true);
    // Every success saw its own balance: 249 down to 0, each exactly once.
    const balancesAfter = succeeded.map((o) => o.value.balanceAfter).sort((a, b) => a - b);
    expect(balancesAfter).toEqual(Array.from({ length: 250 }, (_, i) => i));
    expect(await getCreditBalance(t.deps.db, workspaceId)).toBe(0);
    expect(await negativeRows(workspaceId)).toEqual([]);
    expect(await ledgerSum(t.deps.db, workspaceId)).toBe(0);
    const rows = await t.deps.db.select().from(creditLedger).where(eq(creditLedger.workspaceId, workspaceId));
    expect(rows).toHaveLength(251);
  });

  it('one idempotency key charged 50 times at once charges once and every call gets the same entry', async () => {
    const { workspaceId } = await signUp(t, 'stutter@example.com');
    await grant(workspaceId, 10);
    const results = await Promise.all(Array.from({ length: 50 }, () => spendOne(workspaceId, 'retried-op')));
    expect(results.filter((r) => !r.isDuplicate)).toHaveLength(1);
    expect(new Set(results.map((r) => r.entryId)).size).toBe(1);
    expect(new Set(results.map((r) => r.balanceAfter))).toEqual(new Set([9]));
    expect(await getCreditBalance(t.deps.db, workspaceId)).toBe(9);
    expect(await ledgerSum(t.deps.db, workspaceId)).toBe(9);
    expect(await negativeRows(workspaceId)).toEqual([]);
  });

  it('concurrent grants and spends on one workspace keep the ledger summing to the balance', async () => {
    const { workspaceId } = await signUp(t, 'mixed@example.com');
    const changes = Array.from({ length: 200 }, (_, i) =>
      i % 2 === 0 ? grant(workspaceId, 3, `mixed-grant-${i}`) : spendOne(workspaceId, `mixed-spend-${i}`),
    );
    const outcomes = await Promise.allSettled(changes);
    const refused = outcomes.filter((o) => o.status === 'rejected');
    const balance = await getCreditBalance(t.deps.db, workspaceId);
    expect(balance).toBe(100 * 3 - (100 - refused.length));
    expect(await ledgerSum(t.deps.db, workspaceId)).toBe(balance);
    expect(await negativeRows(workspaceId)).toEqual([]);
  });
});

describe('operation costs', () => {
  it('a per-plan override set by staff wins over the default cost, and removing it restores the default', async () => {
    const customer = await signUp(t, 'override@example.com');
    const free = await getPlanByKey(t.deps.db, 'free');
    const pro = await getPlanByKey(t.deps.db, 'pro');
    if (!free || !pro) throw new Error('seeded plans missing');
    const setCost = (planId: string | null, credits: number | null, cookie = staff.cookie) =>
      t.call('PUT', '/api/v1/staff/operation-costs', {
        cookie,
        body: { operationType: 'generation.linkedin', planId, credits },
      });
    expect((await setCost(null, 2)).status).toBe(204);
    expect((await setCost(pro.id, 7)).status).toBe(204);
    expect((await setCost(pro.id, 1, customer.cookie)).status).toBe(403);
    expect(await costOf(t.deps.db, 'generation.linkedin', free.id)).toBe(2);
    expect(await costOf(t.deps.db, 'generation.linkedin', pro.id)).toBe(7);

    const putOnPlan = await t.call('PUT', `/api/v1/staff/workspaces/${customer.workspaceId}/plan`, {
      cookie: staff.cookie,
      body: { planKey: 'pro' },
    });
    expect(putOnPlan.status).toBe(204);
    await grant(customer.workspaceId, 100);
    await ensurePeriodGrant(t.deps, customer.workspaceId);
    const before = await getCreditBalance(t.deps.db, customer.workspaceId);
    const charged = await chargeOperation(t.deps, {
      workspaceId: customer.workspaceId,
      unit: 'generations',
      quantity: 2,
      operationType: 'generation.linkedin',
      idempotencyKey: 'linkedin-post-1',
      actor: system,
    });
    expect(charged).toMatchObject({ cost: 14, isDuplicate: false, balanceAfter: before - 14 });

    expect((await setCost(pro.id, null)).status).toBe(204);
    expect(await costOf(t.deps.db, 'generation.linkedin', pro.id)).toBe(2);
    const list = await json<{
      items: Array<{ operationType: string; planId: string | null; credits: number }>;
    }>(await t.call('GET', '/api/v1/staff/operation-costs', { cookie: staff.cookie }));
    expect(list.items.filter((c) => c.operationType === 'generation.linkedin')).toEqual([
      { operationType: 'generation.linkedin', planId: null, credits: 2 },
    ]);
  });

  it('an operation staff never priced costs nothing', async () => {
    const free = await getPlanByKey(t.deps.db, 'free');
    expect(await costOf(t.deps.db, 'never_priced', free?.id ?? '')).toBe(0);
  });
});

describe('staff credit grants', () => {
  const grantPath = (workspaceId: string) => `/api/v1/staff/workspaces/${workspaceId}/credits`;

  it('staff grant credits to a workspace, recorded in the ledger as theirs; the same key twice grants once', async () => {
    const customer = await signUp(t, 'gifted@example.com');
    const start = await getCreditBalance(t.deps.db, customer.workspaceId);
    const body = {
      amount: 40,
      reason: 'bonus',
      note: 'Sorry for the outage',
      idempotencyKey: 'outage-2024-1',
    };
    const first = await t.call('POST', grantPath(customer.workspaceId), { cookie: staff.cookie, body });
    expect(first.status).toBe(200);
    expect(await json(first)).toEqual({ balance: start + 40, isDuplicate: false });
    const again = await t.call('POST', grantPath(customer.workspaceId), { cookie: staff.cookie, body });
    expect(await json(again)).toEqual({ balance: start + 40, isDuplicate: true });
    const [entry] = await t.deps.db
      .select()
      .from(creditLedger)
      .where(
        and(
          eq(creditLedger.workspaceId, customer.workspaceId),
          eq(creditLedger.idempotencyKey, 'outage-2024-1'),
        ),
      );
    expect(entry).toMatchObject({
      amount: 40,
      reason: 'bonus',
      actorType: 'staff',
      actorId: staff.userId,
      details: { note: 'Sorry for the outage' },
    });
    expect(await ledgerSum(t.deps.db, customer.workspaceId)).toBe(start + 40);
  });

  it('a negative adjustment larger than the balance is refused with 402 and changes nothing', async () => {
    const customer = await signUp(t, 'adjusted@example.com');
    await grant(customer.workspaceId, 5);
    const response = await t.call('POST', grantPath(customer.workspaceId), {
      cookie: staff.cookie,
      body: { amount: -6, reason: 'adjustment' },
    });
    expect(response.status).toBe(402);
    expect(await getCreditBalance(t.deps.db, customer.workspaceId)).toBe(5);
    expect(await ledgerSum(t.deps.db, customer.workspaceId)).toBe(5);
  });

  it('a customer who is not staff gets 403 granting credits, even to their own workspace', async () => {
    const customer = await signUp(t, 'greedy@example.com');
    const response = await t.call('POST', grantPath(customer.workspaceId), {
      cookie: customer.cookie,
      body: { amount: 1000 },
    });
    expect(response.status).toBe(403);
    expect((await t.call('POST', grantPath(customer.workspaceId), { body: { amount: 1000 } })).status).toBe(
      401,
    );
    expect(await getCreditBalance(t.deps.db, customer.workspaceId)).toBe(0);
  });

  it('a grant to a workspace that does not exist is 404', async () => {
    const response = await t.call('POST', grantPath('no-such-workspace'), {
      cookie: staff.cookie,
      body: { amount: 10 },
    });
    expect(response.status).toBe(404);
  });
});

describe('credits', () => {
  it('a grant then spends keep the ledger summing to the balance', async () => {
    const { workspaceId } = await signUp(t, 'ledger@example.com');
    await applyCreditChange(t.deps.db, {
      workspaceId,
      amount: 5,
      operationType: 'staff_grant',
      reason: 'grant',
      idempotencyKey: 'g1',
      actor: system,
    });
    const spent = await applyCreditChange(t.deps.db, {
      workspaceId,
      amount: -3,
      operationType: 'generation.x',
      reason: 'generation',
      idempotencyKey: 's1',
      actor: system,
    });
    expect(spent).toMatchObject({ isDuplicate: false, balanceAfter: 2 });
    expect(await getCreditBalance(t.deps.db, workspaceId)).toBe(2);
    expect(await ledgerSum(t.deps.db, workspaceId)).toBe(2);
  });

  it('the same idempotency key twice charges once', async () => {
    const { workspaceId } = await signUp(t, 'idem@example.com');
    await applyCreditChange(t.deps.db, {
      workspaceId,
      amount: 10,
      operationType: 'staff_grant',
      reason: 'grant',
      idempotencyKey: 'g',
      actor: system,
    });
    const change = {
      workspaceId,
      amount: -4,
      operationType: 'ai_rewrite',
      reason: 'generation' as const,
      idempotencyKey: 'same',
      actor: system,
    };
    const first = await applyCreditChange(t.deps.db, change);
    const second = await applyCreditChange(t.deps.db, change);
    expect(second).toEqual({ ...first, isDuplicate: true });
    expect(await getCreditBalance(t.deps.db, workspaceId)).toBe(6);
    const inTx = await t.deps.db.transaction((tx) => applyCreditChange(tx, change, { inTransaction: true }));
    expect(inTx.isDuplicate).toBe(true);
    expect(await ledgerSum(t.deps.db, workspaceId)).toBe(6);
  });

  it('a spend the balance does not cover is refused with 402 details and writes nothing', async () => {
    const { workspaceId } = await signUp(t, 'poor@example.com');
    await expect(
      applyCreditChange(t.deps.db, {
        workspaceId,
        amount: -1,
        operationType: 'image',
        reason: 'generation',
        idempotencyKey: 'x',
        actor: system,
      }),
    ).rejects.toMatchObject({
      code: 'insufficient_credits',
      status: 402,
      details: { required: 1, balance: 0 },
    });
    expect(await ledgerSum(t.deps.db, workspaceId)).toBe(0);
  });
});
