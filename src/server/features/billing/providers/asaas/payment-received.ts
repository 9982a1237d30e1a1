import type { WebhookHandler } from '../../../webhooks/webhooks.service.ts';
import { applyAsaasPaymentPaid } from './asaas.apply.ts';

/** PAYMENT_RECEIVED — paid and settled; after PAYMENT_CONFIRMED it changes nothing more. */
export const handleAsaasPaymentReceived: WebhookHandler = (tx, payload, deps, stored) =>
  applyAsaasPaymentPaid(tx, payload, deps, stored);
