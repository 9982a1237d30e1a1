import { createHash, timingSafeEqual } from 'node:crypto';
import { Hono } from 'hono';
import type { AppEnv } from '../../../../app-context.ts';
import { AppError } from '../../../../platform/errors.ts';
import { storeWebhookEvent, type WebhookHandler } from '../../../webhooks/webhooks.service.ts';
import { asaasEnvelopeSchema, asaasObjectSchemas } from './asaas.schemas.ts';
import { handleAsaasPaymentConfirmed } from './payment-confirmed.ts';
import { handleAsaasPaymentOverdue } from './payment-overdue.ts';
import { handleAsaasPaymentReceived } from './payment-received.ts';
import { handleAsaasSubscriptionCreated } from './subscription-created.ts';
import { handleAsaasSubscriptionDeleted } from './subscription-deleted.ts';
import { handleAsaasSubscriptionInactivated } from './subscription-inactivated.ts';
import { handleAsaasSubscriptionUpdated } from './subscription-updated.ts';

export const asaasHandlers: Record<string, WebhookHandler> = {
  PAYMENT_CONFIRMED: handleAsaasPaymentConfirmed,
  PAYMENT_RECEIVED: handleAsaasPaymentReceived,
  PAYMENT_OVERDUE: handleAsaasPaymentOverdue,
  SUBSCRIPTION_CREATED: handleAsaasSubscriptionCreated,
  SUBSCRIPTION_UPDATED: handleAsaasSubscriptionUpdated,
  SUBSCRIPTION_INACTIVATED: handleAsaasSubscriptionInactivated,
  SUBSCRIPTION_DELETED: handleAsaasSubscriptionDeleted,
};

export const asaasWebhookRouter = new Hono<AppEnv>();

// Hashing first gives equal lengths, so the comparison takes the same time whatever was sent.
function isSameToken(sent: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(sent), digest(expected));
}

// Asaas signs nothing: the token set on the webhook in Asaas comes back in `asaas-access-token`.
// A missing or wrong token is refused before the body is even read.
asaasWebhookRouter.post('/asaas', async (c) => {
  const deps = c.get('deps');
  const log = c.get('log');
  const expected = deps.config.ASAAS_WEBHOOK_TOKEN;
  if (!expected) throw new AppError('not_found', 'Asaas webhooks are not enabled on this server');
  const sent = c.req.header('asaas-access-token');
  if (!sent || !isSameToken(sent, expected)) {
    log.warn({ source: 'asaas' }, 'webhook token rejected');
    throw new AppError('invalid_signature', 'Missing or wrong asaas-access-token');
  }
  let body: unknown;
  try {
    body = JSON.parse(await c.req.text());
  } catch {
    throw new AppError('invalid_json', 'The body is not JSON');
  }
  const envelope = asaasEnvelopeSchema.safeParse(body);
  if (!envelope.success) throw new AppError('bad_request', 'Not an Asaas event');
  const expectedObject = asaasObjectSchemas[envelope.data.event];
  if (
    expectedObject &&
    !expectedObject.schema.safeParse((body as Record<string, unknown>)[expectedObject.key]).success
  ) {
    throw new AppError('bad_request', `Malformed ${envelope.data.event} payload`);
  }
  const stored = await storeWebhookEvent(deps, {
    source: 'asaas',
    eventType: envelope.data.event,
    externalId: envelope.data.id,
    payload: body,
  });
  log.info({ source: 'asaas', type: envelope.data.event, duplicate: stored.duplicate }, 'webhook received');
  return c.json({ received: true, duplicate: stored.duplicate }, 200);
});
