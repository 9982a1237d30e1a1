import type { WebhookHandler } from '../../../webhooks/webhooks.service.ts';
import { applyAsaasPaymentOverdue } from './asaas.apply.ts';

/** PAYMENT_OVERDUE — the charge was not paid by its due date. */
export const handleAsaasPaymentOverdue: WebhookHandler = (tx, payload, deps, stored) =>
  applyAsaasPaymentOverdue(tx, payload, deps, stored);
