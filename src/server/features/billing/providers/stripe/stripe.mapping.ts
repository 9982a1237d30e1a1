import type { SubscriptionStatus } from '../../billing.table.ts';
import type { InvoiceUpdate, SubscriptionUpdate } from '../../billing-events.service.ts';
import type { StripeInvoice, StripeSubscription } from './stripe.schemas.ts';

const statusMap: Record<string, SubscriptionStatus> = {
  active: 'active',
  trialing: 'trialing',
  past_due: 'past_due',
  unpaid: 'past_due',
  canceled: 'canceled',
  incomplete: 'incomplete',
  incomplete_expired: 'incomplete',
  // Paused (a trial ended without a payment method): no paid access, but not canceled either.
  paused: 'incomplete',
};

const dateOf = (seconds: number | null | undefined) => (seconds ? new Date(seconds * 1000) : null);

// Stripe dates events in whole seconds, and a checkout creates a subscription and updates it within
// the same second. Within a second, creation comes before any update and deletion after: a
// millisecond per step keeps a late `created` from undoing the `updated` of the same second.
const stepWithinSecond: Record<string, number> = {
  'customer.subscription.created': 0,
  'customer.subscription.updated': 1,
  'customer.subscription.deleted': 2,
};

export function occurredAtOf(event: { type: string; created: number }): Date {
  return new Date(event.created * 1000 + (stepWithinSecond[event.type] ?? 1));
}

export function stripeSubscriptionUpdate(
  subscription: StripeSubscription,
  event: { type: string; created: number },
  webhookEventId: string,
): SubscriptionUpdate {
  const item = subscription.items.data[0];
  const status = statusMap[subscription.status] ?? 'incomplete';
  return {
    provider: 'stripe',
    eventType: event.type,
    occurredAt: occurredAtOf(event),
    webhookEventId,
    workspaceId: subscription.metadata.workspaceId ?? null,
    providerCustomerId: subscription.customer,
    providerSubscriptionId: subscription.id,
    status,
    planKey: subscription.metadata.planKey ?? null,
    providerPriceId: item?.price.id ?? null,
    interval: item?.price.recurring?.interval === 'year' ? 'year' : 'month',
    amountCents: (item?.price.unit_amount ?? 0) * (item?.quantity ?? 1),
    currency: subscription.currency.toLowerCase(),
    currentPeriodStart: dateOf(item?.current_period_start ?? subscription.current_period_start),
    currentPeriodEnd: dateOf(item?.current_period_end ?? subscription.current_period_end),
    cancelAtPeriodEnd: Boolean(subscription.cancel_at_period_end || subscription.cancel_at),
    trialEndsAt: dateOf(subscription.trial_end),
    canceledAt: status === 'canceled' ? dateOf(subscription.ended_at ?? subscription.canceled_at) : null,
  };
}

export function stripeInvoiceUpdate(
  invoice: StripeInvoice,
  status: InvoiceUpdate['status'],
  event: { type: string; created: number },
  webhookEventId: string,
): InvoiceUpdate {
  const details = invoice.parent?.subscription_details;
  const period = invoice.lines?.data[0]?.period;
  return {
    provider: 'stripe',
    eventType: event.type,
    occurredAt: occurredAtOf(event),
    webhookEventId,
    workspaceId: details?.metadata.workspaceId ?? null,
    providerCustomerId: invoice.customer ?? null,
    providerInvoiceId: invoice.id,
    providerSubscriptionId: details?.subscription ?? invoice.subscription ?? null,
    status,
    amountDueCents: invoice.amount_due,
    amountPaidCents: invoice.amount_paid,
    currency: invoice.currency.toLowerCase(),
    pdfUrl: invoice.invoice_pdf ?? null,
    periodStart: dateOf(period?.start ?? invoice.period_start),
    periodEnd: dateOf(period?.end ?? invoice.period_end),
  };
}
