import { createHmac, randomUUID } from 'node:crypto';
import { e2eBaseUrl, e2eStripeWebhookSecret } from './e2e-env.ts';

/** Signs a body the way Stripe does: `t=<unix>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`. */
export function stripeSignature(body: string, secret = e2eStripeWebhookSecret, at = new Date()): string {
  const t = Math.floor(at.getTime() / 1000);
  const v1 = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
  return `t=${t},v1=${v1}`;
}

/** A `customer.subscription.created` event as Stripe sends it after a checkout for `planKey`. */
export function subscriptionCreatedEvent(workspaceId: string, planKey: string) {
  const now = Math.floor(Date.now() / 1000);
  const periodEnd = now + 30 * 24 * 3600;
  return {
    id: `evt_${randomUUID().replaceAll('-', '')}`,
    object: 'event',
    type: 'customer.subscription.created',
    created: now,
    livemode: false,
    data: {
      object: {
        id: `sub_${randomUUID().replaceAll('-', '').slice(0, 24)}`,
        object: 'subscription',
        customer: `cus_${randomUUID().replaceAll('-', '').slice(0, 14)}`,
        status: 'active',
        currency: 'usd',
        cancel_at_period_end: false,
        metadata: { workspaceId, planKey },
        items: {
          object: 'list',
          data: [
            {
              id: 'si_e2e',
              quantity: 1,
              current_period_start: now,
              current_period_end: periodEnd,
              price: { id: `price_${planKey}_monthly`, unit_amount: 2900, recurring: { interval: 'month' } },
            },
          ],
        },
      },
    },
  };
}

/** Posts the event to Herald's Stripe endpoint with a valid signature, as Stripe's servers would. */
export async function sendStripeEvent(event: unknown): Promise<Response> {
  const body = JSON.stringify(event);
  return fetch(`${e2eBaseUrl}/webhooks/stripe`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'stripe-signature': stripeSignature(body) },
    body,
  });
}
