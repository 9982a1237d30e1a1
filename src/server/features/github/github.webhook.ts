// POST /webhooks/github/{repositoryId}: each repository has its own secret. The signature
// (X-Hub-Signature-256: HMAC-SHA256 of the raw body) is checked before anything is stored; a bad one
// is 401 and writes nothing but a log line. A good delivery goes to the webhook log
// (storeWebhookEvent, keyed by X-GitHub-Delivery, so a redelivery is a no-op) and is processed by the
// `webhooks.process` job through `githubHandlers`.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { type Context, Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../../app-context.ts';
import { decryptSecret } from '../../platform/crypto.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { storeWebhookEvent, type WebhookHandler } from '../webhooks/webhooks.service.ts';
import { ingestMergedPullRequest } from './github.ingest.ts';
import { mergedPullRequestOf, pullRequestEventSchema } from './github.payloads.ts';
import { findRepositoryById, type RepositoryRow, updateRepositoryRow } from './github.queries.ts';

/** True when `header` is `sha256=<hex>` of the HMAC of exactly these bytes; compared in constant time. */
export function verifyGithubSignature(secret: string, rawBody: Buffer, header: string | undefined): boolean {
  const match = /^sha256=([0-9a-f]{64})$/i.exec(header?.trim() ?? '');
  if (!match?.[1]) return false;
  const expected = createHmac('sha256', secret).update(rawBody).digest();
  return timingSafeEqual(Buffer.from(match[1], 'hex'), expected);
}

// What is stored: the repository the delivery came in for, with GitHub's payload as it was sent.
const storedDeliverySchema = z.object({ repositoryId: z.string(), delivery: z.unknown() });

// A merged PR's title, body or labels can still change; each of these carries the whole PR.
const ingestActions = new Set(['closed', 'edited', 'labeled', 'unlabeled']);

const handlePullRequest: WebhookHandler = async (tx, payload, deps) => {
  const stored = storedDeliverySchema.parse(payload);
  const event = pullRequestEventSchema.parse(stored.delivery);
  if (!ingestActions.has(event.action)) return;
  const pr = mergedPullRequestOf(event.pull_request);
  if (!pr) return;
  // Disconnected since the delivery arrived: nothing to do.
  const repository = await findRepositoryById(tx, stored.repositoryId);
  if (!repository) return;
  await ingestMergedPullRequest(deps, tx, repository, pr);
};

export const githubHandlers: Record<string, WebhookHandler> = {
  pull_request: handlePullRequest,
  // GitHub's hello when the webhook is added; recorded as the repository's last delivery.
  ping: async () => {},
};

export const githubWebhookRouter = new Hono<AppEnv>();

/** A signed delivery Herald cannot use: answered 400, and shown on the repository's webhook status. */
async function refuse(
  c: Context<AppEnv>,
  row: RepositoryRow,
  event: string,
  message: string,
): Promise<never> {
  const deps = c.get('deps');
  await updateRepositoryRow(deps.db, row.id, {
    lastDeliveryAt: deps.clock.now(),
    lastDeliveryEvent: event.slice(0, 100) || 'unknown',
    lastDeliveryError: message,
    // Delivery status is not a change of the repository's settings.
    updatedAt: row.updatedAt,
  });
  throw new AppError('bad_request', message);
}

githubWebhookRouter.post('/github/:repositoryId', async (c) => {
  const deps = c.get('deps');
  const repositoryId = c.req.param('repositoryId');
  const row = repositoryId.length <= 100 ? await findRepositoryById(deps.db, repositoryId) : null;
  if (!row) throw notFound('Repository');
  const rawBody = Buffer.from(await c.req.arrayBuffer());
  const deliveryId = c.req.header('x-github-delivery')?.trim() ?? '';
  if (
    !verifyGithubSignature(
      decryptSecret(deps.decryptionKeys, row.webhookSecretEncrypted),
      rawBody,
      c.req.header('x-hub-signature-256'),
    )
  ) {
    c.get('log').warn(
      { source: 'github', repositoryId, deliveryId: deliveryId.slice(0, 100) },
      'webhook signature rejected',
    );
    throw new AppError('invalid_signature', 'Invalid or missing X-Hub-Signature-256');
  }
  const eventName = c.req.header('x-github-event')?.trim() ?? '';
  if (!/^[a-z_]{1,64}$/.test(eventName))
    return refuse(c, row, eventName, 'Missing or unknown X-GitHub-Event');
  if (!/^[A-Za-z0-9-]{1,100}$/.test(deliveryId))
    return refuse(c, row, eventName, 'Missing or malformed X-GitHub-Delivery');
  let payload: unknown;
  try {
    payload = JSON.parse(rawBody.toString('utf8'));
  } catch {
    return refuse(c, row, eventName, 'The body is not JSON (set the content type to application/json)');
  }
  let label = eventName;
  if (eventName === 'pull_request') {
    const event = pullRequestEventSchema.safeParse(payload);
    if (!event.success) return refuse(c, row, eventName, 'Not a pull_request payload Herald can read');
    label = `pull_request.${event.data.action}`;
    const fromRepository = String(event.data.repository.id);
    if (
      row.githubId
        ? fromRepository !== row.githubId
        : event.data.repository.full_name.toLowerCase() !== row.fullName.toLowerCase()
    ) {
      return refuse(
        c,
        row,
        label,
        `This delivery is for ${event.data.repository.full_name.slice(0, 200)}, not ${row.fullName}`,
      );
    }
  }
  if (eventName === 'issues') {
    // The roadmap's deliveries (features/roadmap reads them): shown as `issues.<action>`.
    const action = (payload as { action?: unknown } | null)?.action;
    if (typeof action === 'string' && /^[a-z_]{1,50}$/.test(action)) label = `issues.${action}`;
  }
  const stored = await storeWebhookEvent(deps, {
    source: 'github',
    eventType: eventName,
    externalId: deliveryId,
    payload: { repositoryId: row.id, delivery: payload },
  });
  await updateRepositoryRow(deps.db, row.id, {
    lastDeliveryAt: deps.clock.now(),
    lastDeliveryEvent: label,
    lastDeliveryError: null,
    updatedAt: row.updatedAt,
  });
  deps.log.info(
    { source: 'github', type: label, repositoryId, duplicate: stored.duplicate },
    'webhook received',
  );
  return c.json({ received: true, duplicate: stored.duplicate }, 200);
});
