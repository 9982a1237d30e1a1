import type { Config } from '../../../../config.ts';
import { AppError } from '../../../../platform/errors.ts';

const defaultAsaasApiUrl = 'https://api.asaas.com/v3';

/** One call to Asaas' REST API (`access_token` header); any failure is a 503 naming what Asaas said. */
export async function callAsaas<T>(
  config: Config,
  what: string,
  method: 'GET' | 'POST',
  path: string,
  body?: Record<string, unknown>,
): Promise<T> {
  if (!config.ASAAS_API_KEY) throw new AppError('not_configured', 'Asaas is not configured on this server');
  const base = (config.ASAAS_API_URL ?? defaultAsaasApiUrl).replace(/\/+$/, '');
  let response: Response;
  try {
    response = await fetch(`${base}${path}`, {
      method,
      headers: {
        access_token: config.ASAAS_API_KEY,
        'content-type': 'application/json',
        'user-agent': 'Herald',
      },
      body: body ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(20_000),
    });
  } catch (error) {
    throw new AppError('service_unavailable', `Asaas could not ${what}: ${(error as Error).message}`);
  }
  const text = await response.text();
  if (!response.ok) {
    throw new AppError(
      'service_unavailable',
      `Asaas could not ${what} (${response.status}): ${text.slice(0, 300)}`,
    );
  }
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new AppError('service_unavailable', `Asaas answered ${what} with something that is not JSON`);
  }
}
