import type { WebhookHandler } from '../../../webhooks/webhooks.service.ts';
import { applyAsaasSubscriptionEvent } from './asaas.apply.ts';

/** SUBSCRIPTION_DELETED — removed: the workspace goes back to the free plan. */
export const handleAsaasSubscriptionDeleted: WebhookHandler = (tx, payload, deps, stored) =>
  applyAsaasSubscriptionEvent(tx, payload, deps, stored, 'canceled');
