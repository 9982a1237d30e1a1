import type { WebhookHandler } from '../../../webhooks/webhooks.service.ts';
import { applyAsaasSubscriptionEvent } from './asaas.apply.ts';

/** SUBSCRIPTION_UPDATED — price, cycle or next due date changed; an inactive one ends. */
export const handleAsaasSubscriptionUpdated: WebhookHandler = (tx, payload, deps, stored) =>
  applyAsaasSubscriptionEvent(tx, payload, deps, stored);
