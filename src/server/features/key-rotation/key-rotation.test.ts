import { spawn } from 'node:child_process';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { grantFeatures } from '../../../../test/feature-grants.ts';
import { createTestApp, json, signUp } from '../../../../test/harness.ts';
import { decryptSecret, encryptSecret, isEncryptedWith } from '../../platform/crypto.ts';
import { workspaceAiProviders } from '../ai-providers/ai-providers.table.ts';
import { channels } from '../channels/channels.table.ts';
import { rotateEncryptedValues } from './key-rotation.service.ts';

const oldKey = 'test-encryption-key-that-is-long-enough-0123456789'; // the harness's ENCRYPTION_KEY
const newKey = 'the-replacement-encryption-key-0123456789-abcdef';
const providerKey = 'sk-rotate-abcdefghijklmnop1234';

const t = await createTestApp({ workers: false, env: { OUTBOUND_ALLOW_PRIVATE_NETWORKS: 'true' } });
afterAll(() => t.close());

async function workspaceWithSecrets() {
  const user = await signUp(t, `rotate-${crypto.randomUUID()}@example.com`, 'Rita');
  await grantFeatures(t, user.workspaceId, ['llm_providers']);
  const saved = await t.call('PUT', `/api/v1/workspaces/${user.workspaceId}/ai-provider`, {
    cookie: user.cookie,
    body: { kind: 'openai', model: 'gpt-4o-mini', apiKey: providerKey },
  });
  expect(saved.status, await saved.clone().text()).toBe(200);
  const hook = await t.call('POST', `/api/v1/workspaces/${user.workspaceId}/channels/webhook`, {
    cookie: user.cookie,
    body: { name: 'n8n', url: 'http://127.0.0.1:5678/hook' },
  });
  expect(hook.status).toBe(201);
  const { secret } = await json<{ secret: string }>(hook);
  return { user, webhookSecret: secret };
}

async function storedValues(workspaceId: string) {
  const [provider] = await t.deps.db
    .select({ value: workspaceAiProviders.apiKeyEncrypted })
    .from(workspaceAiProviders)
    .where(eq(workspaceAiProviders.workspaceId, workspaceId));
  const [channel] = await t.deps.db
    .select({ value: channels.webhookSecretEncrypted })
    .from(channels)
    .where(eq(channels.workspaceId, workspaceId));
  return { providerKey: provider?.value ?? '', webhookSecret: channel?.value ?? '' };
}

describe('encryption key rotation', () => {
  it('re-encrypts every stored secret with the new key, keeps the plaintext, and a second run changes nothing', async () => {
    const { user, webhookSecret } = await workspaceWithSecrets();
    const before = await storedValues(user.workspaceId);
    expect(isEncryptedWith(oldKey, before.providerKey)).toBe(true);

    const first = await rotateEncryptedValues(t.deps.db, { current: newKey, previous: [oldKey] });
    expect(first.unreadable).toEqual([]);
    expect(first.reencrypted).toBeGreaterThanOrEqual(2);

    const after = await storedValues(user.workspaceId);
    expect(isEncryptedWith(newKey, after.providerKey)).toBe(true);
    expect(isEncryptedWith(oldKey, after.providerKey)).toBe(false);
    expect(decryptSecret(newKey, after.providerKey)).toBe(providerKey);
    expect(decryptSecret(newKey, after.webhookSecret)).toBe(webhookSecret);

    const second = await rotateEncryptedValues(t.deps.db, { current: newKey, previous: [oldKey] });
    expect(second.reencrypted).toBe(0);
    expect(second.current).toBe(first.reencrypted + first.current);
    expect(await storedValues(user.workspaceId)).toEqual(after);
  });

  it('reports a value no key opens and leaves it as it is', async () => {
    const { user } = await workspaceWithSecrets();
    const before = await storedValues(user.workspaceId);
    const stranger = 'a-key-that-never-encrypted-anything-0123456789';
    const report = await rotateEncryptedValues(t.deps.db, { current: newKey, previous: [stranger] });
    expect(report.unreadable).toContainEqual({
      column: 'workspace_ai_providers.api_key_encrypted',
      id: user.workspaceId,
    });
    expect(report.reencrypted).toBe(0);
    expect(await storedValues(user.workspaceId)).toEqual(before);
  });

  it('reads a value written with a previous key while a rotation is pending, and only then', () => {
    const written = encryptSecret(oldKey, 'gho_token');
    expect(decryptSecret([newKey, oldKey], written)).toBe('gho_token');
    expect(() => decryptSecret([newKey], written)).toThrow('no configured key');
    // Without ENCRYPTION_KEY_PREVIOUS the app reads with its current key alone.
    expect(t.deps.decryptionKeys).toEqual([oldKey]);
  });
});

describe('herald secrets rotate', () => {
  const root = path.resolve(import.meta.dirname, '../../../..');
  function run(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [path.join(root, 'bin/herald.mjs'), 'secrets', 'rotate'], {
        env: { PATH: process.env.PATH ?? '', HOME: '/tmp', ...env },
      });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
      });
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stderr }));
    });
  }

  it('refuses to run without the key being replaced, before touching any database', async () => {
    const result = await run({ ENCRYPTION_KEY: newKey, HERALD_DATA_DIR: '/nonexistent/herald-rotate' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('ENCRYPTION_KEY_PREVIOUS');
  });

  it('refuses a previous key that is too short, naming the setting', async () => {
    const result = await run({ ENCRYPTION_KEY: newKey, ENCRYPTION_KEY_PREVIOUS: 'short' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('ENCRYPTION_KEY_PREVIOUS');
  });
});
