import type { Config } from '../../config.ts';
import { outboundRequest } from '../../platform/outbound-request.ts';
import type { TokenResult } from './oauth-token.ts';

/** The account (or LinkedIn page) a connection publishes as; one channel each. */
export interface ConnectedAccount {
  externalAccountId: string;
  /** @handle on X, the page's vanity name on LinkedIn, when there is one. */
  externalAccountName: string | null;
  name: string;
  authorUrn: string | null;
}

export interface ConnectOptions {
  as: 'member' | 'organization';
  organizationId: string | null;
}

export interface OAuthProvider {
  kind: 'x' | 'linkedin';
  label: string;
  isConfigured(config: Config): boolean;
  /** Whether the consent page gets a PKCE challenge (and the token request its verifier). */
  usesPkce(config: Config): boolean;
  authorizeUrl(
    config: Config,
    input: { state: string; codeChallenge: string; redirectUri: string; options: ConnectOptions },
  ): string;
  exchangeCode(
    config: Config,
    input: { code: string; codeVerifier: string; redirectUri: string; now: Date },
  ): Promise<TokenResult>;
  refresh(config: Config, refreshToken: string, now: Date): Promise<TokenResult>;
  /** Throws an Error whose message can be shown to the person connecting. */
  fetchAccounts(config: Config, accessToken: string, options: ConnectOptions): Promise<ConnectedAccount[]>;
}

export function withQuery(base: string, params: Record<string, string>): string {
  const url = new URL(base);
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  return url.toString();
}

export function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

/** A GET with the person's token, for reading their profile while connecting. */
export async function getWithToken(
  config: Config,
  url: string,
  accessToken: string,
  headers: Record<string, string> = {},
): Promise<unknown> {
  const response = await outboundRequest(config, url, {
    method: 'GET',
    headers: { authorization: `Bearer ${accessToken}`, accept: 'application/json', ...headers },
    timeoutMs: 15_000,
  });
  if (response.status !== 200) {
    throw new Error(`${new URL(url).pathname} answered ${response.status}`);
  }
  return response.json;
}
