import { type HttpFake, type RecordedRequest, startHttpFake } from './http-fake.ts';

export function jsonOf(request: RecordedRequest | undefined): Record<string, unknown> {
  return request?.raw ? (JSON.parse(request.raw) as Record<string, unknown>) : {};
}

/** A local stand-in for Dodo Payments' REST API: checkout sessions and customer portal sessions. */
export async function startDodoFake(): Promise<HttpFake> {
  let counter = 0;
  return startHttpFake((request) => {
    counter += 1;
    if (request.method === 'POST' && request.path === '/checkouts') {
      const id = `cks_fake${counter}`;
      return {
        status: 200,
        body: { session_id: id, checkout_url: `https://checkout.dodo.test/session/${id}` },
      };
    }
    const portal = /^\/customers\/([^/]+)\/customer-portal\/session$/.exec(request.path);
    if (request.method === 'POST' && portal) {
      return {
        status: 200,
        body: { link: `https://customer.dodo.test/portal/${portal[1]}?token=fake${counter}` },
      };
    }
    return {
      status: 404,
      body: { code: 'NOT_FOUND', message: `No route ${request.method} ${request.path}` },
    };
  });
}
