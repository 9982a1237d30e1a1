import { Hono } from 'hono';
import type { AppEnv } from '../../app-context.ts';
import { AppError, errorBody } from '../../platform/errors.ts';
import { clientIpHeader } from './auth-audit.ts';

export const authRouter = new Hono<AppEnv>();

// Sign-in, sign-up and reset requests are limited per client address (shared through Redis when set).
authRouter.use('*', async (c, next) => {
  if (c.req.method !== 'POST') return next();
  const { authRateLimiter } = c.get('deps');
  const key = c.get('request').ipAddress ?? 'unknown';
  const result = await authRateLimiter.hit(key);
  if (!result.allowed) {
    c.header('Retry-After', String(result.retryAfterSeconds));
    throw new AppError('rate_limited', 'Too many attempts; wait a moment and try again');
  }
  return next();
});

/**
 * better-auth answers errors as `{ code, message }`; Herald's clients read one envelope, so JSON error
 * responses are rewrapped as `{ error: { code, message } }` with the same status.
 */
authRouter.all('*', async (c) => {
  // A client cannot choose its own address: the header is always replaced with what Herald saw.
  const headers = new Headers(c.req.raw.headers);
  const ipAddress = c.get('request').ipAddress;
  if (ipAddress) headers.set(clientIpHeader, ipAddress);
  else headers.delete(clientIpHeader);
  const forwarded = new Request(c.req.raw, { headers });
  const response = await c.get('deps').auth.handler(forwarded);
  const isJsonError =
    response.status >= 400 && response.headers.get('content-type')?.includes('application/json');
  if (!isJsonError) return response;
  const body = (await response.json().catch(() => ({}))) as { code?: string; message?: string };
  const responseHeaders = new Headers(response.headers);
  responseHeaders.delete('content-length');
  return new Response(
    JSON.stringify(
      errorBody((body.code ?? 'auth_error').toLowerCase(), body.message ?? 'Authentication request failed'),
    ),
    { status: response.status, headers: responseHeaders },
  );
});
