import type { AppDeps } from '../../app-context.ts';
import { AppError } from '../../platform/errors.ts';
import { getPlanByKey } from '../plans/plans.service.ts';
import { configuredProviders, getLatestSubscription } from './billing.service.ts';
import type { PaymentProvider } from './billing.table.ts';
import { listBillingCustomers } from './billing-customers.queries.ts';
import { asaasCheckout } from './providers/asaas/asaas.checkout.ts';
import { mappedPriceId, type ProviderCheckout } from './providers/checkout.types.ts';
import { dodoCheckout } from './providers/dodo/dodo.checkout.ts';
import { stripeCheckout } from './providers/stripe/stripe.checkout.ts';

export interface CheckoutRequest {
  workspaceId: string;
  customerEmail: string;
  planKey: string;
  interval: 'month' | 'year';
  provider?: PaymentProvider;
}

const checkouts: Record<PaymentProvider, ProviderCheckout> = {
  stripe: stripeCheckout,
  dodo: dodoCheckout,
  asaas: asaasCheckout,
};

const notConfiguredMessage = 'Billing is not configured on this server; staff can set plans by hand';

/** Picks the requested provider, or the first configured one; none configured is a clear 503. */
export function chooseProvider(config: AppDeps['config'], requested?: PaymentProvider): PaymentProvider {
  const available = configuredProviders(config);
  if (requested) {
    if (!available[requested])
      throw new AppError('not_configured', `${requested} billing is not configured on this server`);
    return requested;
  }
  const first = (Object.keys(available) as PaymentProvider[]).find((p) => available[p]);
  if (!first) throw new AppError('not_configured', notConfiguredMessage);
  return first;
}

// Where the provider sends the payer back; the billing page reads `checkout` to say what happened.
function returnUrls(publicUrl: string, workspaceId: string) {
  const billing = `${publicUrl}/w/${workspaceId}/billing`;
  return { successUrl: `${billing}?checkout=success`, cancelUrl: `${billing}?checkout=canceled`, billing };
}

export async function createCheckoutLink(deps: AppDeps, request: CheckoutRequest): Promise<{ url: string }> {
  const provider = chooseProvider(deps.config, request.provider);
  const plan = await getPlanByKey(deps.db, request.planKey);
  if (!plan?.isActive) throw new AppError('not_found', `There is no plan "${request.planKey}" to buy`);
  const amountCents = request.interval === 'year' ? plan.priceYearlyCents : plan.priceMonthlyCents;
  if (amountCents <= 0 && !mappedPriceId(plan, provider, request.interval)) {
    throw new AppError(
      'validation_failed',
      `The ${plan.name} plan has no ${request.interval}ly price to pay`,
    );
  }
  return checkouts[provider].createPlanCheckout(deps, {
    workspaceId: request.workspaceId,
    customerEmail: request.customerEmail,
    plan,
    interval: request.interval,
    amountCents,
    ...returnUrls(deps.config.publicUrl, request.workspaceId),
  });
}

/** The portal of the provider the workspace pays through (its latest subscription's, else any). */
export async function createPortalLink(deps: AppDeps, workspaceId: string): Promise<{ url: string }> {
  const available = configuredProviders(deps.config);
  if (!Object.values(available).some(Boolean)) throw new AppError('not_configured', notConfiguredMessage);
  const [latest, customers] = await Promise.all([
    getLatestSubscription(deps.db, workspaceId),
    listBillingCustomers(deps.db, workspaceId),
  ]);
  const usable = customers.filter((customer) => available[customer.provider]);
  const chosen = usable.find((customer) => customer.provider === latest?.provider) ?? usable[0];
  if (!chosen) {
    throw new AppError('conflict', 'This workspace has no billing account yet; subscribe to a plan first');
  }
  const { billing } = returnUrls(deps.config.publicUrl, workspaceId);
  return checkouts[chosen.provider].createPortal(deps, chosen.customerId, billing);
}

export async function createCreditPackCheckout(
  deps: AppDeps,
  request: { workspaceId: string; customerEmail: string; credits: number; provider?: PaymentProvider },
): Promise<{ url: string }> {
  const provider = chooseProvider(deps.config, request.provider);
  return checkouts[provider].createCreditPackCheckout(deps, {
    workspaceId: request.workspaceId,
    customerEmail: request.customerEmail,
    credits: request.credits,
    amountCents: request.credits * deps.config.CREDIT_PACK_CENTS_PER_CREDIT,
    currency: deps.config.CREDIT_PACK_CURRENCY,
    ...returnUrls(deps.config.publicUrl, request.workspaceId),
  });
}
