import type { Actor } from '../../app-context.ts';
import type { Config } from '../../config.ts';
import { decryptSecret, encryptSecret } from '../../platform/crypto.ts';
import { AppError } from '../../platform/errors.ts';
import { type AuditContext, recordAudit } from '../audit/audit.service.ts';
import { authorizeWorkspace, type WorkspaceAccess } from '../workspaces/workspace-access.ts';
import type { ChannelDeps } from './channel-tokens.ts';
import {
  consumeOAuthState,
  countChannelRows,
  countPendingOAuthStates,
  deleteExpiredOAuthStates,
  findAccountChannel,
  findOAuthState,
  insertChannelRow,
  insertOAuthState,
  updateChannelRow,
} from './channels.queries.ts';
import { codeChallengeOf, newCodeVerifier, newOAuthState } from './oauth-pkce.ts';
import type { ConnectedAccount, ConnectOptions, OAuthProvider } from './oauth-provider.ts';
import { type OAuthProviderKind, oauthProviderFor } from './oauth-providers.ts';
import type { TokenSet } from './oauth-token.ts';

/** How long a started connection may take, consent page included. */
export const oauthStateTtlMs = 10 * 60_000;
/** Connections a workspace may have started and not finished at once. */
export const maxPendingConnections = 20;
export const maxChannelsPerWorkspace = 50;

const settingPrefix: Record<OAuthProviderKind, string> = { x: 'X', linkedin: 'LINKEDIN' };

export function oauthRedirectUri(config: Config, kind: OAuthProviderKind): string {
  return `${config.publicUrl}/api/oauth/${kind}/callback`;
}

function configuredProvider(config: Config, kind: OAuthProviderKind): OAuthProvider {
  const provider = oauthProviderFor(kind);
  if (!provider?.isConfigured(config)) {
    const prefix = settingPrefix[kind];
    throw new AppError(
      'not_configured',
      `Connecting ${provider?.label ?? kind} is not configured on this Herald: set ${prefix}_CLIENT_ID and ${prefix}_CLIENT_SECRET`,
    );
  }
  return provider;
}

/** Records the state and the PKCE verifier (encrypted), and returns the consent page to send the person to. */
export async function startConnect(
  deps: ChannelDeps,
  access: WorkspaceAccess,
  userId: string,
  kind: OAuthProviderKind,
  options: ConnectOptions,
): Promise<{ authorizeUrl: string }> {
  const provider = configuredProvider(deps.config, kind);
  const now = deps.clock.now();
  if ((await countChannelRows(deps.db, access.workspaceId)) >= maxChannelsPerWorkspace) {
    throw new AppError(
      'conflict',
      `A workspace has at most ${maxChannelsPerWorkspace} channels; remove one first`,
    );
  }
  if ((await countPendingOAuthStates(deps.db, access.workspaceId, now)) >= maxPendingConnections) {
    throw new AppError(
      'rate_limited',
      'Too many connections are in progress; finish one or wait ten minutes',
    );
  }
  const state = newOAuthState();
  const verifier = newCodeVerifier();
  await deps.db.transaction(async (tx) => {
    await deleteExpiredOAuthStates(tx, access.workspaceId, now);
    await insertOAuthState(tx, {
      state,
      workspaceId: access.workspaceId,
      userId,
      kind,
      codeVerifierEncrypted: encryptSecret(deps.encryptionKey, verifier),
      options: JSON.stringify(options),
      expiresAt: new Date(now.getTime() + oauthStateTtlMs),
      createdAt: now,
    });
  });
  const authorizeUrl = provider.authorizeUrl(deps.config, {
    state,
    codeChallenge: codeChallengeOf(verifier),
    redirectUri: oauthRedirectUri(deps.config, kind),
    options,
  });
  return { authorizeUrl };
}

function optionsOf(stored: string | null): ConnectOptions {
  try {
    const parsed = JSON.parse(stored ?? '{}') as Partial<ConnectOptions>;
    return {
      as: parsed.as === 'organization' ? 'organization' : 'member',
      organizationId: typeof parsed.organizationId === 'string' ? parsed.organizationId : null,
    };
  } catch {
    return { as: 'member', organizationId: null };
  }
}

export interface CallbackInput {
  kind: OAuthProviderKind;
  state: string;
  code?: string;
  error?: string;
}

/**
 * The consent page sent the person back. Unknown, expired or used states are refused (400) before
 * anything else; the state is then deleted (single use) and every later outcome is a redirect to the
 * workspace's channels page, `?connected=<kind>` or `?error=…&message=…`.
 */
export async function completeConnect(
  deps: ChannelDeps,
  audit: AuditContext,
  actor: Actor,
  input: CallbackInput,
): Promise<string> {
  const now = deps.clock.now();
  const pending = await findOAuthState(deps.db, input.state);
  if (!pending || pending.kind !== input.kind) {
    throw new AppError(
      'bad_request',
      'This connection request is unknown or was already used; start again from Channels',
    );
  }
  if (pending.expiresAt.getTime() <= now.getTime()) {
    throw new AppError(
      'bad_request',
      'This connection request expired (they last ten minutes); start again from Channels',
    );
  }
  // Bound to the person who started it: someone else's browser finishing it would hand their
  // account to this workspace.
  if (actor.type !== 'user') {
    throw new AppError(
      'unauthenticated',
      'Sign in to Herald as the person who started connecting, then try again',
    );
  }
  if (actor.userId !== pending.userId) {
    throw new AppError(
      'forbidden',
      'This connection was started by someone else; start your own from Channels',
    );
  }
  const access = await authorizeWorkspace(deps.db, actor, pending.workspaceId, 'manage');
  const consumed = await consumeOAuthState(deps.db, input.state);
  if (!consumed) {
    throw new AppError('bad_request', 'This connection request was already used; start again from Channels');
  }
  const back = (params: Record<string, string>) =>
    `${deps.config.publicUrl}/w/${encodeURIComponent(access.workspaceId)}/channels?${new URLSearchParams(params)}`;
  const provider = configuredProvider(deps.config, input.kind);
  if (input.error || !input.code) {
    return back({ error: input.error?.slice(0, 100) || 'missing_code', provider: input.kind });
  }
  const exchanged = await provider.exchangeCode(deps.config, {
    code: input.code,
    codeVerifier: decryptSecret(deps.decryptionKeys, consumed.codeVerifierEncrypted),
    redirectUri: oauthRedirectUri(deps.config, input.kind),
    now,
  });
  if (!exchanged.ok) {
    return back({ error: 'token_exchange_failed', provider: input.kind, message: exchanged.message });
  }
  let accounts: ConnectedAccount[];
  try {
    accounts = await provider.fetchAccounts(
      deps.config,
      exchanged.tokens.accessToken,
      optionsOf(consumed.options),
    );
  } catch (error) {
    const message = error instanceof Error ? error.message : 'unknown error';
    return back({ error: 'account_lookup_failed', provider: input.kind, message });
  }
  try {
    await saveChannels(deps, audit, access, actor.userId, provider, accounts, exchanged.tokens);
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== 'conflict') throw error;
    return back({ error: 'too_many_channels', provider: input.kind, message: error.message });
  }
  return back({ connected: input.kind });
}

/** One channel per account; an account connected before gets the new tokens instead of a twin. */
async function saveChannels(
  deps: ChannelDeps,
  audit: AuditContext,
  access: WorkspaceAccess,
  userId: string,
  provider: OAuthProvider,
  accounts: ConnectedAccount[],
  tokens: TokenSet,
): Promise<void> {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    let channelCount = await countChannelRows(tx, access.workspaceId);
    for (const account of accounts) {
      const values = {
        name: account.name.slice(0, 200),
        status: 'active' as const,
        externalAccountId: account.externalAccountId,
        externalAccountName: account.externalAccountName,
        authorUrn: account.authorUrn,
        accessTokenEncrypted: encryptSecret(deps.encryptionKey, tokens.accessToken),
        refreshTokenEncrypted: tokens.refreshToken
          ? encryptSecret(deps.encryptionKey, tokens.refreshToken)
          : null,
        tokenExpiresAt: tokens.expiresAt,
        scopes: tokens.scopes,
        lastError: null,
        updatedAt: now,
      };
      const existing = await findAccountChannel(
        tx,
        access.workspaceId,
        provider.kind,
        account.externalAccountId,
        account.authorUrn,
      );
      let channelId = existing?.id;
      if (existing) {
        await updateChannelRow(tx, existing.id, values);
      } else {
        if (channelCount >= maxChannelsPerWorkspace) {
          throw new AppError('conflict', `A workspace has at most ${maxChannelsPerWorkspace} channels`);
        }
        const [row] = await insertChannelRow(tx, {
          ...values,
          workspaceId: access.workspaceId,
          kind: provider.kind,
          createdBy: userId,
          createdAt: now,
        });
        channelId = row?.id;
        channelCount += 1;
      }
      await recordAudit(tx, audit, {
        action: 'channel.connected',
        entityType: 'channel',
        entityId: channelId ?? null,
        workspaceId: access.workspaceId,
        details: {
          kind: provider.kind,
          externalAccountId: account.externalAccountId,
          reconnected: Boolean(existing),
        },
      });
    }
  });
}
