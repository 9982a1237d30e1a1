import type { Database } from '../../platform/db.ts';
import { notFound } from '../../platform/errors.ts';
import { type AuditContext, recordAudit } from '../audit/audit.service.ts';
import {
  type ChannelCredentials,
  isPublishFailure,
  type PublishFailure,
  publishFailure,
} from '../publishing/publishers/publisher.ts';
import type { WorkspaceAccess } from '../workspaces/workspace-access.ts';
import {
  type ChannelDeps,
  credentialsOf,
  needsReauth,
  providerLabel,
  refreshWith,
  unusable,
} from './channel-tokens.ts';
import { type ChannelRow, deleteChannelRow, findChannelById, listChannelRows } from './channels.queries.ts';

export type { ChannelDeps };

/** A token expiring sooner than this is refreshed before it is handed out. */
export const tokenRefreshMarginMs = 60_000;

// A webhook URL (a Zapier catch hook, say) works as a password for whoever holds it: lists show its
// origin only.
function webhookOriginOf(url: string | null): string | null {
  if (!url) return null;
  try {
    return `${new URL(url).origin}/…`;
  } catch {
    return null;
  }
}

/** Never the tokens or the webhook secret. */
export function presentChannel(row: ChannelRow) {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    status: row.status,
    externalAccountId: row.externalAccountId,
    externalAccountName: row.externalAccountName,
    authorUrn: row.authorUrn,
    scopes: row.scopes,
    tokenExpiresAt: row.tokenExpiresAt?.toISOString() ?? null,
    webhookUrl: webhookOriginOf(row.webhookUrl),
    lastError: row.lastError,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export async function listChannels(db: Database, access: WorkspaceAccess) {
  return (await listChannelRows(db, access.workspaceId)).map(presentChannel);
}

export async function deleteChannel(
  db: Database,
  audit: AuditContext,
  access: WorkspaceAccess,
  channelId: string,
) {
  await db.transaction(async (tx) => {
    const row = await deleteChannelRow(tx, access.workspaceId, channelId);
    if (!row) throw notFound('Channel');
    await recordAudit(tx, audit, {
      action: 'channel.deleted',
      entityType: 'channel',
      entityId: row.id,
      workspaceId: access.workspaceId,
      details: { kind: row.kind, externalAccountId: row.externalAccountId },
    });
  });
}

const refreshesInFlight = new Map<string, Promise<ChannelCredentials>>();

/**
 * Renews the channel's access token with its refresh token and stores both encrypted. One refresh per
 * channel at a time: in this process by sharing the running one, across servers (PostgreSQL) by a row
 * lock. With `staleAccessToken`, a channel whose token already changed is not refreshed again.
 * Throws a PublishFailure: `permanent` when the channel now needs to be connected again (status
 * `needs_reauth`) or is unusable, `retryable` when the platform cannot answer now.
 */
export function refreshChannelToken(
  deps: ChannelDeps,
  channelId: string,
  options: { staleAccessToken?: string | null } = {},
): Promise<ChannelCredentials> {
  const running = refreshesInFlight.get(channelId);
  if (running) return running;
  // PGlite is one connection owned by this process (the in-process guard suffices); holding its only
  // connection in a transaction during an HTTP call would stall every other query.
  const outcome = deps.config.isEmbedded
    ? refreshWith(deps, deps.db, channelId, options.staleAccessToken, false)
    : deps.db.transaction((tx) => refreshWith(deps, tx, channelId, options.staleAccessToken, true));
  const promise = outcome
    .then((result) => {
      if ('failure' in result) throw result.failure;
      return result.credentials;
    })
    .finally(() => refreshesInFlight.delete(channelId));
  refreshesInFlight.set(channelId, promise);
  return promise;
}

/**
 * The credentials a publisher needs, refreshed first when the token expires within a minute.
 * Throws a PublishFailure (`permanent` for a removed, disabled or disconnected channel).
 */
export async function getChannelCredentials(
  deps: ChannelDeps,
  channelId: string,
): Promise<ChannelCredentials> {
  const row = await findChannelById(deps.db, channelId);
  const refused = unusable(row);
  if (refused || !row) throw refused ?? publishFailure('permanent', 'The channel was removed');
  const credentials = credentialsOf(deps, row);
  const expiresAt = row.tokenExpiresAt?.getTime();
  if (expiresAt === undefined || expiresAt - deps.clock.now().getTime() > tokenRefreshMarginMs)
    return credentials;
  if (row.refreshTokenEncrypted) {
    return refreshChannelToken(deps, channelId, { staleAccessToken: credentials.accessToken });
  }
  if (expiresAt > deps.clock.now().getTime()) return credentials;
  throw await needsReauth(deps, deps.db, row, `The ${providerLabel(row)} access has expired`);
}

/**
 * Runs `call` with fresh credentials; when the platform answers `auth` (401), refreshes once. With
 * nothing landed, `call` runs again at once. With progress (a thread's first tweets are out), running
 * the same call again would start over, so the failure comes back as retryable with that progress and
 * retryAfterMs 0: the caller records it and resumes from it with the renewed token. A renewed token
 * refused too means access was revoked: the channel needs to be connected again.
 */
export async function withChannelCredentials<T>(
  deps: ChannelDeps,
  channelId: string,
  call: (credentials: ChannelCredentials) => Promise<T>,
): Promise<T> {
  const credentials = await getChannelCredentials(deps, channelId);
  const isAuth = (error: unknown): error is PublishFailure =>
    isPublishFailure(error) && error.kind === 'auth';
  try {
    return await call(credentials);
  } catch (error) {
    if (!isAuth(error)) throw error;
    const fresh = await refreshChannelToken(deps, channelId, { staleAccessToken: credentials.accessToken });
    if (error.progress) {
      throw publishFailure(
        'retryable',
        `${error.message} (access renewed; resuming)`,
        error.httpStatus,
        0,
        error.progress,
      );
    }
    try {
      return await call(fresh);
    } catch (retryError) {
      if (!isAuth(retryError)) throw retryError;
      const row = await findChannelById(deps.db, channelId);
      if (!row) throw retryError;
      const revoked = await needsReauth(
        deps,
        deps.db,
        row,
        `${providerLabel(row)} refused the renewed access`,
      );
      throw publishFailure('permanent', revoked.message, 401, null, retryError.progress);
    }
  }
}
