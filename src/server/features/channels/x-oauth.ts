import { z } from 'zod';
import type { Config } from '../../config.ts';
import {
  type ConnectedAccount,
  getWithToken,
  type OAuthProvider,
  trimSlash,
  withQuery,
} from './oauth-provider.ts';
import { requestTokens } from './oauth-token.ts';

// X API v2, OAuth 2.0 Authorization Code with PKCE as a confidential client: the token endpoint takes
// HTTP Basic with the client id and secret. offline.access is what makes X issue a refresh token; X
// rotates it on every refresh, so only the newest one works.
export const xScopes = ['tweet.read', 'tweet.write', 'users.read', 'offline.access'];

const meSchema = z.object({
  data: z.object({ id: z.string().min(1), name: z.string(), username: z.string() }),
});

function clientOf(config: Config) {
  return { clientId: config.X_CLIENT_ID ?? '', clientSecret: config.X_CLIENT_SECRET ?? '' };
}

export const xOAuth: OAuthProvider = {
  kind: 'x',
  label: 'X',
  isConfigured: (config) => Boolean(config.X_CLIENT_ID && config.X_CLIENT_SECRET),
  usesPkce: () => true,
  authorizeUrl: (config, { state, codeChallenge, redirectUri }) =>
    withQuery(config.X_AUTHORIZE_URL, {
      response_type: 'code',
      client_id: clientOf(config).clientId,
      redirect_uri: redirectUri,
      scope: xScopes.join(' '),
      state,
      code_challenge: codeChallenge,
      code_challenge_method: 'S256',
    }),
  exchangeCode: (config, { code, codeVerifier, redirectUri, now }) =>
    requestTokens(config, {
      url: `${trimSlash(config.X_API_BASE_URL)}/2/oauth2/token`,
      form: {
        grant_type: 'authorization_code',
        code,
        redirect_uri: redirectUri,
        code_verifier: codeVerifier,
        client_id: clientOf(config).clientId,
      },
      basicAuth: clientOf(config),
      now,
    }),
  refresh: (config, refreshToken, now) =>
    requestTokens(config, {
      url: `${trimSlash(config.X_API_BASE_URL)}/2/oauth2/token`,
      form: {
        grant_type: 'refresh_token',
        refresh_token: refreshToken,
        client_id: clientOf(config).clientId,
      },
      basicAuth: clientOf(config),
      now,
    }),
  async fetchAccounts(config, accessToken): Promise<ConnectedAccount[]> {
    const body = meSchema.safeParse(
      await getWithToken(config, `${trimSlash(config.X_API_BASE_URL)}/2/users/me`, accessToken),
    );
    if (!body.success) throw new Error('X sent an unexpected answer for the connected account');
    const { id, name, username } = body.data.data;
    return [
      {
        externalAccountId: id,
        externalAccountName: `@${username}`,
        name: name || `@${username}`,
        authorUrn: null,
      },
    ];
  },
};
