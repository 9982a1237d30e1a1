import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, json, signUp, type TestApp } from '../../../../test/harness.ts';
import { sha256Hex } from '../../platform/crypto.ts';
import { outboundEmails } from '../mail/mail.table.ts';
import { apiKeys } from './api-keys.table.ts';

type User = Awaited<ReturnType<typeof signUp>>;
interface CreatedKey {
  apiKey: {
    id: string;
    name: string;
    prefix: string;
    scope: string;
    lastUsedAt: string | null;
    revokedAt: string | null;
  };
  secret: string;
}

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

async function createKey(
  user: User,
  workspaceId: string,
  scope: 'read' | 'read_write' = 'read',
  name = 'CI',
) {
  const response = await t.call('POST', `/api/v1/workspaces/${workspaceId}/api-keys`, {
    cookie: user.cookie,
    body: { name, scope },
  });
  expect(response.status).toBe(201);
  return json<CreatedKey>(response);
}

/** Joins `user` to `owner`'s personal workspace with `role`, through a real invitation. */
async function join(owner: User, user: User, role: 'admin' | 'member' | 'viewer') {
  const invited = await t.call('POST', `/api/v1/workspaces/${owner.workspaceId}/invitations`, {
    cookie: owner.cookie,
    body: { email: user.email, role },
  });
  expect(invited.status).toBe(201);
  const [mail] = await t.deps.db
    .select()
    .from(outboundEmails)
    .where(and(eq(outboundEmails.toAddress, user.email), eq(outboundEmails.kind, 'invitation')));
  const token = /\/invitations\/([A-Za-z0-9_-]+)/.exec(mail?.textBody ?? '')?.[1];
  const accepted = await t.call('POST', `/api/v1/invitations/${token}/accept`, { cookie: user.cookie });
  expect(accepted.status).toBe(200);
}

describe('api keys', () => {
  it('the secret is returned once at creation and only its SHA-256 is stored', async () => {
    const owner = await signUp(t, 'keys-owner@example.com', 'Kim');
    const { apiKey, secret } = await createKey(owner, owner.workspaceId, 'read', 'Deploy bot');
    expect(secret).toMatch(/^hk_[A-Za-z0-9_-]{40,}$/);
    expect(apiKey).toMatchObject({ name: 'Deploy bot', scope: 'read', lastUsedAt: null, revokedAt: null });
    expect(secret.startsWith(apiKey.prefix)).toBe(true);

    const list = await t.call('GET', `/api/v1/workspaces/${owner.workspaceId}/api-keys`, {
      cookie: owner.cookie,
    });
    expect(list.status).toBe(200);
    const listText = await list.text();
    expect(listText).not.toContain(secret);
    expect((JSON.parse(listText) as { items: Array<{ id: string }> }).items.map((k) => k.id)).toEqual([
      apiKey.id,
    ]);

    const rows = await t.deps.db.select().from(apiKeys);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.keyHash).toBe(sha256Hex(secret));
    expect(JSON.stringify(rows)).not.toContain(secret);
    expect(JSON.stringify(rows)).not.toContain(secret.slice(apiKey.prefix.length));
  });

  it('a key works as a Bearer token on its own workspace only and records when it was used', async () => {
    const owner = await signUp(t, 'bearer-owner@example.com', 'Bea');
    const other = await signUp(t, 'bearer-other@example.com', 'Otto');
    const { apiKey, secret } = await createKey(owner, owner.workspaceId);

    const me = await t.call('GET', '/api/v1/me', { apiKey: secret });
    expect(me.status).toBe(200);
    expect(await json(me)).toEqual({
      apiKey: { id: apiKey.id, workspaceId: owner.workspaceId, scope: 'read' },
    });

    const workspace = await t.call('GET', `/api/v1/workspaces/${owner.workspaceId}`, { apiKey: secret });
    expect(workspace.status).toBe(200);
    expect(await json(workspace)).toMatchObject({ id: owner.workspaceId });
    const list = await json<{ items: Array<{ id: string }> }>(
      await t.call('GET', '/api/v1/workspaces', { apiKey: secret }),
    );
    expect(list.items.map((w) => w.id)).toEqual([owner.workspaceId]);
    expect(
      (await t.call('GET', `/api/v1/workspaces/${owner.workspaceId}/members`, { apiKey: secret })).status,
    ).toBe(200);

    expect((await t.call('GET', `/api/v1/workspaces/${other.workspaceId}`, { apiKey: secret })).status).toBe(
      404,
    );
    expect(
      (await t.call('GET', `/api/v1/workspaces/${other.workspaceId}/members`, { apiKey: secret })).status,
    ).toBe(404);

    const [row] = await t.deps.db.select().from(apiKeys).where(eq(apiKeys.id, apiKey.id));
    expect(row?.lastUsedAt).toBeInstanceOf(Date);
    const listed = await json<{ items: Array<{ id: string; lastUsedAt: string | null }> }>(
      await t.call('GET', `/api/v1/workspaces/${owner.workspaceId}/api-keys`, { cookie: owner.cookie }),
    );
    expect(listed.items.find((k) => k.id === apiKey.id)?.lastUsedAt).toEqual(expect.any(String));
  });

  it('unknown and malformed keys are 401', async () => {
    for (const authorization of [
      'Bearer hk_not-a-real-key',
      'Bearer',
      'Basic abc',
      `Bearer hk_${'x'.repeat(300)}`,
    ]) {
      const response = await t.call('GET', '/api/v1/me', { headers: { authorization } });
      expect(response.status).toBe(401);
      expect(await json(response)).toEqual({
        error: { code: 'unauthenticated', message: expect.any(String) },
      });
    }
  });

  it('a read key cannot write', async () => {
    const owner = await signUp(t, 'reader-owner@example.com', 'Rae');
    const { secret } = await createKey(owner, owner.workspaceId, 'read');
    const patch = await t.call('PATCH', `/api/v1/workspaces/${owner.workspaceId}`, {
      apiKey: secret,
      body: { name: 'By key' },
    });
    expect(patch.status).toBe(403);
    const put = await t.call('PUT', `/api/v1/workspaces/${owner.workspaceId}/brand`, {
      apiKey: secret,
      body: { brandName: 'By key' },
    });
    expect(put.status).toBe(403);
    const workspace = await json<{ name: string }>(
      await t.call('GET', `/api/v1/workspaces/${owner.workspaceId}`, { apiKey: secret }),
    );
    expect(workspace.name).not.toBe('By key');
  });

  it('a revoked key is refused with 401 from then on', async () => {
    const owner = await signUp(t, 'revoke-owner@example.com', 'Rex');
    const { apiKey, secret } = await createKey(owner, owner.workspaceId);
    expect((await t.call('GET', '/api/v1/me', { apiKey: secret })).status).toBe(200);
    const revoked = await t.call('DELETE', `/api/v1/workspaces/${owner.workspaceId}/api-keys/${apiKey.id}`, {
      cookie: owner.cookie,
    });
    expect(revoked.status).toBe(204);
    expect((await t.call('GET', '/api/v1/me', { apiKey: secret })).status).toBe(401);
    expect((await t.call('GET', `/api/v1/workspaces/${owner.workspaceId}`, { apiKey: secret })).status).toBe(
      401,
    );
    const again = await t.call('DELETE', `/api/v1/workspaces/${owner.workspaceId}/api-keys/${apiKey.id}`, {
      cookie: owner.cookie,
    });
    expect(again.status).toBe(404);
    const listed = await json<{ items: Array<{ revokedAt: string | null }> }>(
      await t.call('GET', `/api/v1/workspaces/${owner.workspaceId}/api-keys`, { cookie: owner.cookie }),
    );
    expect(listed.items[0]?.revokedAt).toEqual(expect.any(String));
  });

  it('a member who is not an admin cannot create, list or revoke keys', async () => {
    const owner = await signUp(t, 'team-owner@example.com', 'Tom');
    const member = await signUp(t, 'team-member@example.com', 'Mia');
    await join(owner, member, 'member');
    const { apiKey } = await createKey(owner, owner.workspaceId);
    const before = await t.deps.db.select().from(apiKeys).where(eq(apiKeys.workspaceId, owner.workspaceId));

    const create = await t.call('POST', `/api/v1/workspaces/${owner.workspaceId}/api-keys`, {
      cookie: member.cookie,
      body: { name: 'Mine', scope: 'read_write' },
    });
    expect(create.status).toBe(403);
    expect(
      (await t.call('GET', `/api/v1/workspaces/${owner.workspaceId}/api-keys`, { cookie: member.cookie }))
        .status,
    ).toBe(403);
    const revoke = await t.call('DELETE', `/api/v1/workspaces/${owner.workspaceId}/api-keys/${apiKey.id}`, {
      cookie: member.cookie,
    });
    expect(revoke.status).toBe(403);

    const after = await t.deps.db.select().from(apiKeys).where(eq(apiKeys.workspaceId, owner.workspaceId));
    expect(after).toEqual(before);
  });

  it('an admin can create keys but an API key cannot create or revoke keys', async () => {
    const owner = await signUp(t, 'chain-owner@example.com', 'Cy');
    const admin = await signUp(t, 'chain-admin@example.com', 'Ada');
    await join(owner, admin, 'admin');
    const { apiKey, secret } = await createKey(admin, owner.workspaceId, 'read_write', 'Admin key');

    const viaKey = await t.call('POST', `/api/v1/workspaces/${owner.workspaceId}/api-keys`, {
      apiKey: secret,
      body: { name: 'Child', scope: 'read_write' },
    });
    expect(viaKey.status).toBe(403);
    const revokeViaKey = await t.call(
      'DELETE',
      `/api/v1/workspaces/${owner.workspaceId}/api-keys/${apiKey.id}`,
      { apiKey: secret },
    );
    expect(revokeViaKey.status).toBe(403);
    const rows = await t.deps.db.select().from(apiKeys).where(eq(apiKeys.workspaceId, owner.workspaceId));
    expect(rows.map((r) => [r.name, r.revokedAt])).toEqual([['Admin key', null]]);
  });

  it('a key name and scope are validated', async () => {
    const owner = await signUp(t, 'validate-owner@example.com', 'Val');
    const response = await t.call('POST', `/api/v1/workspaces/${owner.workspaceId}/api-keys`, {
      cookie: owner.cookie,
      body: { name: '', scope: 'admin' },
    });
    expect(response.status).toBe(422);
    const body = await json<{ error: { details: Array<{ path: string }> } }>(response);
    expect(body.error.details.map((d) => d.path).sort()).toEqual(['name', 'scope']);
    expect(await t.deps.db.select().from(apiKeys).where(eq(apiKeys.workspaceId, owner.workspaceId))).toEqual(
      [],
    );
  });
});
