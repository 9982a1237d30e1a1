import { Hono } from 'hono';
import Stripe from 'stripe';
import type { AppEnv } from '../../../../app-context.ts';
import { AppError } from '../../../../platform/errors.ts';
import { storeWebhookEvent, type WebhookHandler } from '../../../webhooks/webhooks.service.ts';
import { handleStripeCheckoutSessionCompleted } from './checkout-session-completed.ts';
import { handleStripeInvoicePaid } from './invoice-paid.ts';
import { handleStripeInvoicePaymentFailed } from './invoice-payment-failed.ts';
import { stripeEventSchema, stripeObjectSchemas } from './stripe.schemas.ts';
import { handleStripeSubscriptionCreated } from './subscription-created.ts';
import { handleStripeSubscriptionDeleted } from './subscription-deleted.ts';
import { handleStripeSubscriptionUpdated } from './subscription-updated.ts';

// customer.subscription.trial_will_end is stored only: the trial's end is already on the subscription.
export const stripeHandlers: Record<string, WebhookHandler> = {
  'customer.subscription.created': handleStripeSubscriptionCreated,
  'customer.subscription.updated': handleStripeSubscriptionUpdated,
  'customer.subscription.deleted': handleStripeSubscriptionDeleted,
  'invoice.paid': handleStripeInvoicePaid,
  'invoice.payment_failed': handleStripeInvoicePaymentFailed,
  'checkout.session.completed': handleStripeCheckoutSessionCompleted,
  'checkout.session.async_payment_succeeded': handleStripeCheckoutSessionCompleted,
};

export const stripeWebhookRouter = new Hono<AppEnv>();

// Verify the Stripe-Signature over the raw body (the SDK refuses signatures older than 300 s), check
// the shape, store, queue, answer 200. Nothing is written for a bad signature or a bad payload.
stripeWebhookRouter.post('/stripe', async (c) => {
  const deps = c.get('deps');
  const log = c.get('log');
  const secret = deps.config.STRIPE_WEBHOOK_SECRET;
  if (!secret) throw new AppError('not_found', 'Stripe webhooks are not enabled on this server');
  const rawBody = await c.req.text();
  let verified: unknown;
  try {
    verified = Stripe.webhooks.constructEvent(rawBody, c.req.header('stripe-signature') ?? '', secret);
  } catch {
    log.warn({ source: 'stripe' }, 'webhook signature rejected');
    throw new AppError('invalid_signature', 'Invalid or stale Stripe signature');
  }
  const event = stripeEventSchema.safeParse(verified);
  if (!event.success) throw new AppError('bad_request', 'Not a Stripe event');
  const objectSchema = stripeObjectSchemas[event.data.type];
  if (objectSchema && !objectSchema.safeParse(event.data.data.object).success) {
    throw new AppError('bad_request', `Malformed ${event.data.type} payload`);
  }
  const stored = await storeWebhookEvent(deps, {
    source: 'stripe',
    eventType: event.data.type,
    externalId: event.data.id,
    payload: verified,
  });
  log.info({ source: 'stripe', type: event.data.type, duplicate: stored.duplicate }, 'webhook received');
  return c.json({ received: true, duplicate: stored.duplicate }, 200);
});
