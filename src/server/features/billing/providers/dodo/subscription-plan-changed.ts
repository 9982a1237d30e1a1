import type { WebhookHandler } from '../../../webhooks/webhooks.service.ts';
import { applySubscriptionUpdate } from '../../billing-events.service.ts';
import { dodoSubscriptionUpdate } from './dodo.mapping.ts';
import { dodoDataOf, dodoSubscriptionSchema } from './dodo.schemas.ts';

/** subscription.plan_changed — a move to another product (plan), status as Dodo reports it. */
export const handleDodoSubscriptionPlanChanged: WebhookHandler = async (tx, payload, deps, stored) => {
  const { envelope, data } = dodoDataOf(payload, dodoSubscriptionSchema);
  await applySubscriptionUpdate(deps, tx, dodoSubscriptionUpdate(data, envelope, stored.id));
};
