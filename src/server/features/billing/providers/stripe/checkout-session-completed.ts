import type { WebhookHandler } from '../../../webhooks/webhooks.service.ts';
import { applyCreditPurchase } from '../../billing-events.service.ts';
import { occurredAtOf } from './stripe.mapping.ts';
import { stripeCheckoutSessionSchema, stripeObjectOf } from './stripe.schemas.ts';

/**
 * checkout.session.completed (and async_payment_succeeded) — a paid credit pack adds its credits
 * once per session. Subscription checkouts are applied from customer.subscription.* instead.
 */
export const handleStripeCheckoutSessionCompleted: WebhookHandler = async (tx, payload, deps, stored) => {
  const { event, object: session } = stripeObjectOf(payload, stripeCheckoutSessionSchema);
  const credits = Number(session.metadata.credits);
  if (session.mode !== 'payment' || !Number.isSafeInteger(credits) || credits <= 0) return;
  // A delayed payment method completes the session unpaid; async_payment_succeeded follows.
  if (session.payment_status !== 'paid') return;
  await applyCreditPurchase(deps, tx, {
    provider: 'stripe',
    eventType: event.type,
    occurredAt: occurredAtOf(event),
    webhookEventId: stored.id,
    workspaceId: session.metadata.workspaceId ?? session.client_reference_id ?? null,
    providerCustomerId: session.customer ?? null,
    purchaseId: session.id,
    credits,
    amountCents: session.amount_total ?? 0,
    currency: (session.currency ?? 'usd').toLowerCase(),
  });
};
