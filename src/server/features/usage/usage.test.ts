import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, json, signUp, type TestApp } from '../../../../test/harness.ts';
import { createManualClock } from '../../platform/clock.ts';
import { AppError } from '../../platform/errors.ts';
import { systemAudit } from '../audit/audit.service.ts';
import { applySubscriptionUpdate, type SubscriptionUpdate } from '../billing/billing-events.service.ts';
import { ensurePeriodGrant } from '../billing/metering.service.ts';
import { getCreditBalance, ledgerSum } from '../credits/credits.service.ts';
import { creditLedger } from '../credits/credits.table.ts';
import { outboundEmails } from '../mail/mail.table.ts';
import { notifications } from '../notifications/notifications.table.ts';
import { planBodySchema } from '../plans/plans.schemas.ts';
import { getPlanByKey, savePlan, setWorkspacePlan } from '../plans/plans.service.ts';
import type { MeteredUnit } from '../plans/plans.table.ts';
import { getUsageSummary, recordUsage } from './usage.service.ts';
import { usageCounters, usageEvents } from './usage.table.ts';
import { currentUsagePeriod } from './usage-period.ts';

type User = Awaited<ReturnType<typeof signUp>>;

const clock = createManualClock(new Date('2031-03-10T12:00:00.000Z'));
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ clock });
  // A subscription plan with the free plan's small limits, so boundaries are quick to reach.
  await savePlan(
    t.deps.db,
    systemAudit(t.deps.authSecret),
    planBodySchema.parse({
      key: 'studio',
      name: 'Studio',
      priceMonthlyCents: 1500,
      monthlyCredits: 100,
      limits: { generations: 10 },
      billingSource: 'stripe',
    }),
  );
});
afterAll(() => t.close());

const use = (workspaceId: string, quantity = 1, unit: MeteredUnit = 'generations') =>
  recordUsage(t.deps, t.deps.db, { workspaceId, unit, quantity });

async function usedNow(workspaceId: string, unit: MeteredUnit = 'generations') {
  const summary = await getUsageSummary(t.deps.db, workspaceId, clock.now());
  return summary.units.find((u) => u.unit === unit)?.used;
}

async function usageWarnings(user: User) {
  const rows = await t.deps.db
    .select()
    .from(notifications)
    .where(and(eq(notifications.userId, user.userId), eq(notifications.type, 'usage_warning')))
    .orderBy(notifications.createdAt);
  return rows.map((n) => n.title);
}

async function warningEmails(user: User) {
  return t.deps.db
    .select()
    .from(outboundEmails)
    .where(
      and(eq(outboundEmails.toAddress, user.email), eq(outboundEmails.kind, 'notification.usage_warning')),
    );
}

async function usageEventCount(workspaceId: string) {
  return (await t.deps.db.select().from(usageEvents).where(eq(usageEvents.workspaceId, workspaceId))).length;
}

function subscribe(workspaceId: string, update: Partial<SubscriptionUpdate> & { start: Date; end: Date }) {
  const { start, end, ...rest } = update;
  return t.deps.db.transaction((tx) =>
    applySubscriptionUpdate(t.deps, tx, {
      provider: 'stripe',
      eventType: 'customer.subscription.updated',
      occurredAt: clock.now(),
      workspaceId,
      providerCustomerId: `cus_${workspaceId}`,
      providerSubscriptionId: `sub_${workspaceId}`,
      status: 'active',
      planKey: 'studio',
      interval: 'month',
      amountCents: 1500,
      currency: 'usd',
      currentPeriodStart: start,
      currentPeriodEnd: end,
      ...rest,
    }),
  );
}

async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('usage quotas on the free plan', () => {
  it('8 generations warn once at 80%, 10 once at 100%, and the 11th is refused with 429 and writes nothing', async () => {
    clock.set(new Date('2031-03-10T12:00:00.000Z'));
    const owner = await signUp(t, 'quota-owner@example.com', 'Quinn Owner');
    for (let i = 1; i <= 7; i++) await use(owner.workspaceId);
    expect(await usageWarnings(owner)).toEqual([]);
    await use(owner.workspaceId);
    expect(await usageWarnings(owner)).toEqual(['You have used 80% of your generations']);
    expect(await warningEmails(owner)).toHaveLength(1);
    await use(owner.workspaceId);
    expect(await usageWarnings(owner)).toHaveLength(1);
    const tenth = await use(owner.workspaceId);
    expect(tenth).toMatchObject({ used: 10, limit: 10, remaining: 0 });
    expect(await usageWarnings(owner)).toEqual([
      'You have used 80% of your generations',
      'You have used all your generations',
    ]);
    const [email] = (await warningEmails(owner)).filter((m) => m.subject.includes('all your'));
    expect(email?.textBody).toContain('10 of 10 generations used this period');
    expect(email?.textBody).toContain(`/w/${owner.workspaceId}/billing`);

    const error = await refusal(use(owner.workspaceId));
    expect(error.code).toBe('quota_exceeded');
    expect(error.status).toBe(429);
    expect(error.details).toEqual({
      unit: 'generations',
      used: 10,
      limit: 10,
      resetsAt: '2031-04-01T00:00:00.000Z',
    });
    for (let i = 0; i < 3; i++) await refusal(use(owner.workspaceId));
    expect(await usedNow(owner.workspaceId)).toBe(10);
    expect(await usageEventCount(owner.workspaceId)).toBe(10);
    expect(await usageWarnings(owner)).toHaveLength(2);
    expect(await warningEmails(owner)).toHaveLength(2);

    // One millisecond before the month ends it is still March's counter; at midnight UTC, April's.
    clock.set(new Date('2031-03-31T23:59:59.999Z'));
    await refusal(use(owner.workspaceId));
    clock.set(new Date('2031-04-01T00:00:00.000Z'));
    expect(await usedNow(owner.workspaceId)).toBe(0);
    expect(await use(owner.workspaceId)).toMatchObject({ used: 1, remaining: 9 });
    for (let i = 2; i <= 8; i++) await use(owner.workspaceId);
    expect(await usageWarnings(owner)).toHaveLength(3);
    expect((await usageWarnings(owner)).at(-1)).toBe('You have used 80% of your generations');
  });

  it('an owner who turned usage warnings off gets the in-app notification and no email', async () => {
    clock.set(new Date('2031-03-12T08:00:00.000Z'));
    const owner = await signUp(t, 'quiet-owner@example.com', 'Quiet Owner');
    const patched = await t.call('PATCH', '/api/v1/me', {
      cookie: owner.cookie,
      body: { notificationPreferences: { usageWarnings: false } },
    });
    expect(patched.status).toBe(200);
    await use(owner.workspaceId, 8);
    await use(owner.workspaceId, 2);
    expect(await usageWarnings(owner)).toHaveLength(2);
    expect(await warningEmails(owner)).toEqual([]);
  });

  it('a jump straight past 80% to the limit sends only the 100% warning', async () => {
    clock.set(new Date('2031-03-12T08:00:00.000Z'));
    const owner = await signUp(t, 'jumper@example.com');
    await use(owner.workspaceId, 3);
    await use(owner.workspaceId, 7);
    expect(await usageWarnings(owner)).toEqual(['You have used all your generations']);
  });

  it('one request for more than the whole limit is refused without touching the counter', async () => {
    clock.set(new Date('2031-03-12T08:00:00.000Z'));
    const owner = await signUp(t, 'greedy-batch@example.com');
    const error = await refusal(use(owner.workspaceId, 11));
    expect(error.details).toMatchObject({ used: 0, limit: 10 });
    expect(await usedNow(owner.workspaceId)).toBe(0);
    expect(await usageEventCount(owner.workspaceId)).toBe(0);
  });

  it('30 concurrent generations against a limit of 10 count exactly 10 and warn once at each threshold', async () => {
    clock.set(new Date('2031-03-15T10:00:00.000Z'));
    const owner = await signUp(t, 'stampede@example.com');
    const outcomes = await Promise.allSettled(Array.from({ length: 30 }, () => use(owner.workspaceId)));
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(10);
    const refused = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason as AppError] : []));
    expect(refused.map((e) => e.code)).toEqual(Array(20).fill('quota_exceeded'));
    expect(await usedNow(owner.workspaceId)).toBe(10);
    expect(await usageEventCount(owner.workspaceId)).toBe(10);
    expect(await usageWarnings(owner)).toHaveLength(2);
  });

  it('the usage log keeps tokens, estimated cost, user agent and IP of each metered event', async () => {
    clock.set(new Date('2031-03-15T10:00:00.000Z'));
    const owner = await signUp(t, 'logged@example.com');
    await recordUsage(t.deps, t.deps.db, {
      workspaceId: owner.workspaceId,
      unit: 'ai_rewrites',
      quantity: 1,
      operationType: 'ai_rewrite',
      tokensInput: 812,
      tokensOutput: 240,
      costUsdMicros: 1_530,
      request: { requestId: 'req-1', ipAddress: '203.0.113.9', userAgent: 'HeraldTest/1.0' },
    });
    const [event] = await t.deps.db
      .select()
      .from(usageEvents)
      .where(eq(usageEvents.workspaceId, owner.workspaceId));
    expect(event).toMatchObject({
      unit: 'ai_rewrites',
      quantity: 1,
      operationType: 'ai_rewrite',
      tokensInput: 812,
      tokensOutput: 240,
      costUsdMicros: 1_530,
      ipAddress: '203.0.113.9',
      userAgent: 'HeraldTest/1.0',
    });
  });
});

describe('usage periods with a subscription', () => {
  it('a mid-month subscription moves the quota to its billing period, which resets at its own boundary', async () => {
    clock.set(new Date('2031-04-10T12:00:00.000Z'));
    const owner = await signUp(t, 'subscriber@example.com');
    await use(owner.workspaceId, 8);
    expect(await usageWarnings(owner)).toHaveLength(1);

    const start = new Date('2031-04-15T09:30:00.000Z');
    const end = new Date('2031-05-15T09:30:00.000Z');
    clock.set(new Date('2031-04-15T09:30:05.000Z'));
    await subscribe(owner.workspaceId, { eventType: 'customer.subscription.created', start, end });
    expect(await currentUsagePeriod(t.deps.db, owner.workspaceId, clock.now())).toEqual({
      start,
      end,
      basis: 'subscription',
    });
    expect(await usedNow(owner.workspaceId)).toBe(0);
    await use(owner.workspaceId, 10);
    const error = await refusal(use(owner.workspaceId));
    expect(error.details).toMatchObject({ used: 10, limit: 10, resetsAt: end.toISOString() });
    expect(await usageWarnings(owner)).toHaveLength(2);

    // The calendar month turning over does not reset a subscribed workspace.
    clock.set(new Date('2031-05-01T00:00:00.000Z'));
    await refusal(use(owner.workspaceId));
    clock.set(new Date('2031-05-15T09:29:59.999Z'));
    await refusal(use(owner.workspaceId));

    clock.set(new Date('2031-05-15T09:30:00.000Z'));
    expect(await usedNow(owner.workspaceId)).toBe(0);
    await use(owner.workspaceId, 8);
    expect(await usageWarnings(owner)).toHaveLength(3);
  });

  it('a renewal reported late neither resets the counter twice nor lets usage fall into the calendar month', async () => {
    clock.set(new Date('2031-06-02T12:00:00.000Z'));
    const owner = await signUp(t, 'late-renewal@example.com');
    const start = new Date('2031-06-02T12:00:00.000Z');
    const end = new Date('2031-07-02T12:00:00.000Z');
    await subscribe(owner.workspaceId, { start, end });
    await use(owner.workspaceId, 10);

    // The period has ended but the provider's renewal event has not arrived yet.
    clock.set(new Date('2031-07-02T13:00:00.000Z'));
    const gap = await currentUsagePeriod(t.deps.db, owner.workspaceId, clock.now());
    expect(gap).toEqual({ start: end, end: new Date('2031-08-02T12:00:00.000Z'), basis: 'subscription' });
    await use(owner.workspaceId, 4);

    clock.set(new Date('2031-07-02T14:00:00.000Z'));
    await subscribe(owner.workspaceId, {
      eventType: 'invoice.paid',
      start: end,
      end: new Date('2031-08-02T12:00:00.000Z'),
    });
    expect(await usedNow(owner.workspaceId)).toBe(4);
    await use(owner.workspaceId, 6);
    await refusal(use(owner.workspaceId));
  });

  it('a yearly subscription still resets the quota every month, on the day it started', async () => {
    clock.set(new Date('2031-01-31T00:00:00.000Z'));
    const owner = await signUp(t, 'yearly@example.com');
    const start = new Date('2031-01-31T00:00:00.000Z');
    await subscribe(owner.workspaceId, {
      interval: 'year',
      start,
      end: new Date('2032-01-31T00:00:00.000Z'),
    });
    await use(owner.workspaceId, 10);
    const error = await refusal(use(owner.workspaceId));
    // January 31st plus a month is the last day of February.
    expect(error.details).toMatchObject({ resetsAt: '2031-02-28T00:00:00.000Z' });
    clock.set(new Date('2031-02-28T00:00:00.000Z'));
    expect(await currentUsagePeriod(t.deps.db, owner.workspaceId, clock.now())).toEqual({
      start: new Date('2031-02-28T00:00:00.000Z'),
      end: new Date('2031-03-31T00:00:00.000Z'),
      basis: 'subscription',
    });
    expect(await usedNow(owner.workspaceId)).toBe(0);
    clock.set(new Date('2032-01-15T00:00:00.000Z'));
    expect(await currentUsagePeriod(t.deps.db, owner.workspaceId, clock.now())).toEqual({
      start: new Date('2031-12-31T00:00:00.000Z'),
      end: new Date('2032-01-31T00:00:00.000Z'),
      basis: 'subscription',
    });
  });

  it('a canceled subscription sends the quota back to the calendar month', async () => {
    clock.set(new Date('2031-08-10T00:00:00.000Z'));
    const owner = await signUp(t, 'canceler@example.com');
    const start = new Date('2031-08-10T00:00:00.000Z');
    const end = new Date('2031-09-10T00:00:00.000Z');
    await subscribe(owner.workspaceId, { start, end });
    clock.set(new Date('2031-08-20T00:00:00.000Z'));
    await subscribe(owner.workspaceId, {
      status: 'canceled',
      eventType: 'customer.subscription.deleted',
      start,
      end,
    });
    expect(await currentUsagePeriod(t.deps.db, owner.workspaceId, clock.now())).toMatchObject({
      start: new Date('2031-08-01T00:00:00.000Z'),
      end: new Date('2031-09-01T00:00:00.000Z'),
      basis: 'calendar_month',
    });
  });
});

describe('overage', () => {
  it('a plan that prices overage lets usage pass the limit, and the upcoming invoice shows base price plus overage', async () => {
    clock.set(new Date('2031-03-20T00:00:00.000Z'));
    const owner = await signUp(t, 'overage@example.com');
    const pro = await getPlanByKey(t.deps.db, 'pro');
    if (!pro) throw new Error('pro plan missing');
    await setWorkspacePlan(t.deps.db, systemAudit(t.deps.authSecret), owner.workspaceId, pro.id, 'manual');
    await use(owner.workspaceId, 499);
    await use(owner.workspaceId, 4);
    expect(await usedNow(owner.workspaceId)).toBe(503);
    expect(await usageWarnings(owner)).toEqual([
      'You have used 80% of your generations',
      'You have used all your generations',
    ]);

    const response = await t.call('GET', `/api/v1/workspaces/${owner.workspaceId}/billing`, {
      cookie: owner.cookie,
    });
    expect(response.status).toBe(200);
    const overview = await json<{
      plan: { key: string };
      usage: Array<{ unit: string; used: number; limit: number; remaining: number; overageCents: number }>;
      upcomingInvoice: Record<string, unknown>;
    }>(response);
    expect(overview.plan.key).toBe('pro');
    expect(overview.usage.find((u) => u.unit === 'generations')).toMatchObject({
      used: 503,
      limit: 500,
      remaining: 0,
      overageCents: 15,
    });
    expect(overview.upcomingInvoice).toEqual({
      baseCents: 2900,
      overageLines: [{ unit: 'generations', quantity: 3, unitPriceCents: 5, amountCents: 15 }],
      totalCents: 2915,
      currency: 'usd',
      dueAt: '2031-04-01T00:00:00.000Z',
    });
  });

  it('units without an overage price stay hard limits on the same plan', async () => {
    clock.set(new Date('2031-03-20T00:00:00.000Z'));
    const owner = await signUp(t, 'pro-hard@example.com');
    const pro = await getPlanByKey(t.deps.db, 'pro');
    await setWorkspacePlan(
      t.deps.db,
      systemAudit(t.deps.authSecret),
      owner.workspaceId,
      pro?.id ?? '',
      'manual',
    );
    await use(owner.workspaceId, 20, 'videos');
    const error = await refusal(use(owner.workspaceId, 1, 'videos'));
    expect(error.details).toMatchObject({ unit: 'videos', used: 20, limit: 20 });
  });
});

describe('the monthly credit grant', () => {
  it('is added once per period however often it is asked for, and again in the next period', async () => {
    clock.set(new Date('2031-10-05T00:00:00.000Z'));
    const owner = await signUp(t, 'granted@example.com');
    await Promise.all(Array.from({ length: 5 }, () => ensurePeriodGrant(t.deps, owner.workspaceId)));
    await ensurePeriodGrant(t.deps, owner.workspaceId);
    expect(await getCreditBalance(t.deps.db, owner.workspaceId)).toBe(10);
    clock.set(new Date('2031-10-31T23:59:59.999Z'));
    await ensurePeriodGrant(t.deps, owner.workspaceId);
    expect(await getCreditBalance(t.deps.db, owner.workspaceId)).toBe(10);
    clock.set(new Date('2031-11-01T00:00:00.000Z'));
    await ensurePeriodGrant(t.deps, owner.workspaceId);
    expect(await getCreditBalance(t.deps.db, owner.workspaceId)).toBe(20);
    const grants = await t.deps.db
      .select()
      .from(creditLedger)
      .where(and(eq(creditLedger.workspaceId, owner.workspaceId), eq(creditLedger.reason, 'grant')));
    expect(grants.map((g) => g.details.periodStart).sort()).toEqual([
      '2031-10-01T00:00:00.000Z',
      '2031-11-01T00:00:00.000Z',
    ]);
    expect(await ledgerSum(t.deps.db, owner.workspaceId)).toBe(20);
  });

  it('follows a subscription: its plan grant at the period start, and monthly within a yearly period', async () => {
    clock.set(new Date('2031-10-05T00:00:00.000Z'));
    const owner = await signUp(t, 'granted-yearly@example.com');
    await ensurePeriodGrant(t.deps, owner.workspaceId);
    expect(await getCreditBalance(t.deps.db, owner.workspaceId)).toBe(10);
    const start = new Date('2031-10-06T00:00:00.000Z');
    clock.set(start);
    await subscribe(owner.workspaceId, {
      interval: 'year',
      start,
      end: new Date('2032-10-06T00:00:00.000Z'),
    });
    await ensurePeriodGrant(t.deps, owner.workspaceId);
    expect(await getCreditBalance(t.deps.db, owner.workspaceId)).toBe(110);
    clock.set(new Date('2031-11-05T23:00:00.000Z'));
    await ensurePeriodGrant(t.deps, owner.workspaceId);
    expect(await getCreditBalance(t.deps.db, owner.workspaceId)).toBe(110);
    clock.set(new Date('2031-11-06T00:00:00.000Z'));
    await ensurePeriodGrant(t.deps, owner.workspaceId);
    expect(await getCreditBalance(t.deps.db, owner.workspaceId)).toBe(210);
    expect(await ledgerSum(t.deps.db, owner.workspaceId)).toBe(210);
  });

  it('is not given to a plan without monthly credits', async () => {
    clock.set(new Date('2031-10-05T00:00:00.000Z'));
    const owner = await signUp(t, 'no-grant@example.com');
    const plan = await savePlan(
      t.deps.db,
      systemAudit(t.deps.authSecret),
      planBodySchema.parse({ key: 'creditless', name: 'Creditless', monthlyCredits: 0 }),
    );
    await setWorkspacePlan(t.deps.db, systemAudit(t.deps.authSecret), owner.workspaceId, plan.id, 'manual');
    await ensurePeriodGrant(t.deps, owner.workspaceId);
    expect(await getCreditBalance(t.deps.db, owner.workspaceId)).toBe(0);
    const counters = await t.deps.db
      .select()
      .from(usageCounters)
      .where(eq(usageCounters.workspaceId, owner.workspaceId));
    expect(counters).toEqual([]);
  });
});
