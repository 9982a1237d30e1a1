import type { SubscriptionStatus } from '../../billing.table.ts';
import type { InvoiceUpdate, SubscriptionUpdate } from '../../billing-events.service.ts';
import type { DodoPayment, DodoSubscription } from './dodo.schemas.ts';

const statusMap: Record<string, SubscriptionStatus> = {
  pending: 'incomplete',
  active: 'active',
  on_hold: 'past_due',
  cancelled: 'canceled',
  failed: 'incomplete',
  expired: 'canceled',
};

const dateOf = (value: string | null | undefined) => (value ? new Date(value) : null);

/**
 * A Dodo subscription event in Herald's shape. `status` is the event's own verdict when the event
 * type carries one (subscription.on_hold means past due whatever the object says).
 */
export function dodoSubscriptionUpdate(
  subscription: DodoSubscription,
  envelope: { type: string; timestamp: string },
  webhookEventId: string,
  status?: SubscriptionStatus,
): SubscriptionUpdate {
  const occurredAt = new Date(envelope.timestamp);
  let resolved = status ?? statusMap[subscription.status] ?? 'incomplete';
  // Dodo reports a subscription in its trial as active; Herald shows the trial.
  const trialDays = subscription.trial_period_days ?? 0;
  const trialEndsAt =
    trialDays > 0 ? new Date(new Date(subscription.created_at).getTime() + trialDays * 86_400_000) : null;
  if (resolved === 'active' && trialEndsAt && occurredAt < trialEndsAt) resolved = 'trialing';
  return {
    provider: 'dodo',
    eventType: envelope.type,
    occurredAt,
    webhookEventId,
    workspaceId: subscription.metadata.workspaceId ?? null,
    providerCustomerId: subscription.customer.customer_id,
    providerSubscriptionId: subscription.subscription_id,
    status: resolved,
    planKey: subscription.metadata.planKey ?? null,
    providerPriceId: subscription.product_id,
    interval: subscription.payment_frequency_interval?.toLowerCase() === 'year' ? 'year' : 'month',
    amountCents: subscription.recurring_pre_tax_amount,
    currency: subscription.currency.toLowerCase(),
    currentPeriodStart: dateOf(subscription.previous_billing_date),
    currentPeriodEnd: dateOf(subscription.next_billing_date),
    cancelAtPeriodEnd: Boolean(subscription.cancel_at_next_billing_date),
    trialEndsAt,
    canceledAt: resolved === 'canceled' ? (dateOf(subscription.cancelled_at) ?? occurredAt) : null,
  };
}

/** A subscription's payment as an invoice (Dodo has no separate invoice object). */
export function dodoInvoiceUpdate(
  payment: DodoPayment,
  status: 'paid' | 'failed',
  envelope: { type: string; timestamp: string },
  webhookEventId: string,
): InvoiceUpdate {
  return {
    provider: 'dodo',
    eventType: envelope.type,
    occurredAt: new Date(envelope.timestamp),
    webhookEventId,
    workspaceId: payment.metadata.workspaceId ?? null,
    providerCustomerId: payment.customer.customer_id,
    providerInvoiceId: payment.payment_id,
    providerSubscriptionId: payment.subscription_id ?? null,
    status,
    amountDueCents: payment.total_amount,
    amountPaidCents: status === 'paid' ? payment.total_amount : 0,
    currency: payment.currency.toLowerCase(),
    pdfUrl: payment.invoice_url ?? null,
  };
}
