import type { WebhookHandler } from '../../../webhooks/webhooks.service.ts';
import { applyAsaasSubscriptionEvent } from './asaas.apply.ts';

/** SUBSCRIPTION_INACTIVATED — no more charges: the workspace goes back to the free plan. */
export const handleAsaasSubscriptionInactivated: WebhookHandler = (tx, payload, deps, stored) =>
  applyAsaasSubscriptionEvent(tx, payload, deps, stored, 'canceled');
