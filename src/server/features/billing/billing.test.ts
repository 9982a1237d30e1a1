import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, json, signUp, type TestApp } from '../../../../test/harness.ts';
import { createManualClock } from '../../platform/clock.ts';
import { systemAudit } from '../audit/audit.service.ts';
import { applyCreditChange } from '../credits/credits.service.ts';
import { meteredUnits } from '../plans/plans.table.ts';
import { addStaffMember } from '../staff/staff.service.ts';
import { recordUsage } from '../usage/usage.service.ts';
import { applyInvoiceUpdate } from './billing-events.service.ts';

type User = Awaited<ReturnType<typeof signUp>>;
interface Overview {
  plan: { key: string; name: string; limits: Record<string, number | null>; features: string[] };
  subscription: unknown;
  credits: { balance: number };
  period: { start: string; end: string; basis: string };
  usage: Array<{ unit: string; used: number; limit: number | null; remaining: number | null }>;
  upcomingInvoice: {
    baseCents: number;
    overageLines: unknown[];
    totalCents: number;
    currency: string;
    dueAt: string;
  };
  providers: Record<string, boolean>;
  isBillingConfigured: boolean;
}
interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

const clock = createManualClock(new Date('2033-05-17T08:00:00.000Z'));
let t: TestApp;
let staff: User;
beforeAll(async () => {
  t = await createTestApp({ clock });
  staff = await signUp(t, 'billing-staff@herald.test', 'Bea Staff');
  await addStaffMember(t.deps.db, systemAudit(t.deps.authSecret), staff.email, 'admin');
});
afterAll(() => t.close());

const overviewOf = async (user: User, workspaceId = user.workspaceId) => {
  const response = await t.call('GET', `/api/v1/workspaces/${workspaceId}/billing`, { cookie: user.cookie });
  expect(response.status).toBe(200);
  return json<Overview>(response);
};

async function readKey(user: User) {
  const created = await t.call('POST', `/api/v1/workspaces/${user.workspaceId}/api-keys`, {
    cookie: user.cookie,
    body: { name: 'billing bot', scope: 'read' },
  });
  return (await json<{ secret: string }>(created)).secret;
}

async function walk<T>(path: string, user: User, limit: number) {
  const seen: T[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const query: string = `?limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const response = await t.call('GET', `${path}${query}`, { cookie: user.cookie });
    expect(response.status).toBe(200);
    const page = await json<Page<T>>(response);
    expect(page.items.length).toBeLessThanOrEqual(limit);
    seen.push(...page.items);
    cursor = page.nextCursor;
    pages += 1;
  } while (cursor && pages < 20);
  return { seen, pages };
}

describe('billing overview', () => {
  it('shows the plan, credits, usage with limits, the period and the upcoming invoice, and says billing is not configured', async () => {
    const owner = await signUp(t, 'overview@example.com');
    await recordUsage(t.deps, t.deps.db, {
      workspaceId: owner.workspaceId,
      unit: 'generations',
      quantity: 4,
    });
    const overview = await overviewOf(owner);
    expect(overview.plan).toMatchObject({ key: 'free', name: 'Free' });
    expect(overview.plan.features).toContain('changelog_widget');
    expect(overview.subscription).toBeNull();
    expect(overview.credits).toEqual({ balance: 10 });
    expect(overview.period).toEqual({
      start: '2033-05-01T00:00:00.000Z',
      end: '2033-06-01T00:00:00.000Z',
      basis: 'calendar_month',
    });
    expect(overview.usage.map((u) => u.unit)).toEqual([...meteredUnits]);
    expect(overview.usage.find((u) => u.unit === 'generations')).toMatchObject({
      used: 4,
      limit: 10,
      remaining: 6,
    });
    expect(overview.upcomingInvoice).toEqual({
      baseCents: 0,
      overageLines: [],
      totalCents: 0,
      currency: 'usd',
      dueAt: '2033-06-01T00:00:00.000Z',
    });
    expect(overview.providers).toEqual({ stripe: false, dodo: false, asaas: false });
    expect(overview.isBillingConfigured).toBe(false);
  });

  it('GET /billing answers for an API key’s own workspace, and asks a session which workspace', async () => {
    const owner = await signUp(t, 'alias@example.com');
    const secret = await readKey(owner);
    const byKey = await t.call('GET', '/api/v1/billing', { apiKey: secret });
    expect(byKey.status).toBe(200);
    expect(await json<Overview>(byKey)).toEqual(await overviewOf(owner));
    const bySession = await t.call('GET', `/api/v1/billing?workspaceId=${owner.workspaceId}`, {
      cookie: owner.cookie,
    });
    expect(bySession.status).toBe(200);
    expect((await t.call('GET', '/api/v1/billing', { cookie: owner.cookie })).status).toBe(422);
    expect((await t.call('GET', '/api/v1/billing')).status).toBe(401);
  });

  it('looking at the overview twice adds the monthly grant once', async () => {
    const owner = await signUp(t, 'looker@example.com');
    await overviewOf(owner);
    expect((await overviewOf(owner)).credits.balance).toBe(10);
  });
});

describe('checkout without provider keys', () => {
  it('checkout, credit packs and the portal answer 503 not_configured with a message saying staff can set plans', async () => {
    const owner = await signUp(t, 'buyer@example.com');
    const base = `/api/v1/workspaces/${owner.workspaceId}/billing`;
    const checkout = await t.call('POST', `${base}/checkout`, {
      cookie: owner.cookie,
      body: { planKey: 'pro' },
    });
    expect(checkout.status).toBe(503);
    const { error } = await json<{ error: { code: string; message: string } }>(checkout);
    expect(error.code).toBe('not_configured');
    expect(error.message).toMatch(/billing is not configured/i);
    expect(error.message).toMatch(/staff can set plans by hand/);
    const stripe = await t.call('POST', `${base}/checkout`, {
      cookie: owner.cookie,
      body: { planKey: 'pro', provider: 'stripe' },
    });
    expect(stripe.status).toBe(503);
    expect((await json<{ error: { message: string } }>(stripe)).error.message).toMatch(/stripe/i);
    const pack = await t.call('POST', `${base}/credit-packs`, {
      cookie: owner.cookie,
      body: { credits: 100 },
    });
    expect(pack.status).toBe(503);
    const portal = await t.call('POST', `${base}/portal`, { cookie: owner.cookie });
    expect(portal.status).toBe(503);
    expect((await overviewOf(owner)).plan.key).toBe('free');
  });

  it('an API key cannot start a checkout', async () => {
    const owner = await signUp(t, 'bot-buyer@example.com');
    const secret = await readKey(owner);
    const response = await t.call('POST', `/api/v1/workspaces/${owner.workspaceId}/billing/checkout`, {
      apiKey: secret,
      body: { planKey: 'pro' },
    });
    expect(response.status).toBe(403);
  });
});

describe('staff set plans by hand', () => {
  it('a plan set by staff shows in the overview with its limits, credits and price', async () => {
    const owner = await signUp(t, 'manual@example.com');
    expect((await overviewOf(owner)).plan.key).toBe('free');
    const set = await t.call('PUT', `/api/v1/staff/workspaces/${owner.workspaceId}/plan`, {
      cookie: staff.cookie,
      body: { planKey: 'pro' },
    });
    expect(set.status).toBe(204);
    const overview = await overviewOf(owner);
    expect(overview.plan.key).toBe('pro');
    expect(overview.usage.find((u) => u.unit === 'generations')).toMatchObject({
      limit: 500,
      remaining: 500,
    });
    expect(overview.usage.find((u) => u.unit === 'seats')).toMatchObject({ limit: 10 });
    expect(overview.plan.features).toContain('team_collaboration');
    expect(overview.upcomingInvoice).toMatchObject({ baseCents: 2900, totalCents: 2900 });
    // The free grant of this month was already given; pro's starts with the next period.
    expect(overview.credits.balance).toBe(10);

    await t.call('PUT', `/api/v1/staff/workspaces/${owner.workspaceId}/plan`, {
      cookie: staff.cookie,
      body: { planKey: 'business' },
    });
    const business = await overviewOf(owner);
    expect(business.plan.key).toBe('business');
    expect(business.usage.every((u) => u.limit === null)).toBe(true);
  });

  it('a customer cannot set their own plan, and an unknown plan or workspace is 404', async () => {
    const owner = await signUp(t, 'self-upgrader@example.com');
    const path = `/api/v1/staff/workspaces/${owner.workspaceId}/plan`;
    expect((await t.call('PUT', path, { cookie: owner.cookie, body: { planKey: 'business' } })).status).toBe(
      403,
    );
    expect((await overviewOf(owner)).plan.key).toBe('free');
    expect((await t.call('PUT', path, { cookie: staff.cookie, body: { planKey: 'platinum' } })).status).toBe(
      404,
    );
    const nowhere = await t.call('PUT', '/api/v1/staff/workspaces/no-such-workspace/plan', {
      cookie: staff.cookie,
      body: { planKey: 'pro' },
    });
    expect(nowhere.status).toBe(404);
  });
});

describe('ledger and invoices', () => {
  it('the credit ledger pages newest first with a cursor and every entry appears once', async () => {
    const owner = await signUp(t, 'ledger-pages@example.com');
    await overviewOf(owner); // the monthly grant: one entry
    for (let i = 0; i < 6; i++) {
      await applyCreditChange(t.deps.db, {
        workspaceId: owner.workspaceId,
        amount: i % 2 === 0 ? 5 : -1,
        operationType: i % 2 === 0 ? 'staff_grant' : 'generation.x',
        reason: i % 2 === 0 ? 'bonus' : 'generation',
        idempotencyKey: `page-${i}`,
        actor: { type: 'system', id: null },
      });
    }
    const { seen, pages } = await walk<{
      id: string;
      amount: number;
      balanceAfter: number;
      createdAt: string;
    }>(`/api/v1/workspaces/${owner.workspaceId}/credits/ledger`, owner, 3);
    expect(pages).toBe(3);
    expect(seen).toHaveLength(7);
    expect(new Set(seen.map((e) => e.id)).size).toBe(7);
    const times = seen.map((e) => e.createdAt);
    expect(times).toEqual([...times].sort().reverse());
    expect(seen.reduce((sum, e) => sum + e.amount, 0)).toBe(10 + 3 * 5 - 3);
    expect(seen.map((e) => e.balanceAfter).sort((a, b) => a - b)).toEqual([10, 14, 15, 18, 19, 22, 23]);
  });

  it('invoices page newest first for admins and are not shown to an API key', async () => {
    const owner = await signUp(t, 'invoiced@example.com');
    for (let i = 1; i <= 5; i++) {
      await t.deps.db.transaction((tx) =>
        applyInvoiceUpdate(t.deps, tx, {
          provider: 'stripe',
          eventType: 'invoice.paid',
          occurredAt: new Date(`2033-0${i}-02T00:00:00.000Z`),
          workspaceId: owner.workspaceId,
          providerInvoiceId: `in_${i}`,
          status: 'paid',
          amountDueCents: 2900,
          amountPaidCents: 2900,
          currency: 'usd',
          pdfUrl: `https://pay.example/in_${i}.pdf`,
        }),
      );
    }
    const path = `/api/v1/workspaces/${owner.workspaceId}/invoices`;
    const { seen, pages } = await walk<{
      id: string;
      status: string;
      pdfUrl: string;
      amountPaidCents: number;
    }>(path, owner, 2);
    expect(pages).toBe(3);
    expect(seen).toHaveLength(5);
    expect(new Set(seen.map((i) => i.id)).size).toBe(5);
    expect(seen.every((i) => i.status === 'paid' && i.amountPaidCents === 2900)).toBe(true);
    expect(seen.map((i) => i.pdfUrl).sort()).toEqual(
      [1, 2, 3, 4, 5].map((i) => `https://pay.example/in_${i}.pdf`),
    );
    const secret = await readKey(owner);
    expect((await t.call('GET', path, { apiKey: secret })).status).toBe(403);
    const stranger = await signUp(t, 'stranger@example.com');
    expect((await t.call('GET', path, { cookie: stranger.cookie })).status).toBe(404);
  });
});
