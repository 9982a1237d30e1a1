import type { WebhookHandler } from '../../../webhooks/webhooks.service.ts';
import { applyInvoiceUpdate } from '../../billing-events.service.ts';
import { stripeInvoiceUpdate } from './stripe.mapping.ts';
import { stripeInvoiceSchema, stripeObjectOf } from './stripe.schemas.ts';

/** invoice.payment_failed — the invoice is failed and the admins are told; past_due comes with subscription.updated. */
export const handleStripeInvoicePaymentFailed: WebhookHandler = async (tx, payload, deps, stored) => {
  const { event, object } = stripeObjectOf(payload, stripeInvoiceSchema);
  await applyInvoiceUpdate(deps, tx, stripeInvoiceUpdate(object, 'failed', event, stored.id));
};
