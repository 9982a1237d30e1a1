import { Hono } from 'hono';
import { Webhook } from 'svix';
import type { AppEnv } from '../../../app-context.ts';
import { AppError } from '../../../platform/errors.ts';
import { storeWebhookEvent, type WebhookHandler } from '../webhooks.service.ts';
import { clerkDataSchemas, clerkEnvelopeSchema, clerkUserSchema, primaryEmailOf } from './clerk.schemas.ts';
import { handleClerkMembershipCreated } from './membership-created.ts';
import { handleClerkOrganizationCreated } from './organization-created.ts';
import { handleClerkUserCreated } from './user-created.ts';
import { handleClerkUserDeleted } from './user-deleted.ts';
import { handleClerkUserUpdated } from './user-updated.ts';

export const clerkHandlers: Record<string, WebhookHandler> = {
  'user.created': handleClerkUserCreated,
  'user.updated': handleClerkUserUpdated,
  'user.deleted': handleClerkUserDeleted,
  'organization.created': handleClerkOrganizationCreated,
  'organizationMembership.created': (tx, payload) => handleClerkMembershipCreated(tx, payload),
};

export const clerkWebhookRouter = new Hono<AppEnv>();

// Verify over the raw body (svix), validate, store, queue, answer 200. Nothing is written for a bad
// signature or a payload Herald cannot use.
clerkWebhookRouter.post('/clerk', async (c) => {
  const { config, log } = c.get('deps');
  if (!config.CLERK_WEBHOOK_SECRET)
    throw new AppError('not_found', 'Clerk webhooks are not enabled on this server');
  const rawBody = await c.req.text();
  const svixId = c.req.header('svix-id');
  try {
    // svix 2 only verifies (signature and timestamp tolerance); it no longer returns the parsed body.
    new Webhook(config.CLERK_WEBHOOK_SECRET).verify(rawBody, {
      'svix-id': svixId ?? '',
      'svix-timestamp': c.req.header('svix-timestamp') ?? '',
      'svix-signature': c.req.header('svix-signature') ?? '',
    });
  } catch {
    c.get('log').warn({ source: 'clerk', svixId }, 'webhook signature rejected');
    throw new AppError('invalid_signature', 'Invalid or stale webhook signature');
  }
  let verified: unknown;
  try {
    verified = JSON.parse(rawBody);
  } catch {
    throw new AppError('bad_request', 'The webhook body is not JSON');
  }
  const envelope = clerkEnvelopeSchema.safeParse(verified);
  if (!envelope.success || !svixId) throw new AppError('bad_request', 'Not a Clerk event');
  const dataSchema = clerkDataSchemas[envelope.data.type];
  if (dataSchema) {
    const data = dataSchema.safeParse(envelope.data.data);
    if (!data.success) throw new AppError('bad_request', `Malformed ${envelope.data.type} payload`);
    // Herald's users need an address: an event without one would fail on every retry.
    const isUserEvent = envelope.data.type === 'user.created' || envelope.data.type === 'user.updated';
    if (isUserEvent && !primaryEmailOf(clerkUserSchema.parse(envelope.data.data))) {
      throw new AppError('bad_request', 'The user has no email address');
    }
  }
  const stored = await storeWebhookEvent(c.get('deps'), {
    source: 'clerk',
    eventType: envelope.data.type,
    externalId: svixId,
    payload: verified,
  });
  log.info({ source: 'clerk', type: envelope.data.type, duplicate: stored.duplicate }, 'webhook received');
  return c.json({ received: true, duplicate: stored.duplicate }, 200);
});
