import type { FakeLinkedIn } from './fakes/fake-linkedin.ts';
import type { FakeX } from './fakes/fake-x.ts';
import { json, type TestApp } from './harness.ts';

/** Settings pointing Herald's X and LinkedIn clients at the fakes (loopback, so private networks are allowed). */
export function platformEnv(x: FakeX, linkedIn: FakeLinkedIn, extra: Record<string, string> = {}) {
  return {
    X_CLIENT_ID: x.clientId,
    X_CLIENT_SECRET: x.clientSecret,
    X_API_BASE_URL: x.url,
    X_AUTHORIZE_URL: `${x.url}/i/oauth2/authorize`,
    LINKEDIN_CLIENT_ID: linkedIn.clientId,
    LINKEDIN_CLIENT_SECRET: linkedIn.clientSecret,
    LINKEDIN_API_BASE_URL: linkedIn.url,
    LINKEDIN_AUTH_BASE_URL: `${linkedIn.url}/oauth/v2`,
    OUTBOUND_ALLOW_PRIVATE_NETWORKS: 'true',
    ...extra,
  };
}

/** Starts connecting, lets the fake's consent page approve, and returns the callback path it redirects to. */
export async function approveAtFake(
  t: TestApp,
  cookie: string,
  workspaceId: string,
  kind: 'x' | 'linkedin',
  body?: unknown,
): Promise<{ authorizeUrl: URL; callbackPath: string }> {
  const started = await t.call('POST', `/api/v1/workspaces/${workspaceId}/channels/connect/${kind}`, {
    cookie,
    body: body ?? (kind === 'linkedin' ? {} : undefined),
  });
  if (started.status !== 200) throw new Error(`connect answered ${started.status}: ${await started.text()}`);
  const { authorizeUrl } = await json<{ authorizeUrl: string }>(started);
  const consent = await fetch(authorizeUrl, { redirect: 'manual' });
  const location = consent.headers.get('location');
  if (consent.status !== 302 || !location) throw new Error(`consent answered ${consent.status}`);
  const callback = new URL(location);
  return { authorizeUrl: new URL(authorizeUrl), callbackPath: `${callback.pathname}${callback.search}` };
}

/** The whole connect flow; returns the callback's redirect target. */
export async function connectThroughFake(
  t: TestApp,
  cookie: string,
  workspaceId: string,
  kind: 'x' | 'linkedin',
  body?: unknown,
): Promise<URL> {
  const { callbackPath } = await approveAtFake(t, cookie, workspaceId, kind, body);
  const response = await t.call('GET', callbackPath, { cookie });
  if (response.status !== 302)
    throw new Error(`callback answered ${response.status}: ${await response.text()}`);
  return new URL(response.headers.get('location') ?? '');
}
