import { AppError } from '../../../../platform/errors.ts';
import { mappedPriceId, type ProviderCheckout } from '../checkout.types.ts';
import { callDodo } from './dodo.client.ts';

interface DodoCheckoutSession {
  session_id: string;
  checkout_url: string;
}

// Dodo sells products, not ad-hoc prices: a plan needs its product id mapped (`dodo:month`), and
// credit packs go through one pay-what-you-want product whose amount Herald sets.
export const dodoCheckout: ProviderCheckout = {
  async createPlanCheckout(deps, request) {
    const { plan, interval, workspaceId } = request;
    const productId = mappedPriceId(plan, 'dodo', interval);
    if (!productId) {
      throw new AppError(
        'not_configured',
        `The ${plan.name} plan has no Dodo Payments product for ${interval}ly billing; staff map it as dodo:${interval} in the plan's provider ids`,
      );
    }
    const session = await callDodo<DodoCheckoutSession>(deps.config, 'create the checkout', '/checkouts', {
      product_cart: [{ product_id: productId, quantity: 1 }],
      customer: { email: request.customerEmail },
      metadata: { workspaceId, planKey: plan.key },
      return_url: request.successUrl,
    });
    return { url: session.checkout_url };
  },

  async createCreditPackCheckout(deps, request) {
    const productId = deps.config.DODO_CREDIT_PRODUCT_ID;
    if (!productId) {
      throw new AppError(
        'not_configured',
        'Credit packs through Dodo Payments need DODO_CREDIT_PRODUCT_ID (a pay-what-you-want product)',
      );
    }
    const session = await callDodo<DodoCheckoutSession>(deps.config, 'create the checkout', '/checkouts', {
      product_cart: [{ product_id: productId, quantity: 1, amount: request.amountCents }],
      customer: { email: request.customerEmail },
      metadata: { workspaceId: request.workspaceId, credits: String(request.credits) },
      return_url: request.successUrl,
    });
    return { url: session.checkout_url };
  },

  async createPortal(deps, customerId) {
    const session = await callDodo<{ link: string }>(
      deps.config,
      'open the customer portal',
      `/customers/${encodeURIComponent(customerId)}/customer-portal/session`,
    );
    return { url: session.link };
  },
};
