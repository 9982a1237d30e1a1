import type { AppDeps } from '../../../app-context.ts';
import type { Plan } from '../../plans/plans.service.ts';

/** What every provider needs to build a subscription checkout. */
export interface PlanCheckoutRequest {
  workspaceId: string;
  customerEmail: string;
  plan: Plan;
  interval: 'month' | 'year';
  /** The plan's price for the interval, in cents of plan.currency. */
  amountCents: number;
  successUrl: string;
  cancelUrl: string;
}

export interface CreditPackCheckoutRequest {
  workspaceId: string;
  customerEmail: string;
  credits: number;
  amountCents: number;
  currency: string;
  successUrl: string;
  cancelUrl: string;
}

export interface ProviderCheckout {
  createPlanCheckout(deps: AppDeps, request: PlanCheckoutRequest): Promise<{ url: string }>;
  createCreditPackCheckout(deps: AppDeps, request: CreditPackCheckoutRequest): Promise<{ url: string }>;
  createPortal(deps: AppDeps, customerId: string, returnUrl: string): Promise<{ url: string }>;
}

/** The id staff map in plans.providerPriceIds for a provider and interval (`stripe:month`). */
export function mappedPriceId(plan: Plan, provider: string, interval: 'month' | 'year'): string | null {
  const ids = plan.providerPriceIds;
  return ids[`${provider}:${interval}`] ?? ids[`${provider}:${interval}ly`] ?? null;
}
