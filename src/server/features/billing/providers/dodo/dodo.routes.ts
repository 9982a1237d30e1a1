import { Hono } from 'hono';
import { Webhook } from 'standardwebhooks';
import type { AppEnv } from '../../../../app-context.ts';
import { AppError } from '../../../../platform/errors.ts';
import { storeWebhookEvent, type WebhookHandler } from '../../../webhooks/webhooks.service.ts';
import { dodoDataSchemas, dodoEnvelopeSchema } from './dodo.schemas.ts';
import { handleDodoPaymentFailed } from './payment-failed.ts';
import { handleDodoPaymentSucceeded } from './payment-succeeded.ts';
import { handleDodoSubscriptionActive } from './subscription-active.ts';
import { handleDodoSubscriptionCancelled } from './subscription-cancelled.ts';
import { handleDodoSubscriptionExpired } from './subscription-expired.ts';
import { handleDodoSubscriptionFailed } from './subscription-failed.ts';
import { handleDodoSubscriptionOnHold } from './subscription-on-hold.ts';
import { handleDodoSubscriptionPlanChanged } from './subscription-plan-changed.ts';
import { handleDodoSubscriptionRenewed } from './subscription-renewed.ts';
import { handleDodoSubscriptionUpdated } from './subscription-updated.ts';

export const dodoHandlers: Record<string, WebhookHandler> = {
  'subscription.active': handleDodoSubscriptionActive,
  'subscription.renewed': handleDodoSubscriptionRenewed,
  'subscription.on_hold': handleDodoSubscriptionOnHold,
  'subscription.cancelled': handleDodoSubscriptionCancelled,
  'subscription.failed': handleDodoSubscriptionFailed,
  'subscription.expired': handleDodoSubscriptionExpired,
  'subscription.plan_changed': handleDodoSubscriptionPlanChanged,
  'subscription.updated': handleDodoSubscriptionUpdated,
  'payment.succeeded': handleDodoPaymentSucceeded,
  'payment.failed': handleDodoPaymentFailed,
};

export const dodoWebhookRouter = new Hono<AppEnv>();

function verifierFor(secret: string): Webhook {
  try {
    return new Webhook(secret);
  } catch {
    throw new AppError('not_configured', 'DODO_WEBHOOK_SECRET is not a Standard Webhooks secret (whsec_…)');
  }
}

// Standard Webhooks: HMAC-SHA256 over `${webhook-id}.${webhook-timestamp}.${body}`, timestamps more
// than 5 minutes away refused. The webhook-id is the delivery's identity, so a redelivery is a no-op.
dodoWebhookRouter.post('/dodo', async (c) => {
  const deps = c.get('deps');
  const log = c.get('log');
  const secret = deps.config.DODO_WEBHOOK_SECRET;
  if (!secret) throw new AppError('not_found', 'Dodo Payments webhooks are not enabled on this server');
  const verifier = verifierFor(secret);
  const rawBody = await c.req.text();
  const webhookId = c.req.header('webhook-id') ?? '';
  let verified: unknown;
  try {
    verified = verifier.verify(rawBody, {
      'webhook-id': webhookId,
      'webhook-timestamp': c.req.header('webhook-timestamp') ?? '',
      'webhook-signature': c.req.header('webhook-signature') ?? '',
    });
  } catch {
    log.warn({ source: 'dodo', webhookId }, 'webhook signature rejected');
    throw new AppError('invalid_signature', 'Invalid or stale Standard Webhooks signature');
  }
  const envelope = dodoEnvelopeSchema.safeParse(verified);
  if (!envelope.success) throw new AppError('bad_request', 'Not a Dodo Payments event');
  const dataSchema = dodoDataSchemas[envelope.data.type];
  if (dataSchema && !dataSchema.safeParse(envelope.data.data).success) {
    throw new AppError('bad_request', `Malformed ${envelope.data.type} payload`);
  }
  const stored = await storeWebhookEvent(deps, {
    source: 'dodo',
    eventType: envelope.data.type,
    externalId: webhookId,
    payload: verified,
  });
  log.info({ source: 'dodo', type: envelope.data.type, duplicate: stored.duplicate }, 'webhook received');
  return c.json({ received: true, duplicate: stored.duplicate }, 200);
});
