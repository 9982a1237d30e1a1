import { type HttpFake, type RecordedRequest, startHttpFake } from './http-fake.ts';

/** The Stripe SDK sends form-encoded bodies (`metadata[workspaceId]=…`); this reads them back flat. */
export function formOf(request: RecordedRequest | undefined): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(request?.raw ?? ''));
}

/**
 * A local stand-in for api.stripe.com: customers, checkout sessions and billing portal sessions, with
 * the fields Herald reads. Point STRIPE_API_URL at `url`.
 */
export async function startStripeFake(): Promise<HttpFake> {
  let counter = 0;
  return startHttpFake((request) => {
    const form = formOf(request);
    counter += 1;
    if (request.method === 'POST' && request.path === '/v1/customers') {
      return {
        status: 200,
        body: { id: `cus_fake${counter}`, object: 'customer', email: form.email ?? null, metadata: {} },
      };
    }
    if (request.method === 'POST' && request.path === '/v1/checkout/sessions') {
      const id = `cs_test_fake${counter}`;
      return {
        status: 200,
        body: {
          id,
          object: 'checkout.session',
          mode: form.mode,
          customer: form.customer ?? null,
          client_reference_id: form.client_reference_id ?? null,
          url: `https://checkout.stripe.test/c/pay/${id}`,
          status: 'open',
        },
      };
    }
    if (request.method === 'POST' && request.path === '/v1/billing_portal/sessions') {
      const id = `bps_fake${counter}`;
      return {
        status: 200,
        body: {
          id,
          object: 'billing_portal.session',
          customer: form.customer,
          return_url: form.return_url ?? null,
          url: `https://billing.stripe.test/p/session/${id}`,
        },
      };
    }
    return {
      status: 404,
      body: {
        error: { type: 'invalid_request_error', message: `Unrecognized request URL (${request.path})` },
      },
    };
  });
}
