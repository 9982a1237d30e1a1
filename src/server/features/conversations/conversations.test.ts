import { readdirSync } from 'node:fs';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKeyFor } from '../../../../test/api-surface.ts';
import { type FakeLlm, startFakeLlm } from '../../../../test/fakes/fake-llm.ts';
import { createTestApp, json, signUp, type TestApp, waitFor } from '../../../../test/harness.ts';
import { mp3File, postForm, wavFile } from '../../../../test/media-samples.ts';
import { workspaceAiProviders } from '../ai-providers/ai-providers.table.ts';
import { ensurePeriodGrant } from '../billing/metering.service.ts';
import { applyCreditChange, getCreditBalance } from '../credits/credits.service.ts';
import { generations } from '../generations/generations.table.ts';
import { storageObjects } from '../storage/storage.table.ts';
import { usageEvents } from '../usage/usage.table.ts';
import { runConversationJob } from './conversations.pipeline.ts';
import { conversations } from './conversations.table.ts';

// Voice notes: upload → (transcription job | typed transcript) → generation, with the limits.

let t: TestApp;
let fake: FakeLlm;
const maxSeconds = 30;
const maxBytes = 256 * 1024;
const jsonLimit = 64 * 1024;

beforeAll(async () => {
  fake = await startFakeLlm();
  t = await createTestApp({
    env: {
      VOICE_NOTE_MAX_SECONDS: String(maxSeconds),
      VOICE_NOTE_MAX_BYTES: String(maxBytes),
      BODY_LIMIT_BYTES: String(jsonLimit),
    },
  });
});
afterAll(async () => {
  await t.close();
  await fake.close();
});

type User = Awaited<ReturnType<typeof signUp>>;
interface Conversation {
  id: string;
  status: string;
  transcript: string | null;
  language: string;
  durationSeconds: number | null;
  audioObjectId: string | null;
  generationId: string | null;
  error: string | null;
}

let users = 0;
const newUser = () => signUp(t, `voice-${++users}@example.com`, 'Vera Voice');

/** The workspace transcribes through the fake (local engine for text, so generations are instant). */
async function useFakeTranscription(workspaceId: string) {
  await t.deps.db
    .insert(workspaceAiProviders)
    .values({ workspaceId, kind: 'local', baseUrl: fake.baseUrl, transcriptionModel: 'whisper-1' });
}

const wav = (seconds: number, name = 'note.wav') => ({
  bytes: wavFile(seconds),
  fileName: name,
  type: 'audio/wav',
});
const voiceNotes = (user: User) => `/api/v1/workspaces/${user.workspaceId}/voice-notes`;
const conversationPath = (user: User, id: string) =>
  `/api/v1/workspaces/${user.workspaceId}/conversations/${id}`;

async function conversationOf(user: User, id: string) {
  return json<Conversation>(await t.call('GET', conversationPath(user, id), { cookie: user.cookie }));
}

async function settled(user: User, id: string) {
  return waitFor(async () => {
    const conversation = await conversationOf(user, id);
    return ['completed', 'failed', 'needs_transcript'].includes(conversation.status) && conversation;
  });
}

async function generationOf(id: string | null) {
  const [row] = await t.deps.db
    .select()
    .from(generations)
    .where(eq(generations.id, id ?? ''));
  return row;
}

async function voiceUsage(workspaceId: string) {
  return t.deps.db
    .select()
    .from(usageEvents)
    .where(and(eq(usageEvents.workspaceId, workspaceId), eq(usageEvents.unit, 'voice_minutes')));
}

/** No conversation row, no storage row and no file for the workspace. */
async function expectNothingStored(workspaceId: string) {
  expect(
    await t.deps.db.select().from(conversations).where(eq(conversations.workspaceId, workspaceId)),
  ).toEqual([]);
  expect(
    await t.deps.db.select().from(storageObjects).where(eq(storageObjects.workspaceId, workspaceId)),
  ).toEqual([]);
  expect(readdirSync(t.config.STORAGE_DIR ?? '').filter((name) => name === workspaceId)).toEqual([]);
}

describe('voice notes', () => {
  it('a WAV note is transcribed by the provider, generates, and charges its voice minutes once', async () => {
    const user = await newUser();
    await useFakeTranscription(user.workspaceId);
    fake.transcription = {
      text: 'We shipped offline drafts today. They save without a network.',
      language: 'english',
      duration: 2,
    };
    const response = await postForm(
      t,
      voiceNotes(user),
      { audio: wav(2), platforms: 'x,linkedin', tone: 'educational' },
      user,
    );
    expect(response.status).toBe(202);
    const created = await json<Conversation>(response);
    expect(created).toMatchObject({ status: 'transcribing', durationSeconds: 2, generationId: null });

    const done = await settled(user, created.id);
    expect(done).toMatchObject({
      status: 'completed',
      transcript: expect.stringContaining('offline drafts'),
      language: 'en',
      error: null,
    });
    const generation = await generationOf(done.generationId);
    expect(generation).toMatchObject({
      sourceType: 'voice_note',
      sourceId: created.id,
      platforms: ['x', 'linkedin'],
    });
    expect(generation?.input).toContain('offline drafts');
    expect(fake.requests.filter((r) => r.api === 'transcriptions')).toHaveLength(1);
    const usage = await voiceUsage(user.workspaceId);
    expect(usage.map((u) => [u.quantity, u.idempotencyKey])).toEqual([[1, `voice:${created.id}`]]);

    // A retry after a crash between making the generation and recording it: the job picks the
    // generation up instead of making a second one, and transcribes and charges nothing again.
    await t.deps.db
      .update(conversations)
      .set({ status: 'generating', generationId: null })
      .where(eq(conversations.id, created.id));
    const actor = {
      type: 'user' as const,
      userId: user.userId,
      sessionId: 's',
      email: user.email,
      name: 'Vera',
    };
    await runConversationJob(t.deps, { conversationId: created.id, actor, request: null }, { isLast: false });
    expect(await conversationOf(user, created.id)).toMatchObject({
      status: 'completed',
      generationId: done.generationId,
    });
    expect(fake.requests.filter((r) => r.api === 'transcriptions')).toHaveLength(1);
    expect(await voiceUsage(user.workspaceId)).toHaveLength(1);
    const fromSource = await t.deps.db.select().from(generations).where(eq(generations.sourceId, created.id));
    expect(fromSource).toHaveLength(1);
  });

  it('with a transcript field the generation starts at once and nothing is transcribed or charged as voice', async () => {
    const user = await newUser();
    await useFakeTranscription(user.workspaceId);
    const before = fake.requests.length;
    const response = await postForm(
      t,
      voiceNotes(user),
      {
        audio: wav(1),
        platforms: 'threads',
        tone: 'conversational',
        transcript: 'Our changelog now has RSS.',
      },
      user,
    );
    expect(response.status).toBe(202);
    const conversation = await json<Conversation>(response);
    expect(conversation).toMatchObject({ status: 'completed', transcript: 'Our changelog now has RSS.' });
    expect((await generationOf(conversation.generationId))?.input).toBe('Our changelog now has RSS.');
    expect(fake.requests.length).toBe(before);
    expect(await voiceUsage(user.workspaceId)).toEqual([]);
  });

  it('without a provider the note waits for a typed transcript, which starts the generation once', async () => {
    const user = await newUser();
    const created = await json<Conversation>(
      await postForm(t, voiceNotes(user), { audio: wav(1), platforms: 'facebook', tone: 'authority' }, user),
    );
    expect(created.status).toBe('needs_transcript');
    const path = `${conversationPath(user, created.id)}/transcript`;
    const empty = await t.call('POST', path, { cookie: user.cookie, body: { transcript: '   ' } });
    expect(empty.status).toBe(422);
    const typed = await t.call('POST', path, {
      cookie: user.cookie,
      body: { transcript: 'Nous avons publié la version deux aujourd’hui.', language: 'fr' },
    });
    expect(typed.status).toBe(200);
    const done = await json<Conversation>(typed);
    expect(done).toMatchObject({ status: 'completed', language: 'fr' });
    expect((await generationOf(done.generationId))?.sourceId).toBe(created.id);
    const again = await t.call('POST', path, { cookie: user.cookie, body: { transcript: 'Twice?' } });
    expect(again.status).toBe(409);
    expect(await voiceUsage(user.workspaceId)).toEqual([]);
  });

  it('a text file named .webm is a 415, and so is a WAV that says it is something else', async () => {
    const user = await newUser();
    const text = new TextEncoder().encode('just some notes, not audio at all\n'.repeat(20));
    const renamed = await postForm(
      t,
      voiceNotes(user),
      {
        audio: { bytes: text, fileName: 'note.webm', type: 'audio/webm' },
        platforms: 'x',
        tone: 'educational',
      },
      user,
    );
    expect(renamed.status).toBe(415);
    expect((await json<{ error: { code: string } }>(renamed)).error.code).toBe('unsupported_media_type');
    const mislabelled = await postForm(
      t,
      voiceNotes(user),
      {
        audio: { bytes: wavFile(1), fileName: 'note.mp3', type: 'audio/mpeg' },
        platforms: 'x',
        tone: 'educational',
      },
      user,
    );
    expect(mislabelled.status).toBe(415);
    await expectNothingStored(user.workspaceId);
  });

  it('a recording over the size limit is a 413 and leaves no row and no file', async () => {
    const user = await newUser();
    // 20 s of 8 kHz 16-bit audio is 320 kB, over the 256 kB limit set for this file.
    const response = await postForm(
      t,
      voiceNotes(user),
      { audio: wav(20), platforms: 'x', tone: 'educational' },
      user,
    );
    expect(response.status).toBe(413);
    expect((await json<{ error: { code: string } }>(response)).error.code).toBe('payload_too_large');
    await expectNothingStored(user.workspaceId);
  });

  it('the upload route takes files past the JSON body limit, which still holds everywhere else', async () => {
    const user = await newUser();
    const big = wav(6); // 96 kB: over BODY_LIMIT_BYTES (64 kB), under VOICE_NOTE_MAX_BYTES
    expect(big.bytes.length).toBeGreaterThan(jsonLimit);
    const response = await postForm(
      t,
      voiceNotes(user),
      { audio: big, platforms: 'x', tone: 'educational' },
      user,
    );
    expect(response.status).toBe(202);
    const json413 = await t.call('PATCH', '/api/v1/me', {
      cookie: user.cookie,
      body: { name: 'x'.repeat(jsonLimit) },
    });
    expect(json413.status).toBe(413);
  });

  it('a WAV longer than the limit is refused from its header, before anything is stored or charged', async () => {
    const user = await newUser();
    await useFakeTranscription(user.workspaceId);
    const long = { bytes: wavFile(maxSeconds + 1, 1000, 8), fileName: 'long.wav', type: 'audio/wav' };
    // The client's hint says 5 seconds; the header says 31, and the header wins.
    const response = await postForm(
      t,
      voiceNotes(user),
      { audio: long, platforms: 'x', tone: 'educational', durationSeconds: '5' },
      user,
    );
    expect(response.status).toBe(422);
    expect(
      (await json<{ error: { details: Array<{ path: string }> } }>(response)).error.details[0]?.path,
    ).toBe('audio');
    await expectNothingStored(user.workspaceId);
    expect(await voiceUsage(user.workspaceId)).toEqual([]);
  });

  it('a note the provider measures as too long fails without charging', async () => {
    const user = await newUser();
    await useFakeTranscription(user.workspaceId);
    fake.transcription = { text: 'A very long ramble.', language: 'english', duration: maxSeconds + 30 };
    const mp3 = { bytes: mp3File(), fileName: 'ramble.mp3', type: 'audio/mpeg' };
    const created = await json<Conversation>(
      await postForm(
        t,
        voiceNotes(user),
        { audio: mp3, platforms: 'x', tone: 'educational', durationSeconds: '5' },
        user,
      ),
    );
    expect(created.status).toBe('transcribing');
    const done = await settled(user, created.id);
    expect(done).toMatchObject({
      status: 'failed',
      generationId: null,
      error: expect.stringContaining(`${maxSeconds} seconds`),
    });
    expect(await voiceUsage(user.workspaceId)).toEqual([]);
  });

  it('out of credits, a note with a transcript is a 402 and nothing is stored', async () => {
    const user = await newUser();
    await ensurePeriodGrant(t.deps, user.workspaceId);
    const balance = await getCreditBalance(t.deps.db, user.workspaceId);
    await applyCreditChange(t.deps.db, {
      workspaceId: user.workspaceId,
      amount: -balance,
      operationType: 'staff_adjustment',
      reason: 'adjustment',
      idempotencyKey: `drain-${user.workspaceId}`,
      actor: { type: 'system', id: null },
    });
    expect(await getCreditBalance(t.deps.db, user.workspaceId)).toBe(0);
    const response = await postForm(
      t,
      voiceNotes(user),
      { audio: wav(1), platforms: 'x', tone: 'educational', transcript: 'No credits left.' },
      user,
    );
    expect(response.status).toBe(402);
    await expectNothingStored(user.workspaceId);
  });

  it('an API key uploads through /api/v1/voice-notes into its own workspace; a read key is refused', async () => {
    const user = await newUser();
    const writer = await createApiKeyFor(t, user.cookie, user.workspaceId, 'read_write');
    const reader = await createApiKeyFor(t, user.cookie, user.workspaceId, 'read');
    const fields = { audio: wav(1), platforms: 'x', tone: 'educational' };
    const created = await postForm(t, '/api/v1/voice-notes', fields, { apiKey: writer.secret });
    expect(created.status).toBe(202);
    const conversation = await json<Conversation>(created);
    expect((await conversationOf(user, conversation.id)).status).toBe('needs_transcript');
    expect((await postForm(t, '/api/v1/voice-notes', fields, { apiKey: reader.secret })).status).toBe(403);
    const withSession = await postForm(t, '/api/v1/voice-notes', fields, { cookie: user.cookie });
    expect(withSession.status).toBe(422);
  });

  it('lists conversations newest first in cursor pages', async () => {
    const user = await newUser();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const response = await postForm(
        t,
        voiceNotes(user),
        { audio: wav(1), platforms: 'x', tone: 'educational' },
        user,
      );
      ids.push((await json<Conversation>(response)).id);
    }
    const base = `/api/v1/workspaces/${user.workspaceId}/conversations`;
    const first = await json<{ items: Conversation[]; nextCursor: string }>(
      await t.call('GET', `${base}?limit=2`, { cookie: user.cookie }),
    );
    expect(first.items.map((c) => c.id)).toEqual([ids[2], ids[1]]);
    const second = await json<{ items: Conversation[]; nextCursor: string | null }>(
      await t.call('GET', `${base}?limit=2&cursor=${first.nextCursor}`, { cookie: user.cookie }),
    );
    expect(second).toEqual({ items: [expect.objectContaining({ id: ids[0] })], nextCursor: null });
  });
});
