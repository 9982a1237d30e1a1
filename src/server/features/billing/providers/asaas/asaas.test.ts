import { and, eq } from 'drizzle-orm';
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
import { startAsaasFake } from '../../../../../../test/fakes/asaas-fake.ts';
import { jsonOf } from '../../../../../../test/fakes/dodo-fake.ts';
import type { HttpFake } from '../../../../../../test/fakes/http-fake.ts';
import {
  createTestApp,
  json,
  signUp,
  type TestApp,
  testOrigin,
  waitFor,
} from '../../../../../../test/harness.ts';
import { getCreditBalance } from '../../../credits/credits.service.ts';
import { creditLedger } from '../../../credits/credits.table.ts';
import { plans } from '../../../plans/plans.table.ts';
import { webhookEvents } from '../../../webhooks/webhooks.table.ts';
import { invoices } from '../../billing.table.ts';

// Asaas signs nothing: the token configured on the webhook comes back in `asaas-access-token`.
const webhookToken = 'asaas-webhook-token-0123456789abcdef';
const apiKey = '$aact_test_key_0123456789';
let t: TestApp;
let fake: HttpFake;

beforeAll(async () => {
  fake = await startAsaasFake();
  t = await createTestApp({
    env: {
      ASAAS_API_KEY: apiKey,
      ASAAS_WEBHOOK_TOKEN: webhookToken,
      ASAAS_API_URL: `${fake.url}/v3`,
      CREDIT_PACK_CURRENCY: 'brl',
    },
  });
});
afterAll(async () => {
  await t.close();
  await fake.close();
});

function deliver(event: object, token: string | null = webhookToken) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token !== null) headers['asaas-access-token'] = token;
  return t.call('POST', '/webhooks/asaas', { rawBody: JSON.stringify(event), headers });
}

const minute = 60_000;
const day = 86_400_000;
let sequence = 0;

// Asaas writes Brazilian local time (UTC-3) without an offset, and subscription days as dd/MM/yyyy.
function brazilDateTime(at: Date) {
  return new Date(at.getTime() - 3 * 3_600_000).toISOString().replace('T', ' ').slice(0, 19);
}
function brazilDay(at: Date) {
  return new Date(at.getTime() - 3 * 3_600_000).toISOString().slice(0, 10);
}
function dayFirst(at: Date) {
  const [year, month, dayOfMonth] = brazilDay(at).split('-');
  return `${dayOfMonth}/${month}/${year}`;
}

function asaasEvent(event: string, object: { payment?: object; subscription?: object }, at: Date) {
  sequence += 1;
  return {
    id: `evt_${Math.random().toString(16).slice(2, 14)}&${9000 + sequence}`,
    event,
    dateCreated: brazilDateTime(at),
    ...object,
  };
}

function subscriptionObject(fields: {
  id: string;
  customer: string;
  reference?: string | null;
  value?: number;
  nextDueDate?: Date;
  status?: string;
  deleted?: boolean;
}) {
  return {
    object: 'subscription',
    id: fields.id,
    dateCreated: dayFirst(new Date()),
    customer: fields.customer,
    paymentLink: null,
    value: fields.value ?? 99,
    nextDueDate: dayFirst(fields.nextDueDate ?? new Date()),
    cycle: 'MONTHLY',
    description: 'Herald Pro',
    billingType: 'UNDEFINED',
    deleted: fields.deleted ?? false,
    status: fields.status ?? 'ACTIVE',
    externalReference: fields.reference ?? null,
  };
}

function paymentObject(fields: {
  id: string;
  customer: string;
  subscription?: string | null;
  reference?: string | null;
  value: number;
  status: string;
  dueDate?: Date;
}) {
  return {
    object: 'payment',
    id: fields.id,
    dateCreated: brazilDay(new Date()),
    customer: fields.customer,
    subscription: fields.subscription ?? undefined,
    value: fields.value,
    netValue: fields.value - 0.99,
    billingType: 'PIX',
    status: fields.status,
    dueDate: brazilDay(fields.dueDate ?? new Date()),
    invoiceUrl: `https://sandbox.asaas.test/i/${fields.id}`,
    externalReference: fields.reference ?? null,
    deleted: false,
  };
}

async function deliverAndProcess(...events: Array<ReturnType<typeof asaasEvent>>) {
  for (const event of events) {
    expect((await deliver(event)).status).toBe(200);
    await waitProcessed(t, 'asaas', event.id);
  }
}

describe('Asaas webhooks', () => {
  it('a new subscription grants nothing until its first payment is confirmed; then the plan, invoice and history change', async () => {
    const owner = await signUp(t, 'asaas-paid@example.com');
    const base = Date.now() - 10 * minute;
    const dueDate = new Date(base);
    const sub = subscriptionObject({
      id: 'sub_asaas_paid',
      customer: 'cus_asaas_paid',
      reference: `plan:${owner.workspaceId}:pro`,
      nextDueDate: dueDate,
    });
    const created = asaasEvent('SUBSCRIPTION_CREATED', { subscription: sub }, new Date(base));
    const response = await deliver(created);
    expect(response.status).toBe(200);
    expect(await json(response)).toEqual({ received: true, duplicate: false });
    await waitProcessed(t, 'asaas', created.id);
    expect((await subscriptionOf(t, 'asaas', 'sub_asaas_paid'))?.status).toBe('incomplete');
    expect(await planKeyOf(t, owner.workspaceId)).toBe('free');

    const payment = paymentObject({
      id: 'pay_asaas_first',
      customer: 'cus_asaas_paid',
      subscription: 'sub_asaas_paid',
      value: 99,
      status: 'CONFIRMED',
      dueDate,
    });
    const confirmed = asaasEvent('PAYMENT_CONFIRMED', { payment }, new Date(base + minute));
    const received = asaasEvent(
      'PAYMENT_RECEIVED',
      { payment: { ...payment, status: 'RECEIVED' } },
      new Date(base + 2 * minute),
    );
    await deliverAndProcess(confirmed, received);

    expect(await planKeyOf(t, owner.workspaceId)).toBe('pro');
    const subscription = await subscriptionOf(t, 'asaas', 'sub_asaas_paid');
    expect(subscription).toMatchObject({
      workspaceId: owner.workspaceId,
      status: 'active',
      amountCents: 9900,
      currency: 'brl',
      interval: 'month',
    });
    expect(subscription?.currentPeriodStart?.toISOString().slice(0, 10)).toBe(brazilDay(dueDate));
    const [invoice] = await t.deps.db
      .select()
      .from(invoices)
      .where(eq(invoices.providerInvoiceId, 'pay_asaas_first'));
    expect(invoice).toMatchObject({
      workspaceId: owner.workspaceId,
      status: 'paid',
      amountPaidCents: 9900,
      currency: 'brl',
      pdfUrl: 'https://sandbox.asaas.test/i/pay_asaas_first',
    });
    // A payment event writes two history rows (invoice and subscription) in one transaction.
    const history = (await historyOf(t, owner.workspaceId))
      .map((h) => [h.occurredAt.getTime(), h.eventType, h.status, h.wasApplied] as const)
      .sort((a, b) => a[0] - b[0] || String(a[2]).localeCompare(String(b[2])))
      .map(([, ...rest]) => rest);
    expect(history).toEqual([
      ['SUBSCRIPTION_CREATED', 'incomplete', true],
      ['PAYMENT_CONFIRMED', 'active', true],
      ['PAYMENT_CONFIRMED', 'paid', true],
      ['PAYMENT_RECEIVED', 'active', true],
      ['PAYMENT_RECEIVED', 'paid', true],
    ]);
    // Confirmed then received is one upgrade, announced once.
    expect(
      (await notificationTitles(t, owner.userId)).filter((title) => title === 'You are on Pro'),
    ).toHaveLength(1);
  });

  it('an overdue payment makes a paid subscription past due, and deleting it returns the workspace to free', async () => {
    const owner = await signUp(t, 'asaas-overdue@example.com');
    const base = Date.now() - 20 * minute;
    const reference = `plan:${owner.workspaceId}:pro`;
    const sub = subscriptionObject({ id: 'sub_asaas_overdue', customer: 'cus_asaas_overdue', reference });
    const paid = paymentObject({
      id: 'pay_asaas_ok',
      customer: 'cus_asaas_overdue',
      subscription: 'sub_asaas_overdue',
      value: 99,
      status: 'CONFIRMED',
    });
    const late = paymentObject({
      id: 'pay_asaas_late',
      customer: 'cus_asaas_overdue',
      subscription: 'sub_asaas_overdue',
      value: 99,
      status: 'OVERDUE',
      dueDate: new Date(Date.now() + 30 * day),
    });
    await deliverAndProcess(
      asaasEvent('SUBSCRIPTION_CREATED', { subscription: sub }, new Date(base)),
      asaasEvent('PAYMENT_CONFIRMED', { payment: paid }, new Date(base + minute)),
      asaasEvent('PAYMENT_OVERDUE', { payment: late }, new Date(base + 2 * minute)),
    );
    const [failed] = await t.deps.db
      .select()
      .from(invoices)
      .where(eq(invoices.providerInvoiceId, 'pay_asaas_late'));
    expect(failed).toMatchObject({ status: 'failed', amountPaidCents: 0 });
    expect((await subscriptionOf(t, 'asaas', 'sub_asaas_overdue'))?.status).toBe('past_due');
    expect(await planKeyOf(t, owner.workspaceId)).toBe('pro');
    expect(await notificationTitles(t, owner.userId)).toContain('A payment failed');

    await deliverAndProcess(
      asaasEvent(
        'SUBSCRIPTION_DELETED',
        { subscription: { ...sub, deleted: true } },
        new Date(base + 3 * minute),
      ),
    );
    expect((await subscriptionOf(t, 'asaas', 'sub_asaas_overdue'))?.status).toBe('canceled');
    expect(await planKeyOf(t, owner.workspaceId)).toBe('free');
  });

  it('a missing or wrong access token is refused and writes nothing', async () => {
    const owner = await signUp(t, 'asaas-refused@example.com');
    const event = asaasEvent(
      'PAYMENT_CONFIRMED',
      {
        payment: paymentObject({
          id: 'pay_asaas_forged',
          customer: 'cus_forged',
          reference: `credits:${owner.workspaceId}:1000`,
          value: 50,
          status: 'CONFIRMED',
        }),
      },
      new Date(),
    );
    const before = await billingRowCounts(t);
    const balanceBefore = await getCreditBalance(t.deps.db, owner.workspaceId);
    const wrongSameLength = `${webhookToken.slice(0, -1)}x`;
    for (const token of [null, '', 'guess', wrongSameLength, webhookToken.toUpperCase()]) {
      const response = await deliver(event, token);
      expect(response.status).toBe(401);
      expect((await json<{ error: { code: string } }>(response)).error.code).toBe('invalid_signature');
    }
    expect(await billingRowCounts(t)).toEqual(before);
    expect(await getCreditBalance(t.deps.db, owner.workspaceId)).toBe(balanceBefore);
  });

  it('the same event five times is processed once, and a credit pack is credited once even when confirmed and received', async () => {
    const owner = await signUp(t, 'asaas-duplicate@example.com');
    const balanceBefore = await getCreditBalance(t.deps.db, owner.workspaceId);
    const payment = paymentObject({
      id: 'pay_asaas_pack',
      customer: 'cus_asaas_pack',
      reference: `credits:${owner.workspaceId}:400`,
      value: 20,
      status: 'CONFIRMED',
    });
    const confirmed = asaasEvent('PAYMENT_CONFIRMED', { payment }, new Date(Date.now() - minute));
    const responses = await Promise.all(Array.from({ length: 5 }, () => deliver(confirmed)));
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    const bodies = await Promise.all(responses.map((r) => json<{ duplicate: boolean }>(r)));
    expect(bodies.filter((b) => !b.duplicate)).toHaveLength(1);
    await waitProcessed(t, 'asaas', confirmed.id);
    await deliverAndProcess(
      asaasEvent('PAYMENT_RECEIVED', { payment: { ...payment, status: 'RECEIVED' } }, new Date()),
    );

    const stored = await t.deps.db
      .select()
      .from(webhookEvents)
      .where(and(eq(webhookEvents.source, 'asaas'), eq(webhookEvents.externalId, confirmed.id)));
    expect(stored).toHaveLength(1);
    const purchases = await t.deps.db
      .select()
      .from(creditLedger)
      .where(and(eq(creditLedger.workspaceId, owner.workspaceId), eq(creditLedger.reason, 'purchase')));
    expect(purchases).toHaveLength(1);
    expect(purchases[0]).toMatchObject({
      amount: 400,
      details: { provider: 'asaas', purchaseId: 'pay_asaas_pack' },
    });
    expect(await getCreditBalance(t.deps.db, owner.workspaceId)).toBe(balanceBefore + 400);
    const history = await historyOf(t, owner.workspaceId);
    expect(history.map((h) => [h.eventType, h.wasApplied])).toEqual([
      ['PAYMENT_CONFIRMED', true],
      ['PAYMENT_RECEIVED', false],
    ]);
    expect(
      (await notificationTitles(t, owner.userId)).filter((title) => title === '400 credits added'),
    ).toHaveLength(1);
  });

  it('events out of order leave the newest state: a late update does not undo a deletion', async () => {
    const owner = await signUp(t, 'asaas-order@example.com');
    const base = Date.now() - 30 * minute;
    const reference = `plan:${owner.workspaceId}:pro`;
    const sub = subscriptionObject({
      id: 'sub_asaas_order',
      customer: 'cus_asaas_order',
      reference,
      value: 99,
    });
    await deliverAndProcess(
      asaasEvent('SUBSCRIPTION_CREATED', { subscription: sub }, new Date(base)),
      asaasEvent(
        'PAYMENT_CONFIRMED',
        {
          payment: paymentObject({
            id: 'pay_asaas_order',
            customer: 'cus_asaas_order',
            subscription: 'sub_asaas_order',
            value: 99,
            status: 'CONFIRMED',
          }),
        },
        new Date(base + minute),
      ),
    );
    expect(await planKeyOf(t, owner.workspaceId)).toBe('pro');
    const deleted = asaasEvent(
      'SUBSCRIPTION_DELETED',
      { subscription: { ...sub, deleted: true } },
      new Date(base + 3 * minute),
    );
    const olderUpdate = asaasEvent(
      'SUBSCRIPTION_UPDATED',
      { subscription: { ...sub, value: 149 } },
      new Date(base + 2 * minute),
    );
    await deliverAndProcess(deleted, olderUpdate);

    const subscription = await subscriptionOf(t, 'asaas', 'sub_asaas_order');
    expect(subscription).toMatchObject({ status: 'canceled', amountCents: 9900 });
    expect(await planKeyOf(t, owner.workspaceId)).toBe('free');
    const history = await historyOf(t, owner.workspaceId);
    expect(history.slice(-2).map((h) => [h.eventType, h.wasApplied])).toEqual([
      ['SUBSCRIPTION_DELETED', true],
      ['SUBSCRIPTION_UPDATED', false],
    ]);
  });

  it('within one second, a payment counts after its subscription, and a deletion after an update delivered late', async () => {
    const owner = await signUp(t, 'asaas-same-second@example.com');
    const second = new Date(Math.floor(Date.now() / 1000) * 1000 - 5 * minute);
    const reference = `plan:${owner.workspaceId}:pro`;
    const sub = subscriptionObject({ id: 'sub_asaas_second', customer: 'cus_asaas_second', reference });
    const payment = paymentObject({
      id: 'pay_asaas_second',
      customer: 'cus_asaas_second',
      subscription: 'sub_asaas_second',
      value: 99,
      status: 'CONFIRMED',
    });
    // A card payment is confirmed in the second its subscription is created.
    const created = asaasEvent('SUBSCRIPTION_CREATED', { subscription: sub }, second);
    const confirmed = asaasEvent('PAYMENT_CONFIRMED', { payment }, second);
    await deliverAndProcess(created, confirmed);
    expect((await subscriptionOf(t, 'asaas', 'sub_asaas_second'))?.status).toBe('active');

    const deleted = asaasEvent(
      'SUBSCRIPTION_DELETED',
      { subscription: { ...sub, deleted: true } },
      new Date(second.getTime() + minute),
    );
    const updated = asaasEvent(
      'SUBSCRIPTION_UPDATED',
      { subscription: { ...sub, value: 149 } },
      new Date(second.getTime() + minute),
    );
    await deliverAndProcess(deleted, updated);
    expect(await subscriptionOf(t, 'asaas', 'sub_asaas_second')).toMatchObject({
      status: 'canceled',
      amountCents: 9900,
    });
    expect(await planKeyOf(t, owner.workspaceId)).toBe('free');
  });

  it('a payment that arrives before its subscription is retried until the subscription is known', async () => {
    const owner = await signUp(t, 'asaas-early@example.com');
    const base = Date.now() - 5 * minute;
    const reference = `plan:${owner.workspaceId}:business`;
    const payment = asaasEvent(
      'PAYMENT_CONFIRMED',
      {
        payment: paymentObject({
          id: 'pay_asaas_early',
          customer: 'cus_asaas_early',
          subscription: 'sub_asaas_early',
          value: 499,
          status: 'CONFIRMED',
        }),
      },
      new Date(base + minute),
    );
    expect((await deliver(payment)).status).toBe(200);
    const failed = await waitFor(async () => {
      const row = await storedEvent(t, 'asaas', payment.id);
      return row && row.retryCount >= 1 ? row : null;
    });
    expect(failed.error).toMatch(/not known yet/);

    await deliverAndProcess(
      asaasEvent(
        'SUBSCRIPTION_CREATED',
        {
          subscription: subscriptionObject({
            id: 'sub_asaas_early',
            customer: 'cus_asaas_early',
            reference,
            value: 499,
          }),
        },
        new Date(base),
      ),
    );
    await waitProcessed(t, 'asaas', payment.id, 45_000);
    expect((await subscriptionOf(t, 'asaas', 'sub_asaas_early'))?.status).toBe('active');
    expect(await planKeyOf(t, owner.workspaceId)).toBe('business');
  }, 60_000);

  it('checkout and credit-pack links are created through the REST API against the fake and carry the workspace', async () => {
    const owner = await signUp(t, 'asaas-checkout@example.com');
    const cookie = owner.cookie;
    const base = `/api/v1/workspaces/${owner.workspaceId}/billing`;
    fake.requests.length = 0;

    const inDollars = await t.call('POST', `${base}/checkout`, {
      cookie,
      body: { planKey: 'pro', interval: 'month' },
    });
    expect(inDollars.status).toBe(503);
    expect((await json<{ error: { message: string } }>(inDollars)).error.message).toMatch(/BRL/);
    expect(fake.requests).toHaveLength(0);

    await t.deps.db.insert(plans).values({
      key: 'pro_brl',
      name: 'Pro Brasil',
      priceMonthlyCents: 9900,
      priceYearlyCents: 99000,
      currency: 'brl',
      billingSource: 'asaas',
    });
    const checkout = await t.call('POST', `${base}/checkout`, {
      cookie,
      body: { planKey: 'pro_brl', interval: 'month', provider: 'asaas' },
    });
    expect(checkout.status).toBe(200);
    expect((await json<{ url: string }>(checkout)).url).toMatch(/^https:\/\/sandbox\.asaas\.test\/i\//);
    const [customerCall, subscriptionCall, paymentsCall] = fake.requests;
    expect(customerCall?.path).toBe('/v3/customers');
    expect(customerCall?.headers.access_token).toBe(apiKey);
    expect(jsonOf(customerCall)).toMatchObject({
      email: 'asaas-checkout@example.com',
      externalReference: owner.workspaceId,
    });
    expect(subscriptionCall?.path).toBe('/v3/subscriptions');
    const customerId = jsonOf(subscriptionCall).customer;
    expect(customerId).toMatch(/^cus_00000fake/);
    expect(jsonOf(subscriptionCall)).toMatchObject({
      billingType: 'UNDEFINED',
      value: 99,
      cycle: 'MONTHLY',
      externalReference: `plan:${owner.workspaceId}:pro_brl`,
      callback: { successUrl: `${testOrigin}/w/${owner.workspaceId}/billing?checkout=success` },
    });
    expect(paymentsCall?.method).toBe('GET');
    expect(paymentsCall?.path).toMatch(/^\/v3\/subscriptions\/sub_fake\d+\/payments$/);

    fake.requests.length = 0;
    const pack = await t.call('POST', `${base}/credit-packs`, { cookie, body: { credits: 100 } });
    expect(pack.status).toBe(200);
    expect(fake.requests.map((r) => r.path)).toEqual(['/v3/payments']);
    expect(jsonOf(fake.requests[0])).toMatchObject({
      customer: customerId,
      value: 5,
      externalReference: `credits:${owner.workspaceId}:100`,
    });

    const portal = await t.call('POST', `${base}/portal`, { cookie });
    expect(portal.status).toBe(409);
    expect((await json<{ error: { message: string } }>(portal)).error.message).toMatch(/no customer portal/);
  });
});
