import type { AppDeps } from '../../../../app-context.ts';
import type { Database } from '../../../../platform/db.ts';
import type { StoredWebhookRef } from '../../../webhooks/webhooks.service.ts';
import type { SubscriptionStatus } from '../../billing.table.ts';
import {
  applyCreditPurchase,
  applyInvoiceUpdate,
  applySubscriptionUpdate,
  findProviderSubscription,
} from '../../billing-events.service.ts';
import {
  asaasInvoiceUpdate,
  asaasSubscriptionStatus,
  asaasSubscriptionUpdate,
  shiftByInterval,
} from './asaas.mapping.ts';
import { parseCreditsReference } from './asaas.references.ts';
import { asaasPaymentOf, asaasSubscriptionOf, parseAsaasDay } from './asaas.schemas.ts';

// The rules shared by the per-event files. Asaas signs nothing and has no event sequence: the order
// of events comes from their dateCreated, which applySubscriptionUpdate compares with lastEventAt.

/** SUBSCRIPTION_*: the subscription's plan, price and period; `canceled` forces the end. */
export async function applyAsaasSubscriptionEvent(
  tx: Database,
  payload: unknown,
  deps: AppDeps,
  stored: StoredWebhookRef,
  forced?: SubscriptionStatus,
) {
  const { envelope, subscription, occurredAt } = asaasSubscriptionOf(payload);
  const existing = await findProviderSubscription(tx, 'asaas', subscription.id);
  const status = forced ?? asaasSubscriptionStatus(subscription, existing?.status ?? null);
  const origin = { eventType: envelope.event, occurredAt, webhookEventId: stored.id };
  await applySubscriptionUpdate(deps, tx, asaasSubscriptionUpdate(subscription, origin, status));
}

async function knownSubscription(tx: Database, providerSubscriptionId: string) {
  const subscription = await findProviderSubscription(tx, 'asaas', providerSubscriptionId);
  // SUBSCRIPTION_CREATED may still be on its way; thrown so the job retries once it has landed.
  if (!subscription) throw new Error(`Asaas subscription ${providerSubscriptionId} is not known yet`);
  return subscription;
}

/**
 * PAYMENT_CONFIRMED / PAYMENT_RECEIVED: a credit pack (externalReference `credits:<workspace>:<n>`)
 * adds its credits once; a subscription payment is a paid invoice and makes the subscription active
 * for the period it pays for.
 */
export async function applyAsaasPaymentPaid(
  tx: Database,
  payload: unknown,
  deps: AppDeps,
  stored: StoredWebhookRef,
) {
  const { envelope, payment, occurredAt } = asaasPaymentOf(payload);
  const origin = { eventType: envelope.event, occurredAt, webhookEventId: stored.id };
  const pack = parseCreditsReference(payment.externalReference);
  if (pack) {
    await applyCreditPurchase(deps, tx, {
      provider: 'asaas',
      ...origin,
      workspaceId: pack.workspaceId,
      providerCustomerId: payment.customer,
      purchaseId: payment.id,
      credits: pack.credits,
      amountCents: Math.round(payment.value * 100),
      currency: 'brl',
    });
    return;
  }
  // A one-off charge Herald did not create: stored, nothing to change.
  if (!payment.subscription) return;
  const subscription = await knownSubscription(tx, payment.subscription);
  await applyInvoiceUpdate(deps, tx, asaasInvoiceUpdate(payment, 'paid', origin));
  if (subscription.status === 'canceled') return;
  const periodStart = parseAsaasDay(payment.dueDate);
  await applySubscriptionUpdate(deps, tx, {
    provider: 'asaas',
    ...origin,
    providerCustomerId: payment.customer,
    providerSubscriptionId: payment.subscription,
    status: 'active',
    cancelAtPeriodEnd: subscription.cancelAtPeriodEnd,
    trialEndsAt: subscription.trialEndsAt,
    currentPeriodStart: periodStart,
    currentPeriodEnd: periodStart ? shiftByInterval(periodStart, subscription.interval, 1) : null,
  });
}

/**
 * PAYMENT_OVERDUE: the invoice failed and the admins are told; a subscription that was paid for
 * becomes past due (one that never was stays incomplete, so no plan is granted by an unpaid charge).
 */
export async function applyAsaasPaymentOverdue(
  tx: Database,
  payload: unknown,
  deps: AppDeps,
  stored: StoredWebhookRef,
) {
  const { envelope, payment, occurredAt } = asaasPaymentOf(payload);
  if (!payment.subscription) return;
  const origin = { eventType: envelope.event, occurredAt, webhookEventId: stored.id };
  const subscription = await knownSubscription(tx, payment.subscription);
  await applyInvoiceUpdate(deps, tx, asaasInvoiceUpdate(payment, 'failed', origin));
  if (subscription.status !== 'active' && subscription.status !== 'trialing') return;
  await applySubscriptionUpdate(deps, tx, {
    provider: 'asaas',
    ...origin,
    providerCustomerId: payment.customer,
    providerSubscriptionId: payment.subscription,
    status: 'past_due',
    cancelAtPeriodEnd: subscription.cancelAtPeriodEnd,
    trialEndsAt: subscription.trialEndsAt,
  });
}
