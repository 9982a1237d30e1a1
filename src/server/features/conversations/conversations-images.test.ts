import { readdirSync } from 'node:fs';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeLlm, startFakeLlm } from '../../../../test/fakes/fake-llm.ts';
import { createTestApp, json, signUp, type TestApp, waitFor } from '../../../../test/harness.ts';
import { pngFile, postForm, wavFile } from '../../../../test/media-samples.ts';
import { workspaceAiProviders } from '../ai-providers/ai-providers.table.ts';
import { generations } from '../generations/generations.table.ts';
import { storageObjects } from '../storage/storage.table.ts';
import { usageEvents } from '../usage/usage.table.ts';
import { runConversationJob } from './conversations.pipeline.ts';

// Photos (described by a vision model or by the user), stored files, and provider failures.

let t: TestApp;
let fake: FakeLlm;
beforeAll(async () => {
  fake = await startFakeLlm();
  t = await createTestApp();
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
  imageAnalysis: string | null;
  audioObjectId: string | null;
  imageObjectId: string | null;
  generationId: string | null;
  error: string | null;
}

let users = 0;
const newUser = () => signUp(t, `photo-${++users}@example.com`, 'Pia Photo');
const png = (fileName = 'dish.png') => ({ bytes: pngFile(), fileName, type: 'image/png' });
const images = (user: User) => `/api/v1/workspaces/${user.workspaceId}/images`;
const conversationPath = (user: User, id: string) =>
  `/api/v1/workspaces/${user.workspaceId}/conversations/${id}`;

async function settled(user: User, id: string) {
  return waitFor(async () => {
    const response = await t.call('GET', conversationPath(user, id), { cookie: user.cookie });
    const conversation = await json<Conversation>(response);
    return ['completed', 'failed', 'needs_transcript'].includes(conversation.status) && conversation;
  });
}

async function inputOf(generationId: string | null) {
  const [row] = await t.deps.db
    .select()
    .from(generations)
    .where(eq(generations.id, generationId ?? ''));
  return row?.input;
}

async function usageOf(workspaceId: string, unit: 'images' | 'voice_minutes') {
  return t.deps.db
    .select()
    .from(usageEvents)
    .where(and(eq(usageEvents.workspaceId, workspaceId), eq(usageEvents.unit, unit)));
}

describe('photos', () => {
  it('without a vision model the user describes the photo, and their words lead the generation text', async () => {
    const user = await newUser();
    const response = await postForm(
      t,
      images(user),
      { image: png(), platforms: 'instagram', tone: 'conversational', text: 'New on the menu this week.' },
      user,
    );
    expect(response.status).toBe(202);
    const created = await json<Conversation>(response);
    expect(created).toMatchObject({ status: 'needs_transcript', transcript: 'New on the menu this week.' });
    const path = `${conversationPath(user, created.id)}/transcript`;
    const missing = await t.call('POST', path, { cookie: user.cookie, body: { transcript: 'Only words' } });
    expect(missing.status).toBe(422);
    const described = await t.call('POST', path, {
      cookie: user.cookie,
      body: { imageAnalysis: 'A bowl of miso ramen with a soft egg.' },
    });
    expect(described.status).toBe(200);
    const done = await json<Conversation>(described);
    expect(done).toMatchObject({
      status: 'completed',
      imageAnalysis: 'A bowl of miso ramen with a soft egg.',
    });
    expect(await inputOf(done.generationId)).toBe(
      'New on the menu this week.\n\nA bowl of miso ramen with a soft egg.',
    );
  });

  it('with a vision model a job describes the photo, charges one image, and generates', async () => {
    const user = await newUser();
    await t.deps.db.insert(workspaceAiProviders).values({
      workspaceId: user.workspaceId,
      kind: 'local',
      baseUrl: fake.baseUrl,
      visionModel: 'vision-1',
    });
    const created = await json<Conversation>(
      await postForm(t, images(user), { image: png(), platforms: 'facebook', tone: 'educational' }, user),
    );
    expect(created.status).toBe('transcribing');
    const done = await settled(user, created.id);
    expect(done).toMatchObject({ status: 'completed', imageAnalysis: expect.stringContaining('ramen') });
    expect(await inputOf(done.generationId)).toBe(done.imageAnalysis);
    const charged = await usageOf(user.workspaceId, 'images');
    expect(charged.map((u) => [u.quantity, u.operationType, u.idempotencyKey])).toEqual([
      [1, 'image', `image:${created.id}`],
    ]);
  });

  it('a description given with the upload generates at once', async () => {
    const user = await newUser();
    const response = await postForm(
      t,
      images(user),
      { image: png(), platforms: 'x', tone: 'authority', description: 'Our team at the launch party.' },
      user,
    );
    const conversation = await json<Conversation>(response);
    expect(conversation).toMatchObject({ status: 'completed', generationId: expect.any(String) });
    expect(await usageOf(user.workspaceId, 'images')).toEqual([]);
  });

  it('a WAV sent as the image is a 415', async () => {
    const user = await newUser();
    const response = await postForm(
      t,
      images(user),
      {
        image: { bytes: wavFile(1), fileName: 'photo.png', type: 'image/png' },
        platforms: 'x',
        tone: 'authority',
      },
      user,
    );
    expect(response.status).toBe(415);
  });
});

describe('stored uploads', () => {
  it('a file named with a path traversal is stored under a generated key and served under its last segment', async () => {
    const user = await newUser();
    const conversation = await json<Conversation>(
      await postForm(
        t,
        images(user),
        { image: png('../../../../etc/passwd'), platforms: 'x', tone: 'authority' },
        user,
      ),
    );
    const [object] = await t.deps.db
      .select()
      .from(storageObjects)
      .where(eq(storageObjects.id, conversation.imageObjectId ?? ''));
    expect(object?.fileName).toBe('passwd');
    expect(object?.key).toMatch(new RegExp(`^${user.workspaceId}/\\d{4}/\\d{2}/[0-9a-f-]{36}\\.png$`));
    const root = t.config.STORAGE_DIR ?? '';
    const files = readdirSync(root, { recursive: true, withFileTypes: true }).filter((entry) =>
      entry.isFile(),
    );
    for (const file of files) expect(path.resolve(file.parentPath).startsWith(path.resolve(root))).toBe(true);

    const content = `/api/v1/workspaces/${user.workspaceId}/storage-objects/${conversation.imageObjectId}/content`;
    const served = await t.call('GET', content, { cookie: user.cookie });
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(served.headers.get('content-disposition')).toContain('filename="passwd"');
    expect(new Uint8Array(await served.arrayBuffer())).toEqual(pngFile());
    const other = await newUser();
    expect((await t.call('GET', content, { cookie: other.cookie })).status).toBe(404);
  });
});

describe('provider failures', () => {
  it('a transcription that keeps failing ends failed with a readable error and charges nothing', async () => {
    const user = await newUser();
    await t.deps.db.insert(workspaceAiProviders).values({
      workspaceId: user.workspaceId,
      kind: 'local',
      baseUrl: fake.baseUrl,
      transcriptionModel: 'whisper-1',
    });
    fake.transcription = { status: 500 };
    try {
      const created = await json<Conversation>(
        await postForm(
          t,
          `/api/v1/workspaces/${user.workspaceId}/voice-notes`,
          {
            audio: { bytes: wavFile(1), fileName: 'n.wav', type: 'audio/wav' },
            platforms: 'x',
            tone: 'authority',
          },
          user,
        ),
      );
      expect(created.status).toBe('transcribing');
      // The queue's own retries are minutes apart; the last attempt is run here directly.
      const actor = {
        type: 'user' as const,
        userId: user.userId,
        sessionId: 's',
        email: user.email,
        name: 'Pia',
      };
      await runConversationJob(
        t.deps,
        { conversationId: created.id, actor, request: null },
        { isLast: true },
      );
      const done = await settled(user, created.id);
      expect(done).toMatchObject({
        status: 'failed',
        error: expect.stringMatching(/transcription provider/i),
      });
      expect(await usageOf(user.workspaceId, 'voice_minutes')).toEqual([]);
    } finally {
      fake.transcription = { text: 'Hello from the voice note.', language: 'english', duration: 4.2 };
    }
  });

  it('a provider removed after the upload sends the note back to the user for a typed transcript', async () => {
    const user = await newUser();
    await t.deps.db.insert(workspaceAiProviders).values({
      workspaceId: user.workspaceId,
      kind: 'local',
      baseUrl: fake.baseUrl,
      transcriptionModel: 'whisper-1',
    });
    fake.transcription = { status: 503 };
    try {
      const created = await json<Conversation>(
        await postForm(
          t,
          `/api/v1/workspaces/${user.workspaceId}/voice-notes`,
          {
            audio: { bytes: wavFile(1), fileName: 'n.wav', type: 'audio/wav' },
            platforms: 'x',
            tone: 'authority',
          },
          user,
        ),
      );
      await t.deps.db
        .delete(workspaceAiProviders)
        .where(eq(workspaceAiProviders.workspaceId, user.workspaceId));
      const actor = {
        type: 'user' as const,
        userId: user.userId,
        sessionId: 's',
        email: user.email,
        name: 'Pia',
      };
      await runConversationJob(
        t.deps,
        { conversationId: created.id, actor, request: null },
        { isLast: false },
      );
      const done = await settled(user, created.id);
      expect(done).toMatchObject({ status: 'needs_transcript', error: expect.stringMatching(/transcript/) });
    } finally {
      fake.transcription = { text: 'Hello from the voice note.', language: 'english', duration: 4.2 };
    }
  });
});
