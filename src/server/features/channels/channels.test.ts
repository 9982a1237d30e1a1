import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKeyFor, inviteWithToken } from '../../../../test/api-surface.ts';
import { approveAtFake, connectThroughFake, platformEnv } from '../../../../test/channel-connect.ts';
import { type FakeLinkedIn, startFakeLinkedIn } from '../../../../test/fakes/fake-linkedin.ts';
import { type FakeX, startFakeX } from '../../../../test/fakes/fake-x.ts';
import { s256 } from '../../../../test/fakes/platform-fake.ts';
import { createTestApp, json, signUp, type TestApp } from '../../../../test/harness.ts';
import { createManualClock } from '../../platform/clock.ts';
import { decryptSecret } from '../../platform/crypto.ts';
import { auditLogs } from '../audit/audit.table.ts';
import { channels, oauthStates } from './channels.table.ts';

// SPEC §4 / issue 5: connecting X and LinkedIn with OAuth 2 + PKCE against local fakes.

const clock = createManualClock(new Date());
let x: FakeX;
let linkedIn: FakeLinkedIn;
let t: TestApp;
let owner: Awaited<ReturnType<typeof signUp>>;

beforeAll(async () => {
  x = await startFakeX();
  linkedIn = await startFakeLinkedIn();
  t = await createTestApp({
    clock,
    workers: false,
    env: platformEnv(x, linkedIn),
  });
  owner = await signUp(t, 'owner@channels.example', 'Olga Owner');
});
afterAll(async () => {
  await t.close();
  await x.close();
  await linkedIn.close();
});

type ChannelItem = {
  id: string;
  kind: string;
  name: string;
  status: string;
  authorUrn: string | null;
} & Record<string, unknown>;

async function listChannels(workspaceId = owner.workspaceId, cookie = owner.cookie) {
  const response = await t.call('GET', `/api/v1/workspaces/${workspaceId}/channels`, { cookie });
  expect(response.status).toBe(200);
  return (await json<{ items: ChannelItem[] }>(response)).items;
}

const channelRows = (workspaceId: string) =>
  t.deps.db.select().from(channels).where(eq(channels.workspaceId, workspaceId));

describe('connecting X', () => {
  it('an admin connects an X account through the consent page with PKCE; tokens are encrypted at rest and never returned', async () => {
    const { authorizeUrl, callbackPath } = await approveAtFake(t, owner.cookie, owner.workspaceId, 'x');
    expect(authorizeUrl.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorizeUrl.searchParams.get('scope')).toBe('tweet.read tweet.write users.read offline.access');
    expect(authorizeUrl.searchParams.get('redirect_uri')).toBe('http://herald.test/api/oauth/x/callback');
    const challenge = authorizeUrl.searchParams.get('code_challenge');

    const callback = await t.call('GET', callbackPath, { cookie: owner.cookie });
    expect(callback.status).toBe(302);
    expect(callback.headers.get('location')).toBe(
      `http://herald.test/w/${owner.workspaceId}/channels?connected=x`,
    );

    // The fake refused the code unless this verifier hashes to the challenge it saw.
    const tokenRequest = x.requests.find((r) => r.path === '/2/oauth2/token');
    const verifier = new URLSearchParams(tokenRequest?.raw).get('code_verifier') ?? '';
    expect(verifier.length).toBeGreaterThanOrEqual(43);
    expect(verifier.length).toBeLessThanOrEqual(128);
    expect(s256(verifier)).toBe(challenge);

    const accessToken =
      x.requests.find((r) => r.path === '/2/users/me')?.headers.authorization?.slice(7) ?? '';
    expect(accessToken).toMatch(/^xat_/);
    const [row] = await channelRows(owner.workspaceId);
    expect(row).toMatchObject({
      kind: 'x',
      name: 'Herald Test',
      externalAccountName: '@heraldtest',
      status: 'active',
    });
    expect(JSON.stringify(row)).not.toContain(accessToken);
    expect(JSON.stringify(row)).not.toContain('xrt_');
    expect(decryptSecret(t.deps.encryptionKey, row?.accessTokenEncrypted ?? '')).toBe(accessToken);
    expect(row?.tokenExpiresAt?.getTime()).toBe(clock.now().getTime() + 7200 * 1000);

    const listed = await listChannels();
    expect(listed).toHaveLength(1);
    expect(JSON.stringify(listed)).not.toContain(accessToken);
    expect(JSON.stringify(listed)).not.toMatch(/xrt_|Encrypted/);
    expect(await t.deps.db.select().from(oauthStates)).toHaveLength(0);

    const audit = await t.deps.db.select().from(auditLogs).where(eq(auditLogs.action, 'channel.connected'));
    expect(audit).toHaveLength(1);
    expect(audit[0]?.details).toEqual({ kind: 'x', externalAccountId: x.user.id, reconnected: false });
  });

  it('a state is used once: the same callback again is refused with 400 and connects nothing', async () => {
    const { callbackPath } = await approveAtFake(t, owner.cookie, owner.workspaceId, 'x');
    expect((await t.call('GET', callbackPath, { cookie: owner.cookie })).status).toBe(302);
    const replay = await t.call('GET', callbackPath, { cookie: owner.cookie });
    expect(replay.status).toBe(400);
    expect(await json(replay)).toEqual({
      error: { code: 'bad_request', message: expect.stringMatching(/unknown or was already used/) },
    });
    // Connecting the same account again refreshed the channel instead of adding a twin.
    expect(await channelRows(owner.workspaceId)).toHaveLength(1);
  });

  it('an unknown state is refused with a JSON 400, or a page for a browser', async () => {
    const path = '/api/oauth/x/callback?state=not-a-state&code=abc';
    const asJson = await t.call('GET', path, { cookie: owner.cookie });
    expect(asJson.status).toBe(400);
    expect((await json<{ error: { code: string } }>(asJson)).error.code).toBe('bad_request');
    const asPage = await t.call('GET', path, { cookie: owner.cookie, headers: { accept: 'text/html' } });
    expect(asPage.status).toBe(400);
    expect(asPage.headers.get('content-type')).toContain('text/html');
    expect(await asPage.text()).toContain('unknown or was already used');
  });

  it('a state older than ten minutes is refused', async () => {
    const { callbackPath } = await approveAtFake(t, owner.cookie, owner.workspaceId, 'x');
    clock.advance(10 * 60_000 + 1);
    const response = await t.call('GET', callbackPath, { cookie: owner.cookie });
    expect(response.status).toBe(400);
    expect((await json<{ error: { message: string } }>(response)).error.message).toMatch(/expired/);
  });

  it('the callback refuses bad input with a 4xx', async () => {
    for (const path of [
      '/api/oauth/x/callback',
      '/api/oauth/x/callback?code=abc',
      '/api/oauth/facebook/callback?state=s&code=c',
      `/api/oauth/x/callback?state=${'s'.repeat(500)}`,
      '/api/oauth/x/callback?state=a%00b',
      '/api/oauth/linkedin/callback?state=&code=',
    ]) {
      const response = await t.call('GET', path, { cookie: owner.cookie });
      expect(response.status, path).toBeGreaterThanOrEqual(400);
      expect(response.status, path).toBeLessThan(500);
      expect((await json<{ error: { code: string } }>(response)).error.code, path).toBeTruthy();
    }
  });

  it('only the person who started connecting can finish it; the state survives a stranger', async () => {
    const stranger = await signUp(t, 'stranger@channels.example', 'Sam Stranger');
    const { callbackPath } = await approveAtFake(t, owner.cookie, owner.workspaceId, 'x');
    expect((await t.call('GET', callbackPath, { cookie: stranger.cookie })).status).toBe(403);
    expect((await t.call('GET', callbackPath)).status).toBe(401);
    expect((await t.call('GET', callbackPath, { cookie: owner.cookie })).status).toBe(302);
  });

  it('a person who says no at the consent page is sent back with the error', async () => {
    const { callbackPath } = await approveAtFake(t, owner.cookie, owner.workspaceId, 'x');
    const state = new URLSearchParams(callbackPath.split('?')[1]).get('state') ?? '';
    const response = await t.call('GET', `/api/oauth/x/callback?state=${state}&error=access_denied`, {
      cookie: owner.cookie,
    });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toContain('/channels?error=access_denied&provider=x');
    expect((await t.call('GET', callbackPath, { cookie: owner.cookie })).status).toBe(400);
  });
});

describe('who may connect and disconnect', () => {
  it('a member who is not an admin, and an API key, cannot start connecting or disconnect', async () => {
    const member = await signUp(t, 'member@channels.example', 'Mo Member');
    const invitation = await inviteWithToken(t, owner.cookie, owner.workspaceId, member.email);
    await t.call('POST', `/api/v1/invitations/${invitation.token}/accept`, { cookie: member.cookie });
    const key = await createApiKeyFor(t, owner.cookie, owner.workspaceId, 'read_write');
    const [channel] = await listChannels(owner.workspaceId, member.cookie);
    for (const options of [{ cookie: member.cookie }, { apiKey: key.secret }]) {
      const base = `/api/v1/workspaces/${owner.workspaceId}/channels`;
      expect((await t.call('POST', `${base}/connect/x`, options)).status).toBe(403);
      expect((await t.call('POST', `${base}/connect/linkedin`, { ...options, body: {} })).status).toBe(403);
      expect((await t.call('DELETE', `${base}/${channel?.id}`, options)).status).toBe(403);
    }
    expect(await listChannels()).toHaveLength(1);
  });

  it('an admin disconnects a channel; the audit entry names no token', async () => {
    const workspace = await signUp(t, 'disconnect@channels.example', 'Dee Disconnect');
    await connectThroughFake(t, workspace.cookie, workspace.workspaceId, 'x');
    const [channel] = await listChannels(workspace.workspaceId, workspace.cookie);
    const path = `/api/v1/workspaces/${workspace.workspaceId}/channels/${channel?.id}`;
    expect((await t.call('DELETE', path, { cookie: workspace.cookie })).status).toBe(204);
    expect((await t.call('DELETE', path, { cookie: workspace.cookie })).status).toBe(404);
    expect(await listChannels(workspace.workspaceId, workspace.cookie)).toEqual([]);
    const [entry] = await t.deps.db.select().from(auditLogs).where(eq(auditLogs.action, 'channel.deleted'));
    expect(entry?.details).toEqual({ kind: 'x', externalAccountId: x.user.id });
  });
});
