import type { SubscriptionStatus } from '../../billing.table.ts';
import type { InvoiceUpdate, SubscriptionUpdate } from '../../billing-events.service.ts';
import { parsePlanReference } from './asaas.references.ts';
import { type AsaasPayment, type AsaasSubscription, parseAsaasDay } from './asaas.schemas.ts';

export function intervalOf(cycle: string | null | undefined): 'month' | 'year' {
  return cycle === 'YEARLY' ? 'year' : 'month';
}

export function shiftByInterval(date: Date, interval: 'month' | 'year', direction: 1 | -1): Date {
  const shifted = new Date(date);
  if (interval === 'year') shifted.setUTCFullYear(shifted.getUTCFullYear() + direction);
  else shifted.setUTCMonth(shifted.getUTCMonth() + direction);
  return shifted;
}

/**
 * An Asaas subscription says ACTIVE as soon as it exists, before anything is paid, so ACTIVE keeps the
 * payment state Herald already has (`incomplete` until the first payment is confirmed); only an
 * inactive, expired or deleted subscription decides the status by itself.
 */
export function asaasSubscriptionStatus(
  subscription: AsaasSubscription,
  current: SubscriptionStatus | null,
): SubscriptionStatus {
  if (subscription.deleted || subscription.status === 'INACTIVE' || subscription.status === 'EXPIRED') {
    return 'canceled';
  }
  return current && current !== 'canceled' ? current : 'incomplete';
}

export function asaasSubscriptionUpdate(
  subscription: AsaasSubscription,
  origin: { eventType: string; occurredAt: Date; webhookEventId: string },
  status: SubscriptionStatus,
): SubscriptionUpdate {
  const reference = parsePlanReference(subscription.externalReference);
  const interval = intervalOf(subscription.cycle);
  // nextDueDate is the next charge: the current period is the interval that ends there.
  const periodEnd = parseAsaasDay(subscription.nextDueDate);
  return {
    provider: 'asaas',
    ...origin,
    workspaceId: reference?.workspaceId ?? null,
    providerCustomerId: subscription.customer,
    providerSubscriptionId: subscription.id,
    status,
    planKey: reference?.planKey ?? null,
    interval,
    amountCents: Math.round(subscription.value * 100),
    currency: 'brl',
    currentPeriodStart: periodEnd ? shiftByInterval(periodEnd, interval, -1) : null,
    currentPeriodEnd: periodEnd,
    cancelAtPeriodEnd: false,
    canceledAt: status === 'canceled' ? origin.occurredAt : null,
  };
}

export function asaasInvoiceUpdate(
  payment: AsaasPayment,
  status: 'paid' | 'failed',
  origin: { eventType: string; occurredAt: Date; webhookEventId: string },
): InvoiceUpdate {
  const amountCents = Math.round(payment.value * 100);
  return {
    provider: 'asaas',
    ...origin,
    providerCustomerId: payment.customer,
    providerInvoiceId: payment.id,
    providerSubscriptionId: payment.subscription ?? null,
    status,
    amountDueCents: amountCents,
    amountPaidCents: status === 'paid' ? amountCents : 0,
    currency: 'brl',
    pdfUrl: payment.invoiceUrl ?? null,
    periodStart: parseAsaasDay(payment.dueDate),
  };
}
