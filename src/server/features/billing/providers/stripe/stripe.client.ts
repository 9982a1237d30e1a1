import Stripe from 'stripe';
import type { Config } from '../../../../config.ts';
import { AppError } from '../../../../platform/errors.ts';

const clients = new WeakMap<Config, Stripe>();

/** The SDK client; STRIPE_API_URL points it elsewhere (tests use a local fake on loopback). */
export function stripeClient(config: Config): Stripe {
  const existing = clients.get(config);
  if (existing) return existing;
  if (!config.STRIPE_SECRET_KEY) {
    throw new AppError('not_configured', 'Stripe billing is not configured on this server');
  }
  const url = config.STRIPE_API_URL ? new URL(config.STRIPE_API_URL) : null;
  const protocol = url?.protocol === 'http:' ? 'http' : 'https';
  const client = new Stripe(config.STRIPE_SECRET_KEY, {
    maxNetworkRetries: 2,
    timeout: 20_000,
    telemetry: false,
    ...(url ? { host: url.hostname, port: url.port || (protocol === 'http' ? 80 : 443), protocol } : {}),
  });
  clients.set(config, client);
  return client;
}

/** A Stripe failure becomes a 503 naming what Stripe said; the caller may try again. */
export async function callStripe<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof AppError) throw error;
    const message = error instanceof Stripe.errors.StripeError ? error.message : (error as Error).message;
    throw new AppError('service_unavailable', `Stripe could not ${what}: ${message}`);
  }
}
