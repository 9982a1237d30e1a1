// Outbound webhook channels (Zapier, Make, n8n): a URL and a per-endpoint signing secret. The secret
// is generated here, shown once (on creation and on rotation) and kept encrypted; the URL is checked
// by the SSRF guard now, so a typo'd or internal address is refused at once, and again on every send.
import { and, count, eq } from 'drizzle-orm';
import type { AppDeps } from '../../app-context.ts';
import { encryptSecret, randomToken } from '../../platform/crypto.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { isBlockedDestination, resolveDestination } from '../../platform/ssrf-guard.ts';
import { type AuditContext, recordAudit } from '../audit/audit.service.ts';
import type { WorkspaceAccess } from '../workspaces/workspace-access.ts';
import { channels } from './channels.table.ts';

export type WebhookChannelDeps = Pick<AppDeps, 'db' | 'config' | 'clock' | 'encryptionKey'>;

export const maxChannelsPerWorkspace = 50;
export const webhookSecretPrefix = 'hwhsec_';

type ChannelRow = typeof channels.$inferSelect;

/** What lists show: the receiver's origin only, since a webhook URL often works as a password. */
export function presentWebhookChannel(row: ChannelRow) {
  let origin: string | null = null;
  try {
    origin = row.webhookUrl ? `${new URL(row.webhookUrl).origin}/…` : null;
  } catch {
    origin = null;
  }
  return {
    id: row.id,
    kind: 'webhook' as const,
    name: row.name,
    status: row.status,
    webhookUrl: origin,
    lastError: row.lastError,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

const urlProblem = (message: string) =>
  new AppError('validation_failed', message, [{ path: 'url', message }]);

/** Refuses URLs the SSRF guard would refuse, and names that do not exist. */
export async function assertDeliverableUrl(deps: Pick<AppDeps, 'config'>, raw: string): Promise<URL> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw urlProblem('Not a URL');
  }
  if (url.username || url.password) throw urlProblem('Put credentials in the receiver, not in the URL');
  try {
    await resolveDestination(url, { allowPrivate: deps.config.OUTBOUND_ALLOW_PRIVATE_NETWORKS });
  } catch (error) {
    if (isBlockedDestination(error)) throw urlProblem(error.message);
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOTFOUND' || code === 'ENODATA') throw urlProblem(`${url.hostname} does not resolve`);
    // A temporary DNS failure: the address is checked again on every delivery anyway.
  }
  return url;
}

function newSecret(deps: WebhookChannelDeps) {
  const secret = `${webhookSecretPrefix}${randomToken(32)}`;
  return { secret, encrypted: encryptSecret(deps.encryptionKey, secret) };
}

export async function createWebhookChannel(
  deps: WebhookChannelDeps,
  audit: AuditContext,
  access: WorkspaceAccess,
  input: { name: string; url: string; createdBy: string | null },
) {
  const url = await assertDeliverableUrl(deps, input.url);
  const { secret, encrypted } = newSecret(deps);
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const [existing] = await tx
      .select({ n: count() })
      .from(channels)
      .where(eq(channels.workspaceId, access.workspaceId));
    if ((existing?.n ?? 0) >= maxChannelsPerWorkspace) {
      throw new AppError('conflict', `A workspace has at most ${maxChannelsPerWorkspace} channels`);
    }
    const [row] = await tx
      .insert(channels)
      .values({
        workspaceId: access.workspaceId,
        kind: 'webhook',
        name: input.name,
        webhookUrl: url.toString(),
        webhookSecretEncrypted: encrypted,
        createdBy: input.createdBy,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (!row) throw new Error('channel not created');
    await recordAudit(tx, audit, {
      action: 'channel.created',
      entityType: 'channel',
      entityId: row.id,
      workspaceId: access.workspaceId,
      details: { kind: 'webhook', host: url.host },
    });
    return { channel: presentWebhookChannel(row), secret };
  });
}

export async function rotateWebhookSecret(
  deps: WebhookChannelDeps,
  audit: AuditContext,
  access: WorkspaceAccess,
  channelId: string,
) {
  const { secret, encrypted } = newSecret(deps);
  return deps.db.transaction(async (tx) => {
    const [row] = await tx
      .update(channels)
      .set({ webhookSecretEncrypted: encrypted, updatedAt: deps.clock.now() })
      .where(
        and(
          eq(channels.id, channelId),
          eq(channels.workspaceId, access.workspaceId),
          eq(channels.kind, 'webhook'),
        ),
      )
      .returning();
    if (!row) throw notFound('Webhook channel');
    await recordAudit(tx, audit, {
      action: 'channel.secret_rotated',
      entityType: 'channel',
      entityId: row.id,
      workspaceId: access.workspaceId,
    });
    return { channel: presentWebhookChannel(row), secret };
  });
}
