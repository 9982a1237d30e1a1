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

// LinkedIn's 3-legged OAuth 2: the client secret goes in the token request's form. LinkedIn accepts
// PKCE only for apps it has enabled it for (native apps), so the challenge is sent when LINKEDIN_PKCE
// is on; the state parameter and the single-use, expiring oauth_states row protect the flow either way.
// Refresh tokens come only to apps LinkedIn has approved for them; without one, the channel asks to be
// connected again when its token (about 60 days) runs out.
export const linkedInMemberScopes = ['openid', 'profile', 'w_member_social'];
export const linkedInOrganizationScopes = [
  ...linkedInMemberScopes,
  'w_organization_social',
  'r_organization_admin',
];
/** Pages one connection adds at most, so one person administering hundreds cannot flood the list. */
export const maxLinkedInPages = 20;

const userInfoSchema = z.object({ sub: z.string().min(1), name: z.string().optional() });
const aclsSchema = z.object({
  elements: z.array(
    z.object({ organization: z.string(), role: z.string().optional(), state: z.string().optional() }),
  ),
});
const organizationSchema = z.object({
  localizedName: z.string().optional(),
  vanityName: z.string().optional(),
});

export function linkedInRestHeaders(config: Config): Record<string, string> {
  return { 'LinkedIn-Version': config.LINKEDIN_API_VERSION, 'X-Restli-Protocol-Version': '2.0.0' };
}

function clientForm(config: Config) {
  return { client_id: config.LINKEDIN_CLIENT_ID ?? '', client_secret: config.LINKEDIN_CLIENT_SECRET ?? '' };
}

async function fetchMember(config: Config, accessToken: string): Promise<ConnectedAccount> {
  const body = userInfoSchema.safeParse(
    await getWithToken(config, `${trimSlash(config.LINKEDIN_API_BASE_URL)}/v2/userinfo`, accessToken),
  );
  if (!body.success) throw new Error('LinkedIn sent an unexpected answer for the connected member');
  const { sub, name } = body.data;
  return {
    externalAccountId: sub,
    externalAccountName: null,
    name: name || 'LinkedIn member',
    authorUrn: `urn:li:person:${sub}`,
  };
}

async function fetchPages(config: Config, accessToken: string, organizationId: string | null) {
  const api = trimSlash(config.LINKEDIN_API_BASE_URL);
  const acls = aclsSchema.safeParse(
    await getWithToken(
      config,
      `${api}/rest/organizationAcls?q=roleAssignee&role=ADMINISTRATOR&state=APPROVED`,
      accessToken,
      linkedInRestHeaders(config),
    ),
  );
  if (!acls.success) throw new Error('LinkedIn sent an unexpected answer for your pages');
  let ids = [
    ...new Set(
      acls.data.elements
        .map((acl) => /^urn:li:organization:(\d+)$/.exec(acl.organization)?.[1])
        .filter((id): id is string => Boolean(id)),
    ),
  ];
  if (organizationId) {
    if (!ids.includes(organizationId)) {
      throw new Error(`You are not an administrator of the LinkedIn page ${organizationId}`);
    }
    ids = [organizationId];
  }
  if (ids.length === 0) throw new Error('You administer no LinkedIn page');
  const pages: ConnectedAccount[] = [];
  for (const id of ids.slice(0, maxLinkedInPages)) {
    // The name only labels the channel: a page LinkedIn will not describe still connects.
    const page = await getWithToken(
      config,
      `${api}/rest/organizations/${id}`,
      accessToken,
      linkedInRestHeaders(config),
    )
      .then((body) => organizationSchema.safeParse(body).data)
      .catch(() => undefined);
    pages.push({
      externalAccountId: id,
      externalAccountName: page?.vanityName ?? null,
      name: page?.localizedName || `LinkedIn page ${id}`,
      authorUrn: `urn:li:organization:${id}`,
    });
  }
  return pages;
}

export const linkedInOAuth: OAuthProvider = {
  kind: 'linkedin',
  label: 'LinkedIn',
  isConfigured: (config) => Boolean(config.LINKEDIN_CLIENT_ID && config.LINKEDIN_CLIENT_SECRET),
  usesPkce: (config) => config.LINKEDIN_PKCE,
  authorizeUrl: (config, { state, codeChallenge, redirectUri, options }) =>
    withQuery(`${trimSlash(config.LINKEDIN_AUTH_BASE_URL)}/authorization`, {
      response_type: 'code',
      client_id: config.LINKEDIN_CLIENT_ID ?? '',
      redirect_uri: redirectUri,
      state,
      scope: (options.as === 'organization' ? linkedInOrganizationScopes : linkedInMemberScopes).join(' '),
      ...(config.LINKEDIN_PKCE ? { code_challenge: codeChallenge, code_challenge_method: 'S256' } : {}),
    }),
  exchangeCode: (config, { code, codeVerifier, redirectUri, now }) =>
    requestTokens(config, {
      url: `${trimSlash(config.LINKEDIN_AUTH_BASE_URL)}/accessToken`,
      form: {
        grant_type: 'authorization_code',
        code,
        redirect_uri: redirectUri,
        ...clientForm(config),
        ...(config.LINKEDIN_PKCE ? { code_verifier: codeVerifier } : {}),
      },
      now,
    }),
  refresh: (config, refreshToken, now) =>
    requestTokens(config, {
      url: `${trimSlash(config.LINKEDIN_AUTH_BASE_URL)}/accessToken`,
      form: { grant_type: 'refresh_token', refresh_token: refreshToken, ...clientForm(config) },
      now,
    }),
  async fetchAccounts(config, accessToken, options) {
    if (options.as === 'organization') return fetchPages(config, accessToken, options.organizationId);
    return [await fetchMember(config, accessToken)];
  },
};
