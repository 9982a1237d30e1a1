import type { MiddlewareHandler } from 'hono';
import type { AppEnv, RequestInfo } from '../app-context.ts';
import { clientIp, ipPseudonym } from './client-ip.ts';
import { rememberIfCacheable } from './micro-cache.ts';

const requestIdPattern = /^[A-Za-z0-9._:-]{1,100}$/;

/** The caller's X-Request-Id when it is sane, else a new UUID. */
export function requestIdFrom(incoming: string | undefined): string {
  return incoming && requestIdPattern.test(incoming) ? incoming : crypto.randomUUID();
}

/** Request id (taken from X-Request-Id when sane, sent back), child logger, access log and metrics. */
export const requestContext: MiddlewareHandler<AppEnv> = async (c, next) => {
  const deps = c.get('deps');
  const requestId = requestIdFrom(c.req.header('x-request-id'));
  const log = deps.log.child({ requestId });
  c.set('requestId', requestId);
  c.set('log', log);
  c.set('actor', { type: 'anonymous' });
  const ip = clientIp(c, deps.config.TRUST_PROXY);
  let pseudonym: string | null | undefined;
  const request: RequestInfo = {
    requestId,
    // Worked out on first use (an HMAC), as most requests never ask; an own enumerable getter, so
    // spreading or serializing the request carries the value.
    get ipAddress() {
      if (pseudonym === undefined) {
        pseudonym = ip === null || deps.config.RECORD_CLIENT_IPS ? ip : ipPseudonym(deps.authSecret, ip);
      }
      return pseudonym;
    },
    userAgent: c.req.header('user-agent')?.slice(0, 500) ?? null,
  };
  c.set('request', request);
  const started = performance.now();
  await next();
  // On the response's own headers rather than c.header(): after the handler, c.header() rebuilds the
  // response around its body as a stream, which takes @hono/node-server off its fast path for string
  // bodies (about half the throughput of a cached public page). A response whose headers are
  // immutable (Response.redirect, a fetched response) goes through c.header().
  try {
    c.res.headers.set('X-Request-Id', requestId);
  } catch {
    c.header('X-Request-Id', requestId);
  }
  rememberIfCacheable(c, deps);
  const seconds = (performance.now() - started) / 1000;
  const route = c.req.routePath || 'unmatched';
  deps.metrics.httpRequests.inc({ method: c.req.method, route, status: String(c.res.status) });
  deps.metrics.httpDuration.observe({ method: c.req.method, route }, seconds);
  log.info(
    { method: c.req.method, path: c.req.path, status: c.res.status, ms: Math.round(seconds * 1000) },
    'request',
  );
};
