import type { Config } from '../../config.ts';
import { outboundRequest } from '../../platform/outbound-request.ts';

export interface TokenSet {
  accessToken: string;
  refreshToken: string | null;
  expiresAt: Date | null;
  scopes: string | null;
}

/**
 * `rejected`: the code or refresh token is no longer any good (the person must connect again);
 * `misconfigured`: the platform refused Herald's own client id or secret;
 * `unavailable`: the platform could not answer now (5xx, 429, network) — try later.
 */
export type TokenResult =
  | { ok: true; tokens: TokenSet }
  | { ok: false; reason: 'rejected' | 'misconfigured' | 'unavailable'; message: string };

export interface TokenRequest {
  url: string;
  form: Record<string, string>;
  /** Confidential clients authenticate with HTTP Basic (X); LinkedIn takes the secret in the form. */
  basicAuth?: { clientId: string; clientSecret: string };
  now: Date;
}

const clientErrors = new Set(['invalid_client', 'unauthorized_client']);

function stringField(body: unknown, key: string): string | null {
  const value = body && typeof body === 'object' ? (body as Record<string, unknown>)[key] : undefined;
  return typeof value === 'string' && value.length > 0 ? value : null;
}

/** The authorization-code and refresh-token grants of RFC 6749, form-encoded. */
export async function requestTokens(config: Config, request: TokenRequest): Promise<TokenResult> {
  const headers: Record<string, string> = {
    'content-type': 'application/x-www-form-urlencoded',
    accept: 'application/json',
  };
  if (request.basicAuth) {
    const { clientId, clientSecret } = request.basicAuth;
    headers.authorization = `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`;
  }
  let response: Awaited<ReturnType<typeof outboundRequest>>;
  try {
    response = await outboundRequest(config, request.url, {
      method: 'POST',
      headers,
      body: new URLSearchParams(request.form).toString(),
      timeoutMs: 15_000,
    });
  } catch (error) {
    return {
      ok: false,
      reason: 'unavailable',
      message: `The token endpoint did not answer (${errorName(error)})`,
    };
  }
  const body = response.json;
  if (response.status >= 200 && response.status < 300) {
    const accessToken = stringField(body, 'access_token');
    if (!accessToken)
      return { ok: false, reason: 'unavailable', message: 'The token endpoint sent no access token' };
    const expiresIn = Number((body as Record<string, unknown>).expires_in);
    return {
      ok: true,
      tokens: {
        accessToken,
        refreshToken: stringField(body, 'refresh_token'),
        expiresAt:
          Number.isFinite(expiresIn) && expiresIn > 0
            ? new Date(request.now.getTime() + expiresIn * 1000)
            : null,
        scopes: stringField(body, 'scope'),
      },
    };
  }
  // Only the error code and the platform's short description: never the request's secrets.
  const code = stringField(body, 'error') ?? `http_${response.status}`;
  const description = stringField(body, 'error_description')?.slice(0, 300);
  const message = description ? `${code}: ${description}` : code;
  if (response.status === 429 || response.status >= 500) return { ok: false, reason: 'unavailable', message };
  if (clientErrors.has(code)) return { ok: false, reason: 'misconfigured', message };
  return { ok: false, reason: 'rejected', message };
}

export function errorName(error: unknown): string {
  if (error instanceof Error) return error.name === 'TimeoutError' ? 'timed out' : error.name;
  return 'unknown error';
}
