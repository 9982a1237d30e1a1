import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestApp, json, signUp } from '../../../../test/harness.ts';
import { decryptSecret } from '../../platform/crypto.ts';
import { workspaceMembers } from '../workspaces/workspaces.table.ts';
import { channels } from './channels.table.ts';

// Two apps: the default refuses private receivers; the other is how tests and operators reach them.
const guarded = await createTestApp({ workers: false });
const open = await createTestApp({ workers: false, env: { OUTBOUND_ALLOW_PRIVATE_NETWORKS: 'true' } });
afterAll(async () => {
  await guarded.close();
  await open.close();
});

let counter = 0;
const owner = (t: typeof guarded) => signUp(t, `webhook-owner-${++counter}@example.com`);

interface Created {
  channel: { id: string; kind: string; webhookUrl: string };
  secret: string;
}

describe('webhook channels', () => {
  it('refuses receivers on loopback, private and link-local addresses, and non-http URLs', async () => {
    const user = await owner(guarded);
    for (const url of [
      'http://127.0.0.1:8080/hook',
      'http://localhost/hook',
      'http://[::1]/hook',
      'http://10.1.2.3/hook',
      'http://169.254.169.254/latest/meta-data/',
      'ftp://example.com/hook',
      'not a url',
      'https://user:pass@example.com/hook',
    ]) {
      const response = await guarded.call('POST', `/api/v1/workspaces/${user.workspaceId}/channels/webhook`, {
        cookie: user.cookie,
        body: { name: 'n8n', url },
      });
      expect(response.status, url).toBe(422);
      expect(await json(response), url).toMatchObject({ error: { details: [{ path: 'url' }] } });
    }
    const rows = await guarded.deps.db
      .select()
      .from(channels)
      .where(eq(channels.workspaceId, user.workspaceId));
    expect(rows).toHaveLength(0);
  });

  it('shows the signing secret once, keeps it encrypted, and rotates it', async () => {
    const user = await owner(open);
    const base = `/api/v1/workspaces/${user.workspaceId}/channels`;
    const response = await open.call('POST', `${base}/webhook`, {
      cookie: user.cookie,
      body: { name: 'Local n8n', url: 'http://127.0.0.1:5678/webhook/abc?token=secret-in-url' },
    });
    expect(response.status).toBe(201);
    const created = await json<Created>(response);
    expect(created.secret).toMatch(/^hwhsec_/);
    expect(created.channel).toMatchObject({ kind: 'webhook', webhookUrl: 'http://127.0.0.1:5678/…' });
    const [row] = await open.deps.db.select().from(channels).where(eq(channels.id, created.channel.id));
    expect(row?.webhookSecretEncrypted).not.toContain(created.secret);
    expect(decryptSecret(open.deps.encryptionKey, row?.webhookSecretEncrypted ?? '')).toBe(created.secret);

    const rotated = await json<Created>(
      await open.call('POST', `${base}/${created.channel.id}/rotate-secret`, { cookie: user.cookie }),
    );
    expect(rotated.secret).not.toBe(created.secret);
    const [after] = await open.deps.db.select().from(channels).where(eq(channels.id, created.channel.id));
    expect(decryptSecret(open.deps.encryptionKey, after?.webhookSecretEncrypted ?? '')).toBe(rotated.secret);
  });

  it('lets only admins and owners add channels or rotate secrets', async () => {
    const user = await owner(open);
    const member = await owner(open);
    await open.deps.db
      .insert(workspaceMembers)
      .values({ workspaceId: user.workspaceId, userId: member.userId, role: 'member' });
    const base = `/api/v1/workspaces/${user.workspaceId}/channels`;
    const refused = await open.call('POST', `${base}/webhook`, {
      cookie: member.cookie,
      body: { name: 'x', url: 'http://127.0.0.1:1/' },
    });
    expect(refused.status).toBe(403);
    const created = await json<Created>(
      await open.call('POST', `${base}/webhook`, {
        cookie: user.cookie,
        body: { name: 'x', url: 'http://127.0.0.1:1/' },
      }),
    );
    expect(
      (await open.call('POST', `${base}/${created.channel.id}/rotate-secret`, { cookie: member.cookie }))
        .status,
    ).toBe(403);
    const stranger = await owner(open);
    expect(
      (
        await open.call(
          'POST',
          `/api/v1/workspaces/${stranger.workspaceId}/channels/${created.channel.id}/rotate-secret`,
          { cookie: stranger.cookie },
        )
      ).status,
    ).toBe(404);
  });
});
