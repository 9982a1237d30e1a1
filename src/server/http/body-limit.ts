// The request body size limit (413 `payload_too_large`), applied per route group in app.ts.
//
// With a Content-Length and no Transfer-Encoding, node:http delivers exactly that many bytes, so the
// header decides before anything is read. Hono's bodyLimit would first ask for `c.req.raw.body`, which
// makes @hono/node-server build a full web Request and stream for every POST; left alone, it reads
// the body straight from the socket when the handler asks for it (a large share of a small POST's
// cost, e.g. the analytics tracking endpoint). A chunked body has no length up front, so it is still
// counted by Hono's bodyLimit as it streams.
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppEnv } from '../app-context.ts';
import { AppError } from '../platform/errors.ts';

export function limitBodySize(maxSize: number): MiddlewareHandler<AppEnv> {
  const tooLarge = (): never => {
    throw new AppError('payload_too_large', `The body is over the ${maxSize}-byte limit`);
  };
  const counted = bodyLimit({ maxSize, onError: tooLarge });
  return (c, next) => {
    const length = c.req.header('content-length');
    if (length === undefined || c.req.header('transfer-encoding') !== undefined) return counted(c, next);
    const bytes = Number(length);
    // node:http refuses a malformed Content-Length itself; this covers requests built in-process.
    if (!/^\d+$/.test(length) || !Number.isSafeInteger(bytes)) {
      throw new AppError('bad_request', 'The Content-Length header is not a byte count');
    }
    if (bytes > maxSize) tooLarge();
    return next();
  };
}
