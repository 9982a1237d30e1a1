import type { WebhookHandler } from '../../../webhooks/webhooks.service.ts';
import { applySubscriptionUpdate } from '../../billing-events.service.ts';
import { dodoSubscriptionUpdate } from './dodo.mapping.ts';
import { dodoDataOf, dodoSubscriptionSchema } from './dodo.schemas.ts';

/** subscription.renewed — a new period was paid for. */
export const handleDodoSubscriptionRenewed: WebhookHandler = async (tx, payload, deps, stored) => {
  const { envelope, data } = dodoDataOf(payload, dodoSubscriptionSchema);
  await applySubscriptionUpdate(deps, tx, dodoSubscriptionUpdate(data, envelope, stored.id, 'active'));
};
