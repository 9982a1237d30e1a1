import type { AppDeps } from '../../app-context.ts';
import { decryptSecret, encryptSecret } from '../../platform/crypto.ts';
import type { Database } from '../../platform/db.ts';
import {
  type ChannelCredentials,
  type PublishFailure,
  publishFailure,
} from '../publishing/publishers/publisher.ts';
import { type ChannelRow, findChannelById, setChannelStatus, updateChannelRow } from './channels.queries.ts';
import { oauthProviderFor } from './oauth-providers.ts';

// The token side of a channel, behind channels.service.ts: decrypting credentials, marking a channel
// that must be connected again, and one refresh with the provider.

/** What the token functions need; AppDeps has it all. */
export type ChannelDeps = Pick<AppDeps, 'db' | 'config' | 'clock' | 'encryptionKey' | 'decryptionKeys'>;

export const providerLabel = (row: ChannelRow) => oauthProviderFor(row.kind)?.label ?? row.kind;

export function credentialsOf(deps: ChannelDeps, row: ChannelRow): ChannelCredentials {
  const reveal = (stored: string | null) => (stored ? decryptSecret(deps.decryptionKeys, stored) : null);
  try {
    return {
      channelId: row.id,
      accessToken: reveal(row.accessTokenEncrypted),
      externalAccountId: row.externalAccountId,
      authorUrn: row.authorUrn,
      webhookUrl: row.webhookUrl,
      webhookSecret: reveal(row.webhookSecretEncrypted),
    };
  } catch {
    throw publishFailure(
      'permanent',
      `The ${providerLabel(row)} channel's stored credentials cannot be decrypted (was ENCRYPTION_KEY changed?); connect it again`,
    );
  }
}

export async function needsReauth(
  deps: ChannelDeps,
  db: Database,
  row: ChannelRow,
  why: string,
): Promise<PublishFailure> {
  const message = `${why}; connect the ${providerLabel(row)} account again`;
  await setChannelStatus(db, row.id, 'needs_reauth', message, deps.clock.now());
  return publishFailure('permanent', message, 401);
}

export function unusable(row: ChannelRow | undefined): PublishFailure | null {
  if (!row) return publishFailure('permanent', 'The channel was removed');
  if (row.status === 'needs_reauth') {
    return publishFailure(
      'permanent',
      row.lastError ?? `The ${providerLabel(row)} account must be connected again`,
      401,
    );
  }
  if (row.status !== 'active') return publishFailure('permanent', 'The channel is disabled');
  return null;
}

export type RefreshOutcome = { credentials: ChannelCredentials } | { failure: PublishFailure };

export async function refreshWith(
  deps: ChannelDeps,
  db: Database,
  channelId: string,
  staleAccessToken: string | null | undefined,
  lock: boolean,
): Promise<RefreshOutcome> {
  const row = await findChannelById(db, channelId, { lock });
  const refused = unusable(row);
  if (refused || !row) return { failure: refused ?? publishFailure('permanent', 'The channel was removed') };
  const provider = oauthProviderFor(row.kind);
  if (!provider) return { credentials: credentialsOf(deps, row) };
  const current = credentialsOf(deps, row);
  // Someone else refreshed since the caller read its token: theirs is the new one (X rotates refresh
  // tokens, so refreshing twice would spend the newest and break the channel).
  if (staleAccessToken !== undefined && current.accessToken !== staleAccessToken)
    return { credentials: current };
  if (!row.refreshTokenEncrypted) {
    return {
      failure: await needsReauth(
        deps,
        db,
        row,
        `${provider.label} gave no refresh token and access has expired`,
      ),
    };
  }
  const now = deps.clock.now();
  const result = await provider.refresh(
    deps.config,
    decryptSecret(deps.decryptionKeys, row.refreshTokenEncrypted),
    now,
  );
  if (!result.ok) {
    if (result.reason === 'rejected') {
      return {
        failure: await needsReauth(
          deps,
          db,
          row,
          `${provider.label} refused to renew access (${result.message})`,
        ),
      };
    }
    if (result.reason === 'misconfigured') {
      return {
        failure: publishFailure(
          'permanent',
          `${provider.label} refused Herald's client credentials: ${result.message}`,
        ),
      };
    }
    return {
      failure: publishFailure('retryable', `${provider.label} could not renew access now: ${result.message}`),
    };
  }
  const { tokens } = result;
  const [updated] = await updateChannelRow(db, row.id, {
    accessTokenEncrypted: encryptSecret(deps.encryptionKey, tokens.accessToken),
    // Providers that do not rotate send no new refresh token: the old one stays valid.
    refreshTokenEncrypted: tokens.refreshToken
      ? encryptSecret(deps.encryptionKey, tokens.refreshToken)
      : row.refreshTokenEncrypted,
    tokenExpiresAt: tokens.expiresAt,
    scopes: tokens.scopes ?? row.scopes,
    lastError: null,
    updatedAt: now,
  });
  return { credentials: credentialsOf(deps, updated ?? row) };
}
