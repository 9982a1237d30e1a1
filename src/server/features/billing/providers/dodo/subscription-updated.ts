import type { WebhookHandler } from '../../../webhooks/webhooks.service.ts';
import { applySubscriptionUpdate } from '../../billing-events.service.ts';
import { dodoSubscriptionUpdate } from './dodo.mapping.ts';
import { dodoDataOf, dodoSubscriptionSchema } from './dodo.schemas.ts';

/** subscription.updated — any other change (cancel at the next billing date, metadata, dates). */
export const handleDodoSubscriptionUpdated: WebhookHandler = async (tx, payload, deps, stored) => {
  const { envelope, data } = dodoDataOf(payload, dodoSubscriptionSchema);
  await applySubscriptionUpdate(deps, tx, dodoSubscriptionUpdate(data, envelope, stored.id));
};
