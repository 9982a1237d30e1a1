import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app-context.ts';

/**
 * CORS open to every origin, for the public endpoints scripts on any site call (widget, tracking,
 * subscribe, votes): answers the preflight for `methods`, and puts the origin header on every answer,
 * errors included, so the calling page's script can read a 404 or 422.
 */
export function openCors(methods: string): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (c.req.method === 'OPTIONS') {
      return c.body(null, 204, {
        'Access-Control-Allow-Origin': '*',
        'Access-Control-Allow-Methods': methods,
        'Access-Control-Allow-Headers': 'Content-Type',
        'Access-Control-Max-Age': '86400',
      });
    }
    await next();
    c.res.headers.set('Access-Control-Allow-Origin', '*');
  };
}
