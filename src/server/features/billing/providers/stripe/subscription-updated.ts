import type { WebhookHandler } from '../../../webhooks/webhooks.service.ts';
import { applySubscriptionUpdate } from '../../billing-events.service.ts';
import { stripeSubscriptionUpdate } from './stripe.mapping.ts';
import { stripeObjectOf, stripeSubscriptionSchema } from './stripe.schemas.ts';

/** customer.subscription.updated — Any change: plan, status, renewal (a new period), cancel at period end, trial end. */
export const handleStripeSubscriptionUpdated: WebhookHandler = async (tx, payload, deps, stored) => {
  const { event, object } = stripeObjectOf(payload, stripeSubscriptionSchema);
  await applySubscriptionUpdate(deps, tx, stripeSubscriptionUpdate(object, event, stored.id));
};
