import { createHmac, randomBytes } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  billingRowCounts,
  historyOf,
  notificationTitles,
  planKeyOf,
  subscriptionOf,
  waitProcessed,
} from '../../../../../../test/billing-webhooks.ts';
import { jsonOf, startDodoFake } from '../../../../../../test/fakes/dodo-fake.ts';
import type { HttpFake } from '../../../../../../test/fakes/http-fake.ts';
import { createTestApp, json, signUp, type TestApp, testOrigin } from '../../../../../../test/harness.ts';
import { getCreditBalance } from '../../../credits/credits.service.ts';
import { creditLedger } from '../../../credits/credits.table.ts';
import { plans } from '../../../plans/plans.table.ts';
import { webhookEvents } from '../../../webhooks/webhooks.table.ts';
import { billingCustomers, invoices } from '../../billing.table.ts';

// Standard Webhooks: the secret is `whsec_` + base64 key; the signature is
// `v1,` + base64(HMAC-SHA256(key, `${webhook-id}.${webhook-timestamp}.${body}`)).
const secretKey = randomBytes(32);
const webhookSecret = `whsec_${secretKey.toString('base64')}`;
const apiKey = 'dodo_test_api_key_0123456789';
let t: TestApp;
let fake: HttpFake;

beforeAll(async () => {
  fake = await startDodoFake();
  t = await createTestApp({
    env: {
      DODO_API_KEY: apiKey,
      DODO_WEBHOOK_SECRET: webhookSecret,
      DODO_API_URL: fake.url,
      DODO_CREDIT_PRODUCT_ID: 'pdt_credits_pwyw',
    },
  });
});
afterAll(async () => {
  await t.close();
  await fake.close();
});

function standardSignature(id: string, timestamp: number, body: string, key: Buffer = secretKey) {
  return `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
}

interface Delivery {
  id?: string;
  timestamp?: number;
  signature?: string | null;
  body?: string;
}

function deliver(event: { webhookId: string }, options: Delivery = {}) {
  const { webhookId, ...payload } = event;
  const body = options.body ?? JSON.stringify(payload);
  const id = options.id ?? webhookId;
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
  };
  const signature =
    options.signature === undefined ? standardSignature(id, timestamp, body) : options.signature;
  if (signature !== null) headers['webhook-signature'] = signature;
  return t.call('POST', '/webhooks/dodo', { rawBody: body, headers });
}

const day = 86_400_000;
let sequence = 0;

function dodoEvent(type: string, data: Record<string, unknown>, at = new Date()) {
  sequence += 1;
  return {
    webhookId: `msg_${sequence}_${Math.random().toString(36).slice(2, 10)}`,
    business_id: 'bus_test',
    type,
    timestamp: at.toISOString(),
    data,
  };
}

function subscriptionData(fields: {
  id: string;
  customerId: string;
  status?: string;
  metadata?: Record<string, string>;
  productId?: string;
  amount?: number;
  interval?: 'Month' | 'Year';
  periodStart?: Date;
  trialDays?: number;
  cancelAtNext?: boolean;
}) {
  const periodStart = fields.periodStart ?? new Date();
  return {
    payload_type: 'Subscription',
    subscription_id: fields.id,
    status: fields.status ?? 'active',
    customer: { customer_id: fields.customerId, email: 'payer@example.com', name: 'Payer' },
    product_id: fields.productId ?? 'pdt_unmapped',
    metadata: fields.metadata ?? {},
    currency: 'USD',
    recurring_pre_tax_amount: fields.amount ?? 2900,
    payment_frequency_interval: fields.interval ?? 'Month',
    payment_frequency_count: 1,
    subscription_period_interval: 'Year',
    subscription_period_count: 10,
    previous_billing_date: periodStart.toISOString(),
    next_billing_date: new Date(periodStart.getTime() + 30 * day).toISOString(),
    cancel_at_next_billing_date: fields.cancelAtNext ?? false,
    cancelled_at: fields.status === 'cancelled' ? new Date().toISOString() : null,
    created_at: new Date(Date.now() - day).toISOString(),
    trial_period_days: fields.trialDays ?? 0,
    quantity: 1,
    tax_inclusive: false,
    on_demand: false,
    addons: [],
    meters: [],
  };
}

function paymentData(fields: {
  id: string;
  customerId: string;
  subscriptionId?: string | null;
  metadata?: Record<string, string>;
  amount: number;
  status?: string;
}) {
  return {
    payload_type: 'Payment',
    payment_id: fields.id,
    status: fields.status ?? 'succeeded',
    customer: { customer_id: fields.customerId, email: 'payer@example.com', name: 'Payer' },
    metadata: fields.metadata ?? {},
    total_amount: fields.amount,
    currency: 'USD',
    subscription_id: fields.subscriptionId ?? null,
    invoice_url: `https://invoices.dodo.test/${fields.id}.pdf`,
    created_at: new Date().toISOString(),
    business_id: 'bus_test',
    brand_id: 'bus_test',
  };
}

async function mapPriceIds(planKey: string, ids: Record<string, string>) {
  await t.deps.db
    .update(plans)
    .set({ providerPriceIds: sql`${plans.providerPriceIds} || ${JSON.stringify(ids)}::jsonb` })
    .where(eq(plans.key, planKey));
}

async function deliverAndProcess(...events: Array<ReturnType<typeof dodoEvent>>) {
  for (const event of events) {
    expect((await deliver(event)).status).toBe(200);
    await waitProcessed(t, 'dodo', event.webhookId);
  }
}

describe('Dodo Payments webhooks', () => {
  it('a signed subscription.active puts the workspace on the plan, with its history and a notification', async () => {
    const owner = await signUp(t, 'dodo-active@example.com');
    const periodStart = new Date(Date.now() - 60_000);
    const event = dodoEvent(
      'subscription.active',
      subscriptionData({
        id: 'sub_dodo_active',
        customerId: 'cus_dodo_active',
        metadata: { workspaceId: owner.workspaceId, planKey: 'pro' },
        periodStart,
      }),
    );
    const response = await deliver(event);
    expect(response.status).toBe(200);
    expect(await json(response)).toEqual({ received: true, duplicate: false });
    const stored = await waitProcessed(t, 'dodo', event.webhookId);

    expect(await planKeyOf(t, owner.workspaceId)).toBe('pro');
    const subscription = await subscriptionOf(t, 'dodo', 'sub_dodo_active');
    expect(subscription).toMatchObject({
      workspaceId: owner.workspaceId,
      status: 'active',
      amountCents: 2900,
      currency: 'usd',
      interval: 'month',
      providerCustomerId: 'cus_dodo_active',
    });
    expect(subscription?.currentPeriodStart?.getTime()).toBe(periodStart.getTime());
    expect(subscription?.currentPeriodEnd?.getTime()).toBe(periodStart.getTime() + 30 * day);
    expect(await historyOf(t, owner.workspaceId)).toMatchObject([
      {
        eventType: 'subscription.active',
        status: 'active',
        planKey: 'pro',
        wasApplied: true,
        webhookEventId: stored.id,
      },
    ]);
    expect(await notificationTitles(t, owner.userId)).toContain('You are on Pro');
    // The customer is remembered, so later events without metadata still find the workspace.
    const [customer] = await t.deps.db
      .select()
      .from(billingCustomers)
      .where(and(eq(billingCustomers.workspaceId, owner.workspaceId), eq(billingCustomers.provider, 'dodo')));
    expect(customer?.customerId).toBe('cus_dodo_active');
  });

  it('payments, a renewal, on hold and the cancellation each change the state', async () => {
    const owner = await signUp(t, 'dodo-lifecycle@example.com');
    const base = Date.now() - 100_000;
    const metadata = { workspaceId: owner.workspaceId, planKey: 'pro' };
    const sub = (status: string, periodStart: Date) =>
      subscriptionData({ id: 'sub_dodo_life', customerId: 'cus_dodo_life', status, metadata, periodStart });
    const firstPeriod = new Date(base);
    const secondPeriod = new Date(base + 30 * day);
    await deliverAndProcess(
      dodoEvent('subscription.active', sub('active', firstPeriod), new Date(base)),
      // No metadata on the payment: the workspace comes from the customer stored above.
      dodoEvent(
        'payment.succeeded',
        paymentData({
          id: 'pay_first',
          customerId: 'cus_dodo_life',
          subscriptionId: 'sub_dodo_life',
          amount: 2900,
        }),
        new Date(base + 1000),
      ),
      dodoEvent('subscription.renewed', sub('active', secondPeriod), new Date(base + 2000)),
    );
    const [paid] = await t.deps.db.select().from(invoices).where(eq(invoices.providerInvoiceId, 'pay_first'));
    expect(paid).toMatchObject({
      workspaceId: owner.workspaceId,
      provider: 'dodo',
      status: 'paid',
      amountDueCents: 2900,
      amountPaidCents: 2900,
      pdfUrl: 'https://invoices.dodo.test/pay_first.pdf',
    });
    expect((await subscriptionOf(t, 'dodo', 'sub_dodo_life'))?.currentPeriodStart?.getTime()).toBe(
      secondPeriod.getTime(),
    );

    await deliverAndProcess(
      dodoEvent(
        'payment.failed',
        paymentData({
          id: 'pay_second',
          customerId: 'cus_dodo_life',
          subscriptionId: 'sub_dodo_life',
          amount: 2900,
          status: 'failed',
        }),
        new Date(base + 3000),
      ),
      dodoEvent('subscription.on_hold', sub('on_hold', secondPeriod), new Date(base + 4000)),
    );
    const [unpaid] = await t.deps.db
      .select()
      .from(invoices)
      .where(eq(invoices.providerInvoiceId, 'pay_second'));
    expect(unpaid).toMatchObject({ status: 'failed', amountPaidCents: 0 });
    expect((await subscriptionOf(t, 'dodo', 'sub_dodo_life'))?.status).toBe('past_due');
    expect(await planKeyOf(t, owner.workspaceId)).toBe('pro');
    expect(await notificationTitles(t, owner.userId)).toContain('A payment failed');

    await deliverAndProcess(
      dodoEvent('subscription.cancelled', sub('cancelled', secondPeriod), new Date(base + 5000)),
    );
    expect((await subscriptionOf(t, 'dodo', 'sub_dodo_life'))?.status).toBe('canceled');
    expect(await planKeyOf(t, owner.workspaceId)).toBe('free');
    expect(await notificationTitles(t, owner.userId)).toContain('Subscription canceled');
  });

  it('without metadata, the plan comes from the mapped product and a trial shows as trialing', async () => {
    const owner = await signUp(t, 'dodo-mapped@example.com');
    await mapPriceIds('business', { 'dodo:month': 'pdt_business_monthly' });
    await t.deps.db
      .insert(billingCustomers)
      .values({ workspaceId: owner.workspaceId, provider: 'dodo', customerId: 'cus_dodo_mapped' });
    await deliverAndProcess(
      dodoEvent(
        'subscription.active',
        subscriptionData({
          id: 'sub_dodo_mapped',
          customerId: 'cus_dodo_mapped',
          productId: 'pdt_business_monthly',
          amount: 9900,
          trialDays: 14,
        }),
      ),
    );
    expect(await planKeyOf(t, owner.workspaceId)).toBe('business');
    const subscription = await subscriptionOf(t, 'dodo', 'sub_dodo_mapped');
    expect(subscription).toMatchObject({ status: 'trialing', amountCents: 9900 });
    expect(subscription?.trialEndsAt).toBeInstanceOf(Date);
    expect(await notificationTitles(t, owner.userId)).toContain('Your Business trial has started');
  });

  it('a wrongly signed, tampered, unsigned, stale or future-dated event is refused and writes nothing', async () => {
    const owner = await signUp(t, 'dodo-refused@example.com');
    const event = dodoEvent(
      'subscription.active',
      subscriptionData({
        id: 'sub_dodo_refused',
        customerId: 'cus_dodo_refused',
        metadata: { workspaceId: owner.workspaceId, planKey: 'business' },
      }),
    );
    const { webhookId, ...payload } = event;
    const body = JSON.stringify(payload);
    const nowSeconds = Math.floor(Date.now() / 1000);
    const before = await billingRowCounts(t);
    const attempts = [
      deliver(event, { signature: standardSignature(webhookId, nowSeconds, body, randomBytes(32)) }),
      deliver(event, {
        body: body.replace('"business"', '"pro"'),
        signature: standardSignature(webhookId, nowSeconds, body),
      }),
      deliver(event, { signature: null }),
      deliver(event, {
        timestamp: nowSeconds - 301,
        signature: standardSignature(webhookId, nowSeconds - 301, body),
      }),
      deliver(event, {
        timestamp: nowSeconds + 600,
        signature: standardSignature(webhookId, nowSeconds + 600, body),
      }),
      // The id is signed too: a valid signature moved onto another id is refused.
      deliver(event, { id: 'msg_other', signature: standardSignature(webhookId, nowSeconds, body) }),
    ];
    for (const response of await Promise.all(attempts)) {
      expect(response.status).toBe(401);
      expect((await json<{ error: { code: string } }>(response)).error.code).toBe('invalid_signature');
    }
    expect(await billingRowCounts(t)).toEqual(before);
    expect(await planKeyOf(t, owner.workspaceId)).toBe('free');
  });

  it('the same delivery five times is processed once, and a credit pack adds its credits once', async () => {
    const owner = await signUp(t, 'dodo-duplicate@example.com');
    const balanceBefore = await getCreditBalance(t.deps.db, owner.workspaceId);
    const subscription = dodoEvent(
      'subscription.active',
      subscriptionData({
        id: 'sub_dodo_dup',
        customerId: 'cus_dodo_dup',
        metadata: { workspaceId: owner.workspaceId, planKey: 'pro' },
      }),
    );
    const pack = dodoEvent(
      'payment.succeeded',
      paymentData({
        id: 'pay_pack',
        customerId: 'cus_dodo_dup',
        metadata: { workspaceId: owner.workspaceId, credits: '300' },
        amount: 1500,
      }),
    );
    for (const event of [subscription, pack]) {
      const responses = await Promise.all(Array.from({ length: 5 }, () => deliver(event)));
      expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
      const bodies = await Promise.all(responses.map((r) => json<{ duplicate: boolean }>(r)));
      expect(bodies.filter((b) => !b.duplicate)).toHaveLength(1);
      await waitProcessed(t, 'dodo', event.webhookId);
    }
    const stored = await t.deps.db
      .select()
      .from(webhookEvents)
      .where(and(eq(webhookEvents.source, 'dodo'), eq(webhookEvents.externalId, pack.webhookId)));
    expect(stored).toHaveLength(1);
    const history = await historyOf(t, owner.workspaceId);
    expect(history.filter((h) => h.eventType === 'subscription.active')).toHaveLength(1);
    expect(history.filter((h) => h.eventType === 'payment.succeeded')).toHaveLength(1);
    const purchases = await t.deps.db
      .select()
      .from(creditLedger)
      .where(and(eq(creditLedger.workspaceId, owner.workspaceId), eq(creditLedger.reason, 'purchase')));
    expect(purchases).toHaveLength(1);
    expect(purchases[0]?.amount).toBe(300);
    expect(await getCreditBalance(t.deps.db, owner.workspaceId)).toBe(balanceBefore + 300);
    expect(await notificationTitles(t, owner.userId)).toContain('300 credits added');
  });

  it('an older event that arrives after a newer one is kept in the history but does not roll the state back', async () => {
    const owner = await signUp(t, 'dodo-order@example.com');
    const base = Date.now() - 600_000;
    const newer = dodoEvent(
      'subscription.plan_changed',
      subscriptionData({
        id: 'sub_dodo_order',
        customerId: 'cus_dodo_order',
        metadata: { workspaceId: owner.workspaceId, planKey: 'business' },
        amount: 9900,
      }),
      new Date(base + 60_000),
    );
    const older = dodoEvent(
      'subscription.active',
      subscriptionData({
        id: 'sub_dodo_order',
        customerId: 'cus_dodo_order',
        metadata: { workspaceId: owner.workspaceId, planKey: 'pro' },
        amount: 2900,
      }),
      new Date(base),
    );
    await deliverAndProcess(newer, older);
    expect(await subscriptionOf(t, 'dodo', 'sub_dodo_order')).toMatchObject({
      status: 'active',
      amountCents: 9900,
    });
    expect(await planKeyOf(t, owner.workspaceId)).toBe('business');
    const history = await historyOf(t, owner.workspaceId);
    expect(history.map((h) => [h.eventType, h.planKey, h.wasApplied])).toEqual([
      ['subscription.plan_changed', 'business', true],
      ['subscription.active', 'pro', false],
    ]);
  });

  it('checkout, credit-pack and portal links are created through the REST API against the fake and carry the workspace', async () => {
    const owner = await signUp(t, 'dodo-checkout@example.com');
    const cookie = owner.cookie;
    const base = `/api/v1/workspaces/${owner.workspaceId}/billing`;
    fake.requests.length = 0;

    // Dodo sells products: a plan without a mapped product cannot be bought, and nothing is sent.
    const unmapped = await t.call('POST', `${base}/checkout`, {
      cookie,
      body: { planKey: 'pro', interval: 'year' },
    });
    expect(unmapped.status).toBe(503);
    expect((await json<{ error: { message: string } }>(unmapped)).error.message).toMatch(/dodo:year/);
    expect(fake.requests).toHaveLength(0);

    await mapPriceIds('pro', { 'dodo:month': 'pdt_pro_monthly' });
    const checkout = await t.call('POST', `${base}/checkout`, {
      cookie,
      body: { planKey: 'pro', interval: 'month', provider: 'dodo' },
    });
    expect(checkout.status).toBe(200);
    expect((await json<{ url: string }>(checkout)).url).toMatch(/^https:\/\/checkout\.dodo\.test\/session\//);
    const billingPage = `${testOrigin}/w/${owner.workspaceId}/billing`;
    expect(fake.requests[0]?.path).toBe('/checkouts');
    expect(fake.requests[0]?.headers.authorization).toBe(`Bearer ${apiKey}`);
    expect(jsonOf(fake.requests[0])).toEqual({
      product_cart: [{ product_id: 'pdt_pro_monthly', quantity: 1 }],
      customer: { email: 'dodo-checkout@example.com' },
      metadata: { workspaceId: owner.workspaceId, planKey: 'pro' },
      return_url: `${billingPage}?checkout=success`,
    });

    fake.requests.length = 0;
    const pack = await t.call('POST', `${base}/credit-packs`, { cookie, body: { credits: 100 } });
    expect(pack.status).toBe(200);
    expect(jsonOf(fake.requests[0])).toMatchObject({
      product_cart: [{ product_id: 'pdt_credits_pwyw', quantity: 1, amount: 500 }],
      metadata: { workspaceId: owner.workspaceId, credits: '100' },
    });

    const noCustomer = await t.call('POST', `${base}/portal`, { cookie });
    expect(noCustomer.status).toBe(409);
    await t.deps.db
      .insert(billingCustomers)
      .values({ workspaceId: owner.workspaceId, provider: 'dodo', customerId: 'cus_dodo_portal' });
    fake.requests.length = 0;
    const portal = await t.call('POST', `${base}/portal`, { cookie });
    expect(portal.status).toBe(200);
    expect((await json<{ url: string }>(portal)).url).toMatch(
      /^https:\/\/customer\.dodo\.test\/portal\/cus_dodo_portal/,
    );
    expect(fake.requests[0]?.path).toBe('/customers/cus_dodo_portal/customer-portal/session');
  });
});
