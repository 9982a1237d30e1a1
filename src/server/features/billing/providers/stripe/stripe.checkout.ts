import type Stripe from 'stripe';
import type { AppDeps } from '../../../../app-context.ts';
import { AppError } from '../../../../platform/errors.ts';
import { findBillingCustomerId, saveBillingCustomer } from '../../billing-customers.queries.ts';
import { mappedPriceId, type ProviderCheckout } from '../checkout.types.ts';
import { callStripe, stripeClient } from './stripe.client.ts';

// One Stripe customer per workspace, created before the first checkout so the portal and every
// later event can be tied back to the workspace. The idempotency key makes a retried or concurrent
// creation return the same customer.
async function ensureStripeCustomer(deps: AppDeps, workspaceId: string, email: string): Promise<string> {
  const stored = await findBillingCustomerId(deps.db, workspaceId, 'stripe');
  if (stored) return stored;
  const customer = await callStripe('create the customer', () =>
    stripeClient(deps.config).customers.create(
      { email, metadata: { workspaceId } },
      { idempotencyKey: `herald-customer-${workspaceId}` },
    ),
  );
  return saveBillingCustomer(deps.db, workspaceId, 'stripe', customer.id);
}

function urlOf(session: { url: string | null }, what: string): { url: string } {
  if (!session.url) throw new AppError('service_unavailable', `Stripe returned no ${what} URL`);
  return { url: session.url };
}

export const stripeCheckout: ProviderCheckout = {
  async createPlanCheckout(deps, request) {
    const { plan, interval, workspaceId } = request;
    const priceId = mappedPriceId(plan, 'stripe', interval);
    const lineItem: Stripe.Checkout.SessionCreateParams.LineItem = priceId
      ? { price: priceId, quantity: 1 }
      : {
          quantity: 1,
          price_data: {
            currency: plan.currency,
            unit_amount: request.amountCents,
            recurring: { interval },
            product_data: { name: `Herald ${plan.name}`, metadata: { planKey: plan.key } },
          },
        };
    const customer = await ensureStripeCustomer(deps, workspaceId, request.customerEmail);
    const metadata = { workspaceId, planKey: plan.key };
    const session = await callStripe('create the checkout', () =>
      stripeClient(deps.config).checkout.sessions.create({
        mode: 'subscription',
        customer,
        client_reference_id: workspaceId,
        line_items: [lineItem],
        metadata,
        subscription_data: { metadata },
        success_url: request.successUrl,
        cancel_url: request.cancelUrl,
      }),
    );
    return urlOf(session, 'checkout');
  },

  async createCreditPackCheckout(deps, request) {
    const { workspaceId, credits } = request;
    const customer = await ensureStripeCustomer(deps, workspaceId, request.customerEmail);
    const metadata = { workspaceId, credits: String(credits) };
    const session = await callStripe('create the checkout', () =>
      stripeClient(deps.config).checkout.sessions.create({
        mode: 'payment',
        customer,
        client_reference_id: workspaceId,
        line_items: [
          {
            quantity: 1,
            price_data: {
              currency: request.currency,
              unit_amount: request.amountCents,
              product_data: { name: `${credits} Herald credits` },
            },
          },
        ],
        metadata,
        payment_intent_data: { metadata },
        success_url: request.successUrl,
        cancel_url: request.cancelUrl,
      }),
    );
    return urlOf(session, 'checkout');
  },

  async createPortal(deps, customerId, returnUrl) {
    const session = await callStripe('open the customer portal', () =>
      stripeClient(deps.config).billingPortal.sessions.create({
        customer: customerId,
        return_url: returnUrl,
      }),
    );
    return urlOf(session, 'portal');
  },
};
