import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approveAtFake, connectThroughFake, platformEnv } from '../../../../test/channel-connect.ts';
import { type FakeLinkedIn, startFakeLinkedIn } from '../../../../test/fakes/fake-linkedin.ts';
import { type FakeX, startFakeX } from '../../../../test/fakes/fake-x.ts';
import { createTestApp, json, signUp, type TestApp } from '../../../../test/harness.ts';
import { oauthStates } from './channels.table.ts';

// Connecting LinkedIn as a member or as pages, against the local fake (PKCE on: the fake then insists
// on the verifier); and what connecting answers on a server without client ids.

let x: FakeX;
let linkedIn: FakeLinkedIn;
let t: TestApp;
let owner: Awaited<ReturnType<typeof signUp>>;

beforeAll(async () => {
  x = await startFakeX();
  linkedIn = await startFakeLinkedIn({ requirePkce: true });
  t = await createTestApp({ workers: false, env: platformEnv(x, linkedIn, { LINKEDIN_PKCE: 'true' }) });
  owner = await signUp(t, 'owner@linkedin-connect.example', 'Olga Owner');
});
afterAll(async () => {
  await t.close();
  await x.close();
  await linkedIn.close();
});

async function listChannels(workspaceId: string, cookie: string) {
  const response = await t.call('GET', `/api/v1/workspaces/${workspaceId}/channels`, { cookie });
  expect(response.status).toBe(200);
  return (await json<{ items: Array<Record<string, unknown>> }>(response)).items;
}

describe('connecting LinkedIn', () => {
  it('a member connects as themselves, with PKCE when LINKEDIN_PKCE is on', async () => {
    const person = await signUp(t, 'member-li@channels.example', 'Lina');
    const { authorizeUrl, callbackPath } = await approveAtFake(
      t,
      person.cookie,
      person.workspaceId,
      'linkedin',
    );
    expect(authorizeUrl.searchParams.get('scope')).toBe('openid profile w_member_social');
    expect(authorizeUrl.searchParams.get('code_challenge_method')).toBe('S256');
    const response = await t.call('GET', callbackPath, { cookie: person.cookie });
    expect(response.headers.get('location')).toContain('connected=linkedin');
    const items = await listChannels(person.workspaceId, person.cookie);
    expect(items).toMatchObject([
      { kind: 'linkedin', name: 'Lina Member', authorUrn: `urn:li:person:${linkedIn.member.sub}` },
    ]);
  });

  it('connecting as an organization adds the chosen page, or every page the member administers', async () => {
    const person = await signUp(t, 'org-li@channels.example', 'Orla');
    const { authorizeUrl } = await approveAtFake(t, person.cookie, person.workspaceId, 'linkedin', {
      as: 'organization',
    });
    expect(authorizeUrl.searchParams.get('scope')).toContain('w_organization_social r_organization_admin');
    await connectThroughFake(t, person.cookie, person.workspaceId, 'linkedin', {
      as: 'organization',
      organizationId: '1002',
    });
    expect(await listChannels(person.workspaceId, person.cookie)).toMatchObject([
      { name: 'Herald Studio', authorUrn: 'urn:li:organization:1002', externalAccountName: 'herald-studio' },
    ]);
    await connectThroughFake(t, person.cookie, person.workspaceId, 'linkedin', { as: 'organization' });
    const names = (await listChannels(person.workspaceId, person.cookie)).map((c) => c.name).sort();
    expect(names).toEqual(['Herald Bakery', 'Herald Studio']);
  });

  it('a page the member does not administer sends them back with a clear error', async () => {
    const person = await signUp(t, 'not-admin-li@channels.example', 'Nadia');
    const back = await connectThroughFake(t, person.cookie, person.workspaceId, 'linkedin', {
      as: 'organization',
      organizationId: '999',
    });
    expect(back.searchParams.get('error')).toBe('account_lookup_failed');
    expect(back.searchParams.get('message')).toBe('You are not an administrator of the LinkedIn page 999');
    expect(await listChannels(person.workspaceId, person.cookie)).toEqual([]);
  });

  it('an organization id without "as": "organization" is a 422', async () => {
    const response = await t.call(
      'POST',
      `/api/v1/workspaces/${owner.workspaceId}/channels/connect/linkedin`,
      {
        cookie: owner.cookie,
        body: { organizationId: '1001' },
      },
    );
    expect(response.status).toBe(422);
  });
});

describe('without a client id and secret', () => {
  it('connecting answers 503 not_configured and writes nothing', async () => {
    const bare = await createTestApp({ workers: false });
    try {
      const user = await signUp(bare, 'bare@channels.example');
      for (const [kind, body] of [
        ['x', undefined],
        ['linkedin', {}],
      ] as const) {
        const response = await bare.call(
          'POST',
          `/api/v1/workspaces/${user.workspaceId}/channels/connect/${kind}`,
          {
            cookie: user.cookie,
            body,
          },
        );
        expect(response.status).toBe(503);
        expect((await json<{ error: { code: string } }>(response)).error.code).toBe('not_configured');
      }
      expect(await bare.deps.db.select().from(oauthStates)).toEqual([]);
    } finally {
      await bare.close();
    }
  });
});
