import { createHmac } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  billingRowCounts,
  historyOf,
  notificationTitles,
  planKeyOf,
  storedEvent,
  subscriptionOf,
  waitProcessed,
} from '../../../../../../test/billing-webhooks.ts';
import type { HttpFake } from '../../../../../../test/fakes/http-fake.ts';
import { formOf, startStripeFake } from '../../../../../../test/fakes/stripe-fake.ts';
import {
  createTestApp,
  json,
  signUp,
  type TestApp,
  testOrigin,
  waitFor,
} from '../../../../../../test/harness.ts';
import { rowsOf } from '../../../../platform/db-errors.ts';
import { systemAudit } from '../../../audit/audit.service.ts';
import { getCreditBalance } from '../../../credits/credits.service.ts';
import { creditLedger } from '../../../credits/credits.table.ts';
import { plans } from '../../../plans/plans.table.ts';
import { addStaffMember } from '../../../staff/staff.service.ts';
import { billingCustomers, invoices } from '../../billing.table.ts';

const webhookSecret = 'whsec_herald_stripe_test_secret';
const secretKey = 'sk_test_herald_fake_key';
let t: TestApp;
let fake: HttpFake;

beforeAll(async () => {
  fake = await startStripeFake();
  t = await createTestApp({
    env: { STRIPE_SECRET_KEY: secretKey, STRIPE_WEBHOOK_SECRET: webhookSecret, STRIPE_API_URL: fake.url },
  });
});
afterAll(async () => {
  await t.close();
  await fake.close();
});

// Stripe's scheme: Stripe-Signature: t=<unix seconds>,v1=hex(HMAC-SHA256(secret, `${t}.${body}`)).
function stripeSignature(body: string, secret = webhookSecret, timestamp = Math.floor(Date.now() / 1000)) {
  const v1 = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
  return `t=${timestamp},v1=${v1}`;
}

function deliver(event: object, options: { signature?: string; body?: string } = {}) {
  const body = options.body ?? JSON.stringify(event);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const signature = options.signature ?? stripeSignature(body);
  if (signature) headers['stripe-signature'] = signature;
  return t.call('POST', '/webhooks/stripe', { rawBody: body, headers });
}

const now = () => Math.floor(Date.now() / 1000);
const day = 86_400;
let sequence = 0;

function stripeEvent(type: string, object: Record<string, unknown>, created = now()) {
  sequence += 1;
  return {
    id: `evt_test_${sequence}_${Math.random().toString(36).slice(2, 10)}`,
    object: 'event',
    api_version: '2026-10-28.endive',
    created,
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
    data: { object },
  };
}

// A subscription as the current API version sends it: the period is on the item.
function subscriptionObject(fields: {
  id: string;
  customer: string;
  status?: string;
  metadata?: Record<string, string>;
  priceId?: string;
  unitAmount?: number;
  interval?: 'month' | 'year';
  periodStart?: number;
  periodEnd?: number;
  cancelAtPeriodEnd?: boolean;
  trialEnd?: number | null;
}) {
  const periodStart = fields.periodStart ?? now();
  return {
    id: fields.id,
    object: 'subscription',
    customer: fields.customer,
    status: fields.status ?? 'active',
    currency: 'usd',
    metadata: fields.metadata ?? {},
    cancel_at_period_end: fields.cancelAtPeriodEnd ?? false,
    cancel_at: null,
    canceled_at: fields.status === 'canceled' ? now() : null,
    ended_at: fields.status === 'canceled' ? now() : null,
    trial_end: fields.trialEnd ?? null,
    items: {
      object: 'list',
      data: [
        {
          id: `si_${fields.id}`,
          object: 'subscription_item',
          quantity: 1,
          current_period_start: periodStart,
          current_period_end: fields.periodEnd ?? periodStart + 30 * day,
          price: {
            id: fields.priceId ?? 'price_unmapped',
            object: 'price',
            unit_amount: fields.unitAmount ?? 2900,
            currency: 'usd',
            recurring: { interval: fields.interval ?? 'month', interval_count: 1 },
          },
        },
      ],
    },
  };
}

function invoiceObject(fields: {
  id: string;
  customer: string;
  subscription: string;
  workspaceId: string;
  amount: number;
  paid: boolean;
}) {
  return {
    id: fields.id,
    object: 'invoice',
    customer: fields.customer,
    status: fields.paid ? 'paid' : 'open',
    amount_due: fields.amount,
    amount_paid: fields.paid ? fields.amount : 0,
    currency: 'usd',
    invoice_pdf: `https://pay.stripe.test/invoice/${fields.id}/pdf`,
    period_start: now(),
    period_end: now(),
    parent: {
      type: 'subscription_details',
      subscription_details: {
        subscription: fields.subscription,
        metadata: { workspaceId: fields.workspaceId },
      },
    },
    lines: { object: 'list', data: [{ period: { start: now(), end: now() + 30 * day } }] },
  };
}

async function mapPriceIds(planKey: string, ids: Record<string, string>) {
  await t.deps.db
    .update(plans)
    .set({ providerPriceIds: sql`${plans.providerPriceIds} || ${JSON.stringify(ids)}::jsonb` })
    .where(eq(plans.key, planKey));
}

describe('Stripe webhooks', () => {
  it('a signed customer.subscription.created puts the workspace on the plan, with its history and a notification', async () => {
    const owner = await signUp(t, 'stripe-created@example.com');
    const start = now();
    const event = stripeEvent(
      'customer.subscription.created',
      subscriptionObject({
        id: 'sub_created',
        customer: 'cus_created',
        metadata: { workspaceId: owner.workspaceId, planKey: 'pro' },
        periodStart: start,
        periodEnd: start + 30 * day,
      }),
    );
    const response = await deliver(event);
    expect(response.status).toBe(200);
    expect(await json(response)).toEqual({ received: true, duplicate: false });
    const stored = await waitProcessed(t, 'stripe', event.id);

    expect(await planKeyOf(t, owner.workspaceId)).toBe('pro');
    const subscription = await subscriptionOf(t, 'stripe', 'sub_created');
    expect(subscription).toMatchObject({
      workspaceId: owner.workspaceId,
      status: 'active',
      amountCents: 2900,
      currency: 'usd',
      interval: 'month',
      providerCustomerId: 'cus_created',
    });
    expect(subscription?.currentPeriodStart?.getTime()).toBe(start * 1000);
    expect(subscription?.currentPeriodEnd?.getTime()).toBe((start + 30 * day) * 1000);
    expect(await historyOf(t, owner.workspaceId)).toMatchObject([
      {
        eventType: 'customer.subscription.created',
        status: 'active',
        planKey: 'pro',
        wasApplied: true,
        webhookEventId: stored.id,
      },
    ]);
    expect(await notificationTitles(t, owner.userId)).toContain('You are on Pro');
    const overview = await json<{ plan: { key: string }; subscription: { status: string } }>(
      await t.call('GET', `/api/v1/billing?workspaceId=${owner.workspaceId}`, { cookie: owner.cookie }),
    );
    expect(overview.plan.key).toBe('pro');
    expect(overview.subscription.status).toBe('active');
  });

  it('a renewal, a failed payment, past due and the cancellation each change the state', async () => {
    const owner = await signUp(t, 'stripe-lifecycle@example.com');
    const base = now() - 100;
    const metadata = { workspaceId: owner.workspaceId, planKey: 'pro' };
    const sub = (status: string, periodStart: number) =>
      subscriptionObject({ id: 'sub_life', customer: 'cus_life', status, metadata, periodStart });
    const steps = [
      stripeEvent('customer.subscription.created', sub('active', base), base),
      stripeEvent(
        'invoice.paid',
        invoiceObject({
          id: 'in_first',
          customer: 'cus_life',
          subscription: 'sub_life',
          workspaceId: owner.workspaceId,
          amount: 2900,
          paid: true,
        }),
        base + 1,
      ),
      // A renewal: invoice.paid for the new period and the subscription moved to it.
      stripeEvent('customer.subscription.updated', sub('active', base + 30 * day), base + 2),
    ];
    for (const event of steps) {
      expect((await deliver(event)).status).toBe(200);
      await waitProcessed(t, 'stripe', event.id);
    }
    const [paid] = await t.deps.db.select().from(invoices).where(eq(invoices.providerInvoiceId, 'in_first'));
    expect(paid).toMatchObject({
      workspaceId: owner.workspaceId,
      status: 'paid',
      amountDueCents: 2900,
      amountPaidCents: 2900,
      currency: 'usd',
      pdfUrl: 'https://pay.stripe.test/invoice/in_first/pdf',
    });
    expect(paid?.paidAt).toBeInstanceOf(Date);
    expect((await subscriptionOf(t, 'stripe', 'sub_life'))?.currentPeriodStart?.getTime()).toBe(
      (base + 30 * day) * 1000,
    );

    const failed = stripeEvent(
      'invoice.payment_failed',
      invoiceObject({
        id: 'in_second',
        customer: 'cus_life',
        subscription: 'sub_life',
        workspaceId: owner.workspaceId,
        amount: 2900,
        paid: false,
      }),
      base + 3,
    );
    const pastDue = stripeEvent('customer.subscription.updated', sub('past_due', base + 30 * day), base + 4);
    for (const event of [failed, pastDue]) {
      expect((await deliver(event)).status).toBe(200);
      await waitProcessed(t, 'stripe', event.id);
    }
    const [unpaid] = await t.deps.db
      .select()
      .from(invoices)
      .where(eq(invoices.providerInvoiceId, 'in_second'));
    expect(unpaid).toMatchObject({ status: 'failed', amountPaidCents: 0 });
    expect((await subscriptionOf(t, 'stripe', 'sub_life'))?.status).toBe('past_due');
    expect(await planKeyOf(t, owner.workspaceId)).toBe('pro');
    expect(await notificationTitles(t, owner.userId)).toContain('A payment failed');

    const deleted = stripeEvent('customer.subscription.deleted', sub('canceled', base + 30 * day), base + 5);
    expect((await deliver(deleted)).status).toBe(200);
    await waitProcessed(t, 'stripe', deleted.id);
    const canceled = await subscriptionOf(t, 'stripe', 'sub_life');
    expect(canceled?.status).toBe('canceled');
    expect(canceled?.canceledAt).toBeInstanceOf(Date);
    expect(await planKeyOf(t, owner.workspaceId)).toBe('free');
    expect(await notificationTitles(t, owner.userId)).toContain('Subscription canceled');
  });

  it('without metadata, the plan comes from the mapped price id and the workspace from the stored customer', async () => {
    const owner = await signUp(t, 'stripe-mapped@example.com');
    await mapPriceIds('business', { 'stripe:month': 'price_business_month' });
    await t.deps.db
      .insert(billingCustomers)
      .values({ workspaceId: owner.workspaceId, provider: 'stripe', customerId: 'cus_mapped' });
    const trialEnd = now() + 14 * day;
    const event = stripeEvent(
      'customer.subscription.created',
      subscriptionObject({
        id: 'sub_mapped',
        customer: 'cus_mapped',
        status: 'trialing',
        priceId: 'price_business_month',
        unitAmount: 9900,
        trialEnd,
      }),
    );
    expect((await deliver(event)).status).toBe(200);
    await waitProcessed(t, 'stripe', event.id);
    expect(await planKeyOf(t, owner.workspaceId)).toBe('business');
    const subscription = await subscriptionOf(t, 'stripe', 'sub_mapped');
    expect(subscription).toMatchObject({
      workspaceId: owner.workspaceId,
      status: 'trialing',
      amountCents: 9900,
    });
    expect(subscription?.trialEndsAt?.getTime()).toBe(trialEnd * 1000);
    expect(await notificationTitles(t, owner.userId)).toContain('Your Business trial has started');
  });

  it('a wrongly signed, tampered, unsigned or stale event is refused and writes nothing', async () => {
    const owner = await signUp(t, 'stripe-refused@example.com');
    const event = stripeEvent(
      'customer.subscription.created',
      subscriptionObject({
        id: 'sub_refused',
        customer: 'cus_refused',
        metadata: { workspaceId: owner.workspaceId, planKey: 'business' },
      }),
    );
    const body = JSON.stringify(event);
    const before = await billingRowCounts(t);
    const attempts = [
      deliver(event, { signature: stripeSignature(body, 'whsec_someone_else_entirely') }),
      deliver(event, { signature: stripeSignature(body), body: body.replace('"business"', '"pro"') }),
      deliver(event, { signature: '' }),
      deliver(event, { signature: stripeSignature(body, webhookSecret, now() - 301) }),
    ];
    for (const response of await Promise.all(attempts)) {
      expect(response.status).toBe(401);
      expect((await json<{ error: { code: string } }>(response)).error.code).toBe('invalid_signature');
    }
    expect(await billingRowCounts(t)).toEqual(before);
    expect(await planKeyOf(t, owner.workspaceId)).toBe('free');
  });

  it('the same event delivered five times is processed once, and a credit pack adds its credits once', async () => {
    const owner = await signUp(t, 'stripe-duplicate@example.com');
    const balanceBefore = await getCreditBalance(t.deps.db, owner.workspaceId);
    const subscription = stripeEvent(
      'customer.subscription.created',
      subscriptionObject({
        id: 'sub_duplicate',
        customer: 'cus_duplicate',
        metadata: { workspaceId: owner.workspaceId, planKey: 'pro' },
      }),
    );
    const pack = stripeEvent('checkout.session.completed', {
      id: 'cs_test_pack',
      object: 'checkout.session',
      mode: 'payment',
      payment_status: 'paid',
      status: 'complete',
      customer: 'cus_duplicate',
      client_reference_id: owner.workspaceId,
      metadata: { workspaceId: owner.workspaceId, credits: '250' },
      amount_total: 1250,
      currency: 'usd',
    });
    for (const event of [subscription, pack]) {
      const responses = await Promise.all(Array.from({ length: 5 }, () => deliver(event)));
      const bodies = await Promise.all(responses.map((r) => json<{ duplicate: boolean }>(r)));
      expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
      expect(bodies.filter((b) => !b.duplicate)).toHaveLength(1);
      await waitProcessed(t, 'stripe', event.id);
    }
    // Redeliveries after processing are no-ops too.
    expect(await json(await deliver(pack))).toEqual({ received: true, duplicate: true });

    const history = await historyOf(t, owner.workspaceId);
    expect(history.filter((h) => h.eventType === 'customer.subscription.created')).toHaveLength(1);
    expect(history.filter((h) => h.eventType === 'checkout.session.completed')).toHaveLength(1);
    const purchases = await t.deps.db
      .select()
      .from(creditLedger)
      .where(and(eq(creditLedger.workspaceId, owner.workspaceId), eq(creditLedger.reason, 'purchase')));
    expect(purchases).toHaveLength(1);
    expect(purchases[0]).toMatchObject({ amount: 250, operationType: 'credit_pack' });
    expect(await getCreditBalance(t.deps.db, owner.workspaceId)).toBe(balanceBefore + 250);
    expect(await notificationTitles(t, owner.userId)).toContain('250 credits added');
  });

  it('an older event that arrives after a newer one is kept in the history but does not roll the state back', async () => {
    const owner = await signUp(t, 'stripe-order@example.com');
    const base = now() - 1000;
    const older = stripeEvent(
      'customer.subscription.created',
      subscriptionObject({
        id: 'sub_order',
        customer: 'cus_order',
        metadata: { workspaceId: owner.workspaceId, planKey: 'pro' },
        unitAmount: 2900,
      }),
      base,
    );
    const newer = stripeEvent(
      'customer.subscription.updated',
      subscriptionObject({
        id: 'sub_order',
        customer: 'cus_order',
        metadata: { workspaceId: owner.workspaceId, planKey: 'business' },
        unitAmount: 9900,
      }),
      base + 60,
    );
    for (const event of [newer, older]) {
      expect((await deliver(event)).status).toBe(200);
      await waitProcessed(t, 'stripe', event.id);
    }
    const subscription = await subscriptionOf(t, 'stripe', 'sub_order');
    expect(subscription).toMatchObject({ status: 'active', amountCents: 9900 });
    expect(Math.floor((subscription?.lastEventAt.getTime() ?? 0) / 1000)).toBe(base + 60);
    expect(await planKeyOf(t, owner.workspaceId)).toBe('business');
    const history = await historyOf(t, owner.workspaceId);
    expect(history.map((h) => [h.eventType, h.planKey, h.wasApplied])).toEqual([
      ['customer.subscription.updated', 'business', true],
      ['customer.subscription.created', 'pro', false],
    ]);
  });

  it('a creation and an update dated the same second keep the update, whichever arrives last', async () => {
    const owner = await signUp(t, 'stripe-same-second@example.com');
    const second = now() - 30;
    const fields = { id: 'sub_same_second', customer: 'cus_same_second' };
    const metadata = { workspaceId: owner.workspaceId, planKey: 'pro' };
    // A checkout creates the subscription incomplete and activates it within the same second.
    const created = stripeEvent(
      'customer.subscription.created',
      subscriptionObject({ ...fields, status: 'incomplete', metadata }),
      second,
    );
    const updated = stripeEvent(
      'customer.subscription.updated',
      subscriptionObject({ ...fields, status: 'active', metadata }),
      second,
    );
    for (const event of [updated, created]) {
      expect((await deliver(event)).status).toBe(200);
      await waitProcessed(t, 'stripe', event.id);
    }
    expect((await subscriptionOf(t, 'stripe', 'sub_same_second'))?.status).toBe('active');
    expect(await planKeyOf(t, owner.workspaceId)).toBe('pro');
    const history = await historyOf(t, owner.workspaceId);
    expect(history.map((h) => [h.status, h.wasApplied])).toEqual([
      ['active', true],
      ['incomplete', false],
    ]);
  });

  it('canceling an old subscription after moving to a new one keeps the new plan', async () => {
    const owner = await signUp(t, 'stripe-switch@example.com');
    const base = now() - 300;
    const metadata = (planKey: string) => ({ workspaceId: owner.workspaceId, planKey });
    const events = [
      stripeEvent(
        'customer.subscription.created',
        subscriptionObject({ id: 'sub_old', customer: 'cus_switch', metadata: metadata('pro') }),
        base,
      ),
      stripeEvent(
        'customer.subscription.created',
        subscriptionObject({
          id: 'sub_new',
          customer: 'cus_switch',
          metadata: metadata('business'),
          unitAmount: 9900,
        }),
        base + 10,
      ),
      stripeEvent(
        'customer.subscription.deleted',
        subscriptionObject({
          id: 'sub_old',
          customer: 'cus_switch',
          status: 'canceled',
          metadata: metadata('pro'),
        }),
        base + 20,
      ),
    ];
    for (const event of events) {
      expect((await deliver(event)).status).toBe(200);
      await waitProcessed(t, 'stripe', event.id);
    }
    expect((await subscriptionOf(t, 'stripe', 'sub_old'))?.status).toBe('canceled');
    expect(await planKeyOf(t, owner.workspaceId)).toBe('business');
    expect(await notificationTitles(t, owner.userId)).toContain('Subscription canceled');
  });

  it('checkout, credit-pack and portal links are created through the SDK against the fake and carry the workspace', async () => {
    const owner = await signUp(t, 'stripe-checkout@example.com');
    const cookie = owner.cookie;
    const base = `/api/v1/workspaces/${owner.workspaceId}/billing`;
    fake.requests.length = 0;

    const noCustomer = await t.call('POST', `${base}/portal`, { cookie });
    expect(noCustomer.status).toBe(409);

    const checkout = await t.call('POST', `${base}/checkout`, {
      cookie,
      body: { planKey: 'pro', interval: 'month' },
    });
    expect(checkout.status).toBe(200);
    expect((await json<{ url: string }>(checkout)).url).toMatch(
      /^https:\/\/checkout\.stripe\.test\/c\/pay\/cs_test_/,
    );
    const [customerCall, sessionCall] = fake.requests;
    expect(customerCall?.path).toBe('/v1/customers');
    expect(customerCall?.headers.authorization).toBe(`Bearer ${secretKey}`);
    expect(customerCall?.headers['idempotency-key']).toBe(`herald-customer-${owner.workspaceId}`);
    expect(formOf(customerCall)).toMatchObject({
      email: 'stripe-checkout@example.com',
      'metadata[workspaceId]': owner.workspaceId,
    });
    const billingPage = `${testOrigin}/w/${owner.workspaceId}/billing`;
    expect(sessionCall?.path).toBe('/v1/checkout/sessions');
    const customerId = formOf(sessionCall).customer;
    expect(customerId).toMatch(/^cus_fake/);
    expect(formOf(sessionCall)).toMatchObject({
      mode: 'subscription',
      client_reference_id: owner.workspaceId,
      'metadata[workspaceId]': owner.workspaceId,
      'metadata[planKey]': 'pro',
      'subscription_data[metadata][workspaceId]': owner.workspaceId,
      'subscription_data[metadata][planKey]': 'pro',
      'line_items[0][price_data][unit_amount]': '2900',
      'line_items[0][price_data][currency]': 'usd',
      'line_items[0][price_data][recurring][interval]': 'month',
      success_url: `${billingPage}?checkout=success`,
      cancel_url: `${billingPage}?checkout=canceled`,
    });

    // A mapped price id is used as it is; the stored customer is reused.
    await mapPriceIds('pro', { 'stripe:year': 'price_pro_year' });
    fake.requests.length = 0;
    const yearly = await t.call('POST', `${base}/checkout`, {
      cookie,
      body: { planKey: 'pro', interval: 'year' },
    });
    expect(yearly.status).toBe(200);
    expect(fake.requests.map((r) => r.path)).toEqual(['/v1/checkout/sessions']);
    expect(formOf(fake.requests[0])).toMatchObject({
      customer: customerId,
      'line_items[0][price]': 'price_pro_year',
      'metadata[planKey]': 'pro',
    });

    fake.requests.length = 0;
    const pack = await t.call('POST', `${base}/credit-packs`, { cookie, body: { credits: 100 } });
    expect(pack.status).toBe(200);
    expect(formOf(fake.requests[0])).toMatchObject({
      mode: 'payment',
      customer: customerId,
      'metadata[workspaceId]': owner.workspaceId,
      'metadata[credits]': '100',
      'payment_intent_data[metadata][credits]': '100',
      'line_items[0][price_data][unit_amount]': '500',
    });

    fake.requests.length = 0;
    const portal = await t.call('POST', `${base}/portal`, { cookie });
    expect(portal.status).toBe(200);
    expect((await json<{ url: string }>(portal)).url).toMatch(/^https:\/\/billing\.stripe\.test\//);
    expect(fake.requests[0]?.path).toBe('/v1/billing_portal/sessions');
    expect(formOf(fake.requests[0])).toMatchObject({ customer: customerId, return_url: billingPage });
  });

  it('a failed event is retried with backoff until it can be applied, and staff can replay it', async () => {
    const owner = await signUp(t, 'stripe-retry@example.com');
    const staff = await signUp(t, 'stripe-staff@example.com');
    await addStaffMember(t.deps.db, systemAudit(t.deps.authSecret), staff.email, 'admin');
    // No workspace in the metadata and a customer Herald has not seen yet: it cannot be applied now.
    const event = stripeEvent(
      'customer.subscription.created',
      subscriptionObject({ id: 'sub_retry', customer: 'cus_later', metadata: { planKey: 'pro' } }),
    );
    expect((await deliver(event)).status).toBe(200);
    const failed = await waitFor(async () => {
      const row = await storedEvent(t, 'stripe', event.id);
      return row && row.retryCount >= 1 ? row : null;
    });
    expect(failed.processed).toBe(false);
    expect(failed.error).toMatch(/cannot tell which workspace/);
    // pg-boss settles the job just after the handler recorded the error: wait for it to be scheduled again.
    const job = await waitFor(async () => {
      const [row] = rowsOf<{
        state: string;
        retry_limit: number;
        retry_delay: number;
        retry_backoff: boolean;
      }>(
        await t.deps.db.execute(
          sql`select state, retry_limit, retry_delay, retry_backoff from pgboss.job
              where name = 'webhooks.process' and data->>'eventId' = ${failed.id}`,
        ),
      );
      return row?.state === 'retry' ? row : null;
    });
    expect(job).toMatchObject({ retry_limit: 10, retry_delay: 5, retry_backoff: true });

    // The customer becomes known (say, the checkout's customer was stored): the next retry applies it.
    await t.deps.db
      .insert(billingCustomers)
      .values({ workspaceId: owner.workspaceId, provider: 'stripe', customerId: 'cus_later' });
    const processed = await waitProcessed(t, 'stripe', event.id, 45_000);
    expect(processed.error).toBeNull();
    expect(await planKeyOf(t, owner.workspaceId)).toBe('pro');

    const replay = await t.call('POST', `/api/v1/staff/webhook-events/${processed.id}/replay`, {
      cookie: staff.cookie,
    });
    expect(replay.status).toBe(202);
    const history = await waitFor(async () => {
      const rows = await historyOf(t, owner.workspaceId);
      return rows.length === 2 ? rows : null;
    });
    expect(history.map((h) => h.webhookEventId)).toEqual([processed.id, processed.id]);
    expect((await storedEvent(t, 'stripe', event.id))?.processed).toBe(true);
    expect((await subscriptionOf(t, 'stripe', 'sub_retry'))?.status).toBe('active');
  }, 60_000);
});

describe('Stripe without keys', () => {
  it('checkout answers 503 not_configured, webhooks are off, and staff can still set a plan by hand', async () => {
    const bare = await createTestApp();
    try {
      const owner = await signUp(bare, 'no-keys@example.com');
      const staff = await signUp(bare, 'no-keys-staff@example.com');
      await addStaffMember(bare.deps.db, systemAudit(bare.deps.authSecret), staff.email, 'admin');
      const base = `/api/v1/workspaces/${owner.workspaceId}/billing`;
      for (const [path, body] of [
        [`${base}/checkout`, { planKey: 'pro', interval: 'month' }],
        [`${base}/credit-packs`, { credits: 100 }],
        [`${base}/portal`, undefined],
      ] as const) {
        const response = await bare.call('POST', path, { cookie: owner.cookie, body });
        expect(response.status).toBe(503);
        const { error } = await json<{ error: { code: string; message: string } }>(response);
        expect(error.code).toBe('not_configured');
        expect(error.message).toMatch(/not configured/);
      }
      const overview = await json<{ providers: Record<string, boolean> }>(
        await bare.call('GET', `/api/v1/billing?workspaceId=${owner.workspaceId}`, { cookie: owner.cookie }),
      );
      expect(overview.providers).toEqual({ stripe: false, dodo: false, asaas: false });
      const webhook = await bare.call('POST', '/webhooks/stripe', {
        rawBody: '{}',
        headers: { 'stripe-signature': 'x' },
      });
      expect(webhook.status).toBe(404);

      const manual = await bare.call('PUT', `/api/v1/staff/workspaces/${owner.workspaceId}/plan`, {
        cookie: staff.cookie,
        body: { planKey: 'business' },
      });
      expect(manual.status).toBe(204);
      expect(await planKeyOf(bare, owner.workspaceId)).toBe('business');
    } finally {
      await bare.close();
    }
  });
});
