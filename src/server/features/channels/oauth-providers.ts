import { linkedInOAuth } from './linkedin-oauth.ts';
import type { OAuthProvider } from './oauth-provider.ts';
import { xOAuth } from './x-oauth.ts';

export const oauthProviderKinds = ['x', 'linkedin'] as const;
export type OAuthProviderKind = (typeof oauthProviderKinds)[number];

/** The OAuth side of a channel kind; undefined for kinds without one (webhooks). */
export function oauthProviderFor(kind: string): OAuthProvider | undefined {
  if (kind === 'x') return xOAuth;
  if (kind === 'linkedin') return linkedInOAuth;
  return undefined;
}
