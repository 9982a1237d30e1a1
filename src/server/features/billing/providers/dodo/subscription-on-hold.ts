import type { WebhookHandler } from '../../../webhooks/webhooks.service.ts';
import { applySubscriptionUpdate } from '../../billing-events.service.ts';
import { dodoSubscriptionUpdate } from './dodo.mapping.ts';
import { dodoDataOf, dodoSubscriptionSchema } from './dodo.schemas.ts';

/** subscription.on_hold — a renewal payment failed; the plan stays while the payment is retried. */
export const handleDodoSubscriptionOnHold: WebhookHandler = async (tx, payload, deps, stored) => {
  const { envelope, data } = dodoDataOf(payload, dodoSubscriptionSchema);
  await applySubscriptionUpdate(deps, tx, dodoSubscriptionUpdate(data, envelope, stored.id, 'past_due'));
};
