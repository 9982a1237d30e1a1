import { jsonOf } from './dodo-fake.ts';
import { type HttpFake, startHttpFake } from './http-fake.ts';

/**
 * A local stand-in for Asaas' REST API (`…/v3`): customers, subscriptions with their first payment,
 * and one-off payments, each with an invoiceUrl.
 */
export async function startAsaasFake(): Promise<HttpFake> {
  let counter = 0;
  return startHttpFake((request) => {
    counter += 1;
    const path = request.path.replace(/^\/v3/, '');
    const body = jsonOf(request);
    if (request.method === 'POST' && path === '/customers') {
      return { status: 200, body: { object: 'customer', id: `cus_00000fake${counter}`, ...body } };
    }
    if (request.method === 'POST' && path === '/subscriptions') {
      return {
        status: 200,
        body: { object: 'subscription', id: `sub_fake${counter}`, status: 'ACTIVE', ...body },
      };
    }
    const payments = /^\/subscriptions\/([^/]+)\/payments$/.exec(path);
    if (request.method === 'GET' && payments) {
      return {
        status: 200,
        body: {
          object: 'list',
          hasMore: false,
          totalCount: 1,
          data: [
            {
              object: 'payment',
              id: `pay_fake${counter}`,
              subscription: payments[1],
              status: 'PENDING',
              invoiceUrl: `https://sandbox.asaas.test/i/fake${counter}`,
            },
          ],
        },
      };
    }
    if (request.method === 'POST' && path === '/payments') {
      return {
        status: 200,
        body: {
          object: 'payment',
          id: `pay_fake${counter}`,
          status: 'PENDING',
          invoiceUrl: `https://sandbox.asaas.test/i/fake${counter}`,
          ...body,
        },
      };
    }
    return {
      status: 404,
      body: { errors: [{ code: 'not_found', description: `No route ${request.path}` }] },
    };
  });
}
