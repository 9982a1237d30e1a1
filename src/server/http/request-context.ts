import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app-context.ts';
import { rememberIfCacheable } from './micro-cache.ts';

const requestIdPattern = /^[A-Za-z0-9._:-]{1,100}$/;

function clientIp(c: Context<AppEnv>, trustProxy: boolean): string | null {
  if (trustProxy) {
    // The right-most entry is the one the trusted proxy added; entries left of it came from the
    // client and can be forged.
    const forwarded = c.req.header('x-forwarded-for')?.split(',').at(-1)?.trim();
    if (forwarded) return forwarded.slice(0, 64);
  }
  try {
    return getConnInfo(c).remote.address ?? null;
  } catch {
    return null; // in-process requests (tests) have no socket
  }
}

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
  c.set('request', {
    requestId,
    ipAddress: clientIp(c, deps.config.TRUST_PROXY),
    userAgent: c.req.header('user-agent')?.slice(0, 500) ?? null,
  });
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
