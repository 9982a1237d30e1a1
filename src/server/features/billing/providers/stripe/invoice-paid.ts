import type { WebhookHandler } from '../../../webhooks/webhooks.service.ts';
import { applyInvoiceUpdate } from '../../billing-events.service.ts';
import { stripeInvoiceUpdate } from './stripe.mapping.ts';
import { stripeInvoiceSchema, stripeObjectOf } from './stripe.schemas.ts';

/** invoice.paid — the first payment or a renewal (which also sends subscription.updated). */
export const handleStripeInvoicePaid: WebhookHandler = async (tx, payload, deps, stored) => {
  const { event, object } = stripeObjectOf(payload, stripeInvoiceSchema);
  await applyInvoiceUpdate(deps, tx, stripeInvoiceUpdate(object, 'paid', event, stored.id));
};
