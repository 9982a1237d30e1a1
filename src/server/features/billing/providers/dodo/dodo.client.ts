import type { Config } from '../../../../config.ts';
import { AppError } from '../../../../platform/errors.ts';

const defaultDodoApiUrl = 'https://live.dodopayments.com';

/** One call to Dodo's REST API (bearer key); any failure is a 503 naming what Dodo said. */
export async function callDodo<T>(
  config: Config,
  what: string,
  path: string,
  body?: Record<string, unknown>,
): Promise<T> {
  if (!config.DODO_API_KEY)
    throw new AppError('not_configured', 'Dodo Payments is not configured on this server');
  const base = (config.DODO_API_URL ?? defaultDodoApiUrl).replace(/\/+$/, '');
  let response: Response;
  try {
    response = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${config.DODO_API_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify(body ?? {}),
      signal: AbortSignal.timeout(20_000),
    });
  } catch (error) {
    throw new AppError('service_unavailable', `Dodo Payments could not ${what}: ${(error as Error).message}`);
  }
  const text = await response.text();
  if (!response.ok) {
    throw new AppError(
      'service_unavailable',
      `Dodo Payments could not ${what} (${response.status}): ${text.slice(0, 300)}`,
    );
  }
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new AppError(
      'service_unavailable',
      `Dodo Payments answered ${what} with something that is not JSON`,
    );
  }
}
