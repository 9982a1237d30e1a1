import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FakeLlm, startFakeLlm } from '../../../../test/fakes/fake-llm.ts';
import { defaultVisionAnswer } from '../../../../test/fakes/fake-llm-content.ts';
import { grantFeatures } from '../../../../test/feature-grants.ts';
import { createTestApp, json, signUp, type TestApp } from '../../../../test/harness.ts';
import { putOnPlan } from '../../../../test/plan-fixtures.ts';
import { checkOutput, defaultPlatformLimits } from '../../../shared/studio/platform-rules.ts';
import { decryptSecret } from '../../platform/crypto.ts';
import { auditLogs } from '../audit/audit.table.ts';
import { outboundEmails } from '../mail/mail.table.ts';
import {
  describeImage,
  hasTranscription,
  hasVision,
  resolveEngine,
  transcribeAudio,
} from './ai-providers.service.ts';
import { workspaceAiProviders } from './ai-providers.table.ts';

type User = Awaited<ReturnType<typeof signUp>>;

let t: TestApp;
let fake: FakeLlm;
beforeAll(async () => {
  t = await createTestApp({ workers: false });
  fake = await startFakeLlm();
});
afterAll(async () => {
  await fake.close();
  await t.close();
});
beforeEach(() => {
  fake.requests.length = 0;
});

const secretKey = 'sk-live-abcdefghijklmnop1234';
let counter = 0;

async function newOwner(): Promise<User> {
  counter += 1;
  const owner = await signUp(t, `ai-owner-${counter}@example.com`, 'Ada');
  await grantFeatures(t, owner.workspaceId, ['llm_providers']);
  return owner;
}

function put(user: User, workspaceId: string, body: unknown) {
  return t.call('PUT', `/api/v1/workspaces/${workspaceId}/ai-provider`, { cookie: user.cookie, body });
}

function get(user: User, workspaceId: string) {
  return t.call('GET', `/api/v1/workspaces/${workspaceId}/ai-provider`, { cookie: user.cookie });
}

async function join(owner: User, role: 'admin' | 'member' | 'viewer'): Promise<User> {
  counter += 1;
  const user = await signUp(t, `ai-${role}-${counter}@example.com`, 'Bo');
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
  return user;
}

const compatible = () => ({
  kind: 'openai-compatible',
  model: 'llama3.1',
  baseUrl: fake.baseUrl,
  apiKey: secretKey,
  transcriptionModel: 'whisper-1',
  visionModel: 'llava',
});

describe('AI provider settings', () => {
  it('a new workspace generates with the local engine and has no key', async () => {
    const owner = await newOwner();
    const response = await get(owner, owner.workspaceId);
    expect(response.status).toBe(200);
    expect(await json(response)).toEqual({
      kind: 'local',
      model: null,
      baseUrl: null,
      hasApiKey: false,
      keyHint: null,
      transcriptionModel: null,
      visionModel: null,
      updatedAt: null,
    });
    const engine = await resolveEngine(t.deps, owner.workspaceId);
    expect(engine.kind).toBe('local');
  });

  it('stores the key encrypted, shows only its last four characters, and keeps it out of responses and the audit log', async () => {
    const owner = await newOwner();
    const saved = await put(owner, owner.workspaceId, compatible());
    const savedText = await saved.text();
    expect(saved.status, savedText).toBe(200);
    expect(savedText).not.toContain(secretKey);
    expect(JSON.parse(savedText)).toMatchObject({
      kind: 'openai-compatible',
      model: 'llama3.1',
      baseUrl: fake.baseUrl,
      hasApiKey: true,
      keyHint: '1234',
      transcriptionModel: 'whisper-1',
      visionModel: 'llava',
    });
    expect(await (await get(owner, owner.workspaceId)).text()).not.toContain(secretKey);

    const [row] = await t.deps.db
      .select()
      .from(workspaceAiProviders)
      .where(eq(workspaceAiProviders.workspaceId, owner.workspaceId));
    expect(JSON.stringify(row)).not.toContain(secretKey);
    expect(decryptSecret(t.deps.encryptionKey, row?.apiKeyEncrypted ?? '')).toBe(secretKey);

    const audit = await t.deps.db
      .select()
      .from(auditLogs)
      .where(eq(auditLogs.workspaceId, owner.workspaceId));
    const entry = audit.find((a) => a.action === 'ai_provider.updated');
    expect(entry?.details).toMatchObject({ kind: 'openai-compatible', apiKey: 'replaced' });
    expect(JSON.stringify(audit)).not.toContain(secretKey);
  });

  it('lets members and viewers read the settings but only admins and owners change them', async () => {
    const owner = await newOwner();
    await putOnPlan(t, owner.workspaceId, 'pro'); // four people: free has 2 seats
    const admin = await join(owner, 'admin');
    const member = await join(owner, 'member');
    const viewer = await join(owner, 'viewer');
    for (const reader of [member, viewer]) {
      expect((await get(reader, owner.workspaceId)).status).toBe(200);
      const refused = await put(reader, owner.workspaceId, compatible());
      expect(refused.status).toBe(403);
    }
    expect((await json(await get(owner, owner.workspaceId))).kind).toBe('local');
    expect((await put(admin, owner.workspaceId, compatible())).status).toBe(200);
  });

  // Bodies are built when the test runs: the fake's URL is not known while tests are collected.
  const refused: Array<[string, () => unknown, string]> = [
    ['a non-http base URL', () => ({ ...compatible(), baseUrl: 'ftp://models.example.com/v1' }), 'baseUrl'],
    ['a base URL that is not a URL', () => ({ ...compatible(), baseUrl: 'localhost:11434' }), 'baseUrl'],
    [
      'a base URL holding credentials',
      () => ({ ...compatible(), baseUrl: 'https://u:p@example.com/v1' }),
      'baseUrl',
    ],
    [
      'an OpenAI-compatible provider without a base URL',
      () => ({ ...compatible(), baseUrl: undefined }),
      'baseUrl',
    ],
    ['an LLM provider without a model', () => ({ kind: 'openai', apiKey: secretKey }), 'model'],
    ['OpenAI without a key', () => ({ kind: 'openai', model: 'gpt-4o-mini' }), 'apiKey'],
    [
      'a key with spaces',
      () => ({ kind: 'openai', model: 'gpt-4o-mini', apiKey: 'sk abc def ghi' }),
      'apiKey',
    ],
    [
      'transcription on Anthropic',
      () => ({
        kind: 'anthropic',
        model: 'claude-sonnet-4-5',
        apiKey: secretKey,
        transcriptionModel: 'whisper-1',
      }),
      'transcriptionModel',
    ],
    ['an unknown kind', () => ({ kind: 'gemini', model: 'x' }), 'kind'],
  ];
  it.each(refused)('refuses %s with 422 and writes nothing', async (_label, body, path) => {
    const owner = await newOwner();
    const response = await put(owner, owner.workspaceId, body());
    expect(response.status).toBe(422);
    const { error } = await json<{ error: { code: string; details: Array<{ path: string }> } }>(response);
    expect(error.code).toBe('validation_failed');
    expect(error.details.map((d) => d.path)).toContain(path);
    const rows = await t.deps.db
      .select()
      .from(workspaceAiProviders)
      .where(eq(workspaceAiProviders.workspaceId, owner.workspaceId));
    expect(rows).toEqual([]);
  });

  it('keeps the key when it is omitted, clears it with null, and wants it again when the base URL changes', async () => {
    const owner = await newOwner();
    expect((await put(owner, owner.workspaceId, compatible())).status).toBe(200);
    const { apiKey: _omitted, ...withoutKey } = compatible();
    const kept = await json(await put(owner, owner.workspaceId, { ...withoutKey, model: 'qwen2.5' }));
    expect(kept).toMatchObject({ model: 'qwen2.5', hasApiKey: true, keyHint: '1234' });

    const moved = await put(owner, owner.workspaceId, {
      ...withoutKey,
      baseUrl: 'https://elsewhere.example.com/v1',
    });
    expect(moved.status).toBe(422);
    expect(JSON.stringify(await json(moved))).toContain('apiKey');

    const cleared = await json(await put(owner, owner.workspaceId, { ...withoutKey, apiKey: null }));
    expect(cleared).toMatchObject({ hasApiKey: false, keyHint: null, baseUrl: fake.baseUrl });
    const [row] = await t.deps.db
      .select()
      .from(workspaceAiProviders)
      .where(eq(workspaceAiProviders.workspaceId, owner.workspaceId));
    expect(row?.apiKeyEncrypted).toBeNull();
  });
});

describe('AI provider services', () => {
  it('resolves the configured LLM engine, which generates valid outputs against the provider', async () => {
    const owner = await newOwner();
    expect((await put(owner, owner.workspaceId, compatible())).status).toBe(200);
    const engine = await resolveEngine(t.deps, owner.workspaceId);
    expect(engine).toMatchObject({ kind: 'openai-compatible', model: 'llama3.1' });
    const result = await engine.generate({
      text: 'Small teams ship faster when they protect focus time.',
      language: 'en',
      platforms: ['x', 'email'],
      tone: 'conversational',
      brand: null,
      limits: defaultPlatformLimits,
    });
    expect(result.failures).toEqual({});
    expect(checkOutput('x', result.outputs.x)).toEqual([]);
    expect(fake.requests.every((r) => r.headers.authorization === `Bearer ${secretKey}`)).toBe(true);
    // Asked for the local engine, the workspace's provider is not used.
    expect((await resolveEngine(t.deps, owner.workspaceId, 'local')).kind).toBe('local');
  });

  it('transcribes audio through the configured OpenAI-compatible endpoint', async () => {
    const owner = await newOwner();
    expect((await put(owner, owner.workspaceId, compatible())).status).toBe(200);
    expect(await hasTranscription(t.deps, owner.workspaceId)).toBe(true);
    fake.transcription = { text: ' Bonjour à tous. ', language: 'french', duration: 3.5 };
    const wav = new Uint8Array([0x52, 0x49, 0x46, 0x46, 0, 0, 0, 0, 0x57, 0x41, 0x56, 0x45, 1, 2, 3, 4]);
    const result = await transcribeAudio(t.deps, owner.workspaceId, {
      bytes: wav,
      contentType: 'audio/wav',
      fileName: 'note.wav',
    });
    expect(result).toEqual({ text: 'Bonjour à tous.', language: 'fr', durationSeconds: 3.5 });
    const [call] = fake.requests;
    expect(call?.api).toBe('transcriptions');
    expect(call?.headers.authorization).toBe(`Bearer ${secretKey}`);
    expect(call?.raw.toString('latin1')).toContain('whisper-1');
  });

  it('describes a photo with the vision model', async () => {
    const owner = await newOwner();
    expect((await put(owner, owner.workspaceId, compatible())).status).toBe(200);
    expect(await hasVision(t.deps, owner.workspaceId)).toBe(true);
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
    const text = await describeImage(t.deps, owner.workspaceId, {
      bytes: png,
      contentType: 'image/png',
      language: 'en',
    });
    expect(text).toBe(defaultVisionAnswer);
    expect(fake.requests[0]?.body?.model).toBe('llava');
  });

  it('answers not_configured for transcription and vision without a provider', async () => {
    const owner = await newOwner();
    expect(await hasTranscription(t.deps, owner.workspaceId)).toBe(false);
    expect(await hasVision(t.deps, owner.workspaceId)).toBe(false);
    const audio = { bytes: new Uint8Array([1, 2, 3]), contentType: 'audio/webm', fileName: 'a.webm' };
    await expect(transcribeAudio(t.deps, owner.workspaceId, audio)).rejects.toMatchObject({
      code: 'not_configured',
    });
    const image = { bytes: new Uint8Array([1, 2, 3]), contentType: 'image/png', language: 'en' as const };
    await expect(describeImage(t.deps, owner.workspaceId, image)).rejects.toMatchObject({
      code: 'not_configured',
    });
    expect(fake.requests).toEqual([]);
  });
});
