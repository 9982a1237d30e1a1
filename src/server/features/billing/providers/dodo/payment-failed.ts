import type { WebhookHandler } from '../../../webhooks/webhooks.service.ts';
import { applyInvoiceUpdate } from '../../billing-events.service.ts';
import { dodoInvoiceUpdate } from './dodo.mapping.ts';
import { dodoDataOf, dodoPaymentSchema } from './dodo.schemas.ts';

/** payment.failed — a subscription payment becomes a failed invoice; a failed credit-pack payment changes nothing. */
export const handleDodoPaymentFailed: WebhookHandler = async (tx, payload, deps, stored) => {
  const { envelope, data: payment } = dodoDataOf(payload, dodoPaymentSchema);
  if (!payment.subscription_id) return;
  await applyInvoiceUpdate(deps, tx, dodoInvoiceUpdate(payment, 'failed', envelope, stored.id));
};
