import type { WebhookHandler } from '../../../webhooks/webhooks.service.ts';
import { applyCreditPurchase, applyInvoiceUpdate } from '../../billing-events.service.ts';
import { dodoInvoiceUpdate } from './dodo.mapping.ts';
import { dodoDataOf, dodoPaymentSchema } from './dodo.schemas.ts';

/** payment.succeeded — a credit pack (metadata.credits) adds credits once; a subscription payment is a paid invoice. */
export const handleDodoPaymentSucceeded: WebhookHandler = async (tx, payload, deps, stored) => {
  const { envelope, data: payment } = dodoDataOf(payload, dodoPaymentSchema);
  const credits = Number(payment.metadata.credits);
  if (!payment.subscription_id && Number.isSafeInteger(credits) && credits > 0) {
    await applyCreditPurchase(deps, tx, {
      provider: 'dodo',
      eventType: envelope.type,
      occurredAt: new Date(envelope.timestamp),
      webhookEventId: stored.id,
      workspaceId: payment.metadata.workspaceId ?? null,
      providerCustomerId: payment.customer.customer_id,
      purchaseId: payment.payment_id,
      credits,
      amountCents: payment.total_amount,
      currency: payment.currency.toLowerCase(),
    });
    return;
  }
  if (payment.subscription_id) {
    await applyInvoiceUpdate(deps, tx, dodoInvoiceUpdate(payment, 'paid', envelope, stored.id));
  }
};
