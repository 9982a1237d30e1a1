import type { AppDeps } from '../../../../app-context.ts';
import { AppError } from '../../../../platform/errors.ts';
import { findBillingCustomerId, saveBillingCustomer } from '../../billing-customers.queries.ts';
import type { ProviderCheckout } from '../checkout.types.ts';
import { callAsaas } from './asaas.client.ts';
import { creditsReference, planReference } from './asaas.references.ts';

interface AsaasPayment {
  id: string;
  invoiceUrl?: string | null;
}

async function ensureAsaasCustomer(deps: AppDeps, workspaceId: string, email: string): Promise<string> {
  const stored = await findBillingCustomerId(deps.db, workspaceId, 'asaas');
  if (stored) return stored;
  const customer = await callAsaas<{ id: string }>(deps.config, 'create the customer', 'POST', '/customers', {
    name: email,
    email,
    externalReference: workspaceId,
  });
  return saveBillingCustomer(deps.db, workspaceId, 'asaas', customer.id);
}

function requireBrl(currency: string, what: string) {
  if (currency.toLowerCase() !== 'brl') {
    throw new AppError(
      'not_configured',
      `Asaas charges in BRL and ${what} is priced in ${currency.toUpperCase()}`,
    );
  }
}

// Asaas works in Brazilian time; a due date is a calendar day there.
function todayInBrazil(now: Date): string {
  return new Date(now.getTime() - 3 * 3_600_000).toISOString().slice(0, 10);
}

function invoiceUrlOf(payment: AsaasPayment | undefined): { url: string } {
  if (!payment?.invoiceUrl) throw new AppError('service_unavailable', 'Asaas returned no payment page');
  return { url: payment.invoiceUrl };
}

// Asaas has no hosted checkout session tied to a price: Herald creates the customer, then the
// subscription (or a one-off payment) with a reference naming the workspace, and sends the payer to
// the first payment's page, where they pick Pix, boleto or card.
export const asaasCheckout: ProviderCheckout = {
  async createPlanCheckout(deps, request) {
    const { plan, workspaceId } = request;
    requireBrl(plan.currency, `the ${plan.name} plan`);
    const customer = await ensureAsaasCustomer(deps, workspaceId, request.customerEmail);
    const subscription = await callAsaas<{ id: string }>(
      deps.config,
      'create the subscription',
      'POST',
      '/subscriptions',
      {
        customer,
        billingType: 'UNDEFINED',
        value: request.amountCents / 100,
        nextDueDate: todayInBrazil(deps.clock.now()),
        cycle: request.interval === 'year' ? 'YEARLY' : 'MONTHLY',
        description: `Herald ${plan.name}`,
        externalReference: planReference(workspaceId, plan.key),
        callback: { successUrl: request.successUrl, autoRedirect: true },
      },
    );
    const payments = await callAsaas<{ data: AsaasPayment[] }>(
      deps.config,
      'list the subscription payments',
      'GET',
      `/subscriptions/${encodeURIComponent(subscription.id)}/payments`,
    );
    return invoiceUrlOf(payments.data[0]);
  },

  async createCreditPackCheckout(deps, request) {
    requireBrl(request.currency, 'a credit pack (CREDIT_PACK_CURRENCY)');
    const customer = await ensureAsaasCustomer(deps, request.workspaceId, request.customerEmail);
    const payment = await callAsaas<AsaasPayment>(deps.config, 'create the payment', 'POST', '/payments', {
      customer,
      billingType: 'UNDEFINED',
      value: request.amountCents / 100,
      dueDate: todayInBrazil(deps.clock.now()),
      description: `${request.credits} Herald credits`,
      externalReference: creditsReference(request.workspaceId, request.credits),
      callback: { successUrl: request.successUrl, autoRedirect: true },
    });
    return invoiceUrlOf(payment);
  },

  async createPortal() {
    throw new AppError(
      'conflict',
      'Asaas has no customer portal; payments are managed from the links Asaas sends by email',
    );
  },
};
