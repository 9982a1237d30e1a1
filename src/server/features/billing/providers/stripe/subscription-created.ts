import type { WebhookHandler } from '../../../webhooks/webhooks.service.ts';
import { applySubscriptionUpdate } from '../../billing-events.service.ts';
import { stripeSubscriptionUpdate } from './stripe.mapping.ts';
import { stripeObjectOf, stripeSubscriptionSchema } from './stripe.schemas.ts';

/** customer.subscription.created — A new subscription, usually from a checkout; its metadata names the workspace and plan. */
export const handleStripeSubscriptionCreated: WebhookHandler = async (tx, payload, deps, stored) => {
  const { event, object } = stripeObjectOf(payload, stripeSubscriptionSchema);
  await applySubscriptionUpdate(deps, tx, stripeSubscriptionUpdate(object, event, stored.id));
};
