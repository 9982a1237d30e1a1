import type { WebhookHandler } from '../../../webhooks/webhooks.service.ts';
import { applyAsaasPaymentPaid } from './asaas.apply.ts';

/** PAYMENT_CONFIRMED — paid, the balance not yet released: enough to grant what was bought. */
export const handleAsaasPaymentConfirmed: WebhookHandler = (tx, payload, deps, stored) =>
  applyAsaasPaymentPaid(tx, payload, deps, stored);
