import type { WebhookHandler } from '../../../webhooks/webhooks.service.ts';
import { applyAsaasSubscriptionEvent } from './asaas.apply.ts';

/** SUBSCRIPTION_CREATED — the subscription exists; it is incomplete until its first payment. */
export const handleAsaasSubscriptionCreated: WebhookHandler = (tx, payload, deps, stored) =>
  applyAsaasSubscriptionEvent(tx, payload, deps, stored);
