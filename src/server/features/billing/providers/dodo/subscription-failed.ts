import type { WebhookHandler } from '../../../webhooks/webhooks.service.ts';
import { applySubscriptionUpdate } from '../../billing-events.service.ts';
import { dodoSubscriptionUpdate } from './dodo.mapping.ts';
import { dodoDataOf, dodoSubscriptionSchema } from './dodo.schemas.ts';

/** subscription.failed — the first payment never went through; no plan is granted. */
export const handleDodoSubscriptionFailed: WebhookHandler = async (tx, payload, deps, stored) => {
  const { envelope, data } = dodoDataOf(payload, dodoSubscriptionSchema);
  await applySubscriptionUpdate(deps, tx, dodoSubscriptionUpdate(data, envelope, stored.id, 'incomplete'));
};
