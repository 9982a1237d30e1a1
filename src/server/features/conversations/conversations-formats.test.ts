import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeLlm, startFakeLlm } from '../../../../test/fakes/fake-llm.ts';
import { createTestApp, json, signUp, type TestApp, waitFor } from '../../../../test/harness.ts';
import {
  m4aFile,
  oggOpusFile,
  postForm,
  type UploadField,
  webmFile,
} from '../../../../test/media-samples.ts';
import { workspaceAiProviders } from '../ai-providers/ai-providers.table.ts';
import { generations } from '../generations/generations.table.ts';
import { storageObjects } from '../storage/storage.table.ts';
import { usageEvents } from '../usage/usage.table.ts';
import { conversations } from './conversations.table.ts';

// Voice notes in the formats browsers and phones record (WebM, Ogg Opus, M4A), next to the WAV and
// MP3 of conversations.test.ts. Only a WAV is measured from its own header; for these the length
// charged is, as the route documents, the provider's duration, else the client's `durationSeconds`,
// else an estimate from the transcript's words (150 a minute), in whole minutes rounded up.

let t: TestApp;
let fake: FakeLlm;
const maxSeconds = 300;

beforeAll(async () => {
  fake = await startFakeLlm();
  t = await createTestApp({ env: { VOICE_NOTE_MAX_SECONDS: String(maxSeconds) } });
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
  durationSeconds: number | null;
  audioObjectId: string | null;
  generationId: string | null;
}

let users = 0;
const newUser = () => signUp(t, `formats-${++users}@example.com`, 'Otto Ogg');
const voiceNotes = (user: User) => `/api/v1/workspaces/${user.workspaceId}/voice-notes`;

async function useFakeTranscription(workspaceId: string) {
  await t.deps.db
    .insert(workspaceAiProviders)
    .values({ workspaceId, kind: 'local', baseUrl: fake.baseUrl, transcriptionModel: 'whisper-1' });
}

async function conversationOf(user: User, id: string) {
  const path = `/api/v1/workspaces/${user.workspaceId}/conversations/${id}`;
  return json<Conversation>(await t.call('GET', path, { cookie: user.cookie }));
}

const settled = (user: User, id: string) =>
  waitFor(async () => {
    const conversation = await conversationOf(user, id);
    return ['completed', 'failed', 'needs_transcript'].includes(conversation.status) && conversation;
  });

async function storedObject(id: string | null) {
  const [row] = await t.deps.db
    .select()
    .from(storageObjects)
    .where(eq(storageObjects.id, id ?? ''));
  return row;
}

async function voiceMinutes(workspaceId: string) {
  const rows = await t.deps.db
    .select()
    .from(usageEvents)
    .where(and(eq(usageEvents.workspaceId, workspaceId), eq(usageEvents.unit, 'voice_minutes')));
  return rows.map((row) => row.quantity);
}

interface Format {
  name: string;
  file: UploadField;
  contentType: string;
  /** The file extension the AI SDK gives the provider for that type. */
  sentAs: string;
}

// Declared types as browsers send them: MediaRecorder adds codecs, the OS names .m4a audio/x-m4a.
const formats: Format[] = [
  {
    name: 'WebM',
    file: { bytes: webmFile(), fileName: 'note.webm', type: 'audio/webm;codecs=opus' },
    contentType: 'audio/webm',
    sentAs: 'webm',
  },
  {
    name: 'Ogg Opus',
    file: { bytes: oggOpusFile(3), fileName: 'note.ogg', type: 'audio/ogg; codecs=opus' },
    contentType: 'audio/ogg',
    sentAs: 'ogg',
  },
  {
    name: 'M4A (M4A brand)',
    file: { bytes: m4aFile('M4A ', 3), fileName: 'memo.m4a', type: 'audio/x-m4a' },
    contentType: 'audio/mp4',
    sentAs: 'm4a',
  },
  {
    name: 'M4A (isom brand)',
    file: { bytes: m4aFile('isom', 3), fileName: 'recording.m4a', type: 'audio/mp4' },
    contentType: 'audio/mp4',
    sentAs: 'm4a',
  },
];

describe('voice note formats', () => {
  it.each(formats)(
    'a $name note is stored as its type, transcribed and charged the provider duration',
    async (format) => {
      const user = await newUser();
      await useFakeTranscription(user.workspaceId);
      // 75 s by the provider: two voice minutes (whole minutes, rounded up).
      fake.transcription = {
        text: `A ${format.name} note about the release.`,
        language: 'english',
        duration: 75,
      };
      const before = fake.requests.length;
      const response = await postForm(
        t,
        voiceNotes(user),
        { audio: format.file, platforms: 'x', tone: 'educational' },
        user,
      );
      expect(response.status).toBe(202);
      const created = await json<Conversation>(response);
      // No header to measure and no hint: the length is unknown until the provider answers.
      expect(created).toMatchObject({ status: 'transcribing', durationSeconds: null });
      const object = await storedObject(created.audioObjectId);
      expect(object).toMatchObject({
        purpose: 'voice_note',
        contentType: format.contentType,
        fileName: format.file.fileName,
        sizeBytes: format.file.bytes.length,
      });

      const done = await settled(user, created.id);
      expect(done).toMatchObject({
        status: 'completed',
        durationSeconds: 75,
        transcript: expect.stringContaining(format.name),
      });
      const [generation] = await t.deps.db
        .select()
        .from(generations)
        .where(eq(generations.id, done.generationId ?? ''));
      expect(generation).toMatchObject({ sourceType: 'voice_note', sourceId: created.id });
      // The provider got the stored bytes, typed as the same format.
      const sent = fake.requests.slice(before).filter((r) => r.api === 'transcriptions');
      expect(sent).toHaveLength(1);
      const body = sent[0]?.raw ?? Buffer.alloc(0);
      expect(body.includes(Buffer.from(format.file.bytes))).toBe(true);
      expect(body.toString('latin1')).toContain(`filename="audio.${format.sentAs}"`);
      expect(await voiceMinutes(user.workspaceId)).toEqual([2]);
    },
  );

  it('without a provider duration the client hint is charged, and without a hint the words are', async () => {
    const user = await newUser();
    await useFakeTranscription(user.workspaceId);
    fake.transcription = { text: 'Short words only.', language: 'english' };
    const hinted = await json<Conversation>(
      await postForm(
        t,
        voiceNotes(user),
        {
          audio: formats[0]?.file as UploadField,
          platforms: 'x',
          tone: 'educational',
          durationSeconds: '125',
        },
        user,
      ),
    );
    expect(hinted.durationSeconds).toBe(125);
    expect(await settled(user, hinted.id)).toMatchObject({ status: 'completed', durationSeconds: 125 });
    expect(await voiceMinutes(user.workspaceId)).toEqual([3]);

    const other = await newUser();
    await useFakeTranscription(other.workspaceId);
    const unhinted = await json<Conversation>(
      await postForm(
        t,
        voiceNotes(other),
        { audio: formats[1]?.file as UploadField, platforms: 'x', tone: 'educational' },
        other,
      ),
    );
    // Three words at 150 a minute: about a second, charged as the one-minute minimum.
    expect(await settled(other, unhinted.id)).toMatchObject({ status: 'completed', durationSeconds: 2 });
    expect(await voiceMinutes(other.workspaceId)).toEqual([1]);
  });

  it('a non-WAV note whose hint is over the limit is refused before anything is stored', async () => {
    const user = await newUser();
    await useFakeTranscription(user.workspaceId);
    const response = await postForm(
      t,
      voiceNotes(user),
      {
        audio: formats[2]?.file as UploadField,
        platforms: 'x',
        tone: 'educational',
        durationSeconds: String(maxSeconds + 1),
      },
      user,
    );
    expect(response.status).toBe(422);
    await expectNothingStored(user.workspaceId);
  });

  it('without a provider each format waits for a typed transcript', async () => {
    const user = await newUser();
    for (const format of formats) {
      const response = await postForm(
        t,
        voiceNotes(user),
        { audio: format.file, platforms: 'linkedin', tone: 'authority' },
        user,
      );
      expect(response.status).toBe(202);
      const created = await json<Conversation>(response);
      expect(created.status).toBe('needs_transcript');
      expect((await storedObject(created.audioObjectId))?.contentType).toBe(format.contentType);
      const typed = await t.call(
        'POST',
        `/api/v1/workspaces/${user.workspaceId}/conversations/${created.id}/transcript`,
        {
          cookie: user.cookie,
          body: { transcript: `Typed from the ${format.name} note.` },
        },
      );
      expect(typed.status).toBe(200);
      expect(await json<Conversation>(typed)).toMatchObject({
        status: 'completed',
        generationId: expect.any(String),
      });
    }
    expect(await voiceMinutes(user.workspaceId)).toEqual([]);
  });

  it('a declared type that contradicts the bytes is a 415 and nothing is stored', async () => {
    const user = await newUser();
    await useFakeTranscription(user.workspaceId);
    const liars: UploadField[] = [
      { bytes: oggOpusFile(), fileName: 'note.webm', type: 'audio/webm' },
      { bytes: webmFile(), fileName: 'note.ogg', type: 'audio/ogg' },
      { bytes: m4aFile(), fileName: 'note.webm', type: 'audio/webm' },
      { bytes: webmFile(), fileName: 'note.m4a', type: 'audio/mp4' },
      // Matroska is EBML too, but not WebM: refused whatever it is called.
      { bytes: webmFile('matroska'), fileName: 'note.webm', type: 'audio/webm' },
    ];
    for (const audio of liars) {
      const response = await postForm(
        t,
        voiceNotes(user),
        { audio, platforms: 'x', tone: 'educational' },
        user,
      );
      expect(response.status).toBe(415);
      expect((await json<{ error: { code: string } }>(response)).error.code).toBe('unsupported_media_type');
    }
    await expectNothingStored(user.workspaceId);
  });
});

async function expectNothingStored(workspaceId: string) {
  expect(
    await t.deps.db.select().from(conversations).where(eq(conversations.workspaceId, workspaceId)),
  ).toEqual([]);
  expect(
    await t.deps.db.select().from(storageObjects).where(eq(storageObjects.workspaceId, workspaceId)),
  ).toEqual([]);
  expect(await voiceMinutes(workspaceId)).toEqual([]);
}
