import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isErrorEnvelope, snapshotDatabase } from '../../../../test/api-surface.ts';
import { createTestApp, json, signUp, type TestApp } from '../../../../test/harness.ts';
import { mp3File, pngFile, postForm, type UploadField, wavFile } from '../../../../test/media-samples.ts';

// Generated multipart forms on the upload routes (the OpenAPI-wide fuzzing only sends JSON-shaped
// bodies): whatever the fields hold, the answer is a 4xx envelope or a 202, never a 5xx, and a refusal
// stores nothing.

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({
    workers: false,
    env: { VOICE_NOTE_MAX_BYTES: '65536', IMAGE_MAX_BYTES: '65536' },
  });
});
afterAll(() => t.close());

const fileNames = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom(
    '../../etc/passwd',
    '..\\..\\boot.ini',
    'a\u0000b.wav',
    '',
    '.',
    ' ',
    '😀.webm',
    'x'.repeat(500),
  ),
);
const types = fc.constantFrom(
  '',
  'audio/wav',
  'audio/webm',
  'image/png',
  'text/plain',
  'application/octet-stream',
);
const contents = fc.oneof(
  fc.constant(wavFile(1)),
  fc.constant(wavFile(1).slice(0, 30)),
  fc.constant(mp3File()),
  fc.constant(pngFile()),
  fc.constant(new Uint8Array(0)),
  fc.uint8Array({ maxLength: 2000 }),
);
const file = fc.record({ bytes: contents, fileName: fileNames, type: types });
const text = fc.oneof(
  fc.string({ maxLength: 60 }),
  fc.constantFrom('x,linkedin', 'x,x', 'nope', '', 'a\u0000b', 'educational', 'fr', '-1', 'NaN', '1e9', '5'),
);
const fields = fc.dictionary(
  fc.constantFrom(
    'audio',
    'image',
    'platforms',
    'tone',
    'language',
    'transcript',
    'durationSeconds',
    'description',
    'text',
    'other',
  ),
  fc.oneof(text, file),
  { maxKeys: 8 },
);

describe('multipart input', () => {
  it('generated forms on the upload routes answer 202 or a 4xx envelope, and a refusal stores nothing', async () => {
    const user = await signUp(t, 'multipart-fuzz@example.com');
    const routes = [
      `/api/v1/workspaces/${user.workspaceId}/voice-notes`,
      `/api/v1/workspaces/${user.workspaceId}/images`,
    ];
    let baseline = await snapshotDatabase(t.deps.db);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...routes), fields, async (route, form) => {
        const response = await postForm(t, route, form as Record<string, string | UploadField>, user);
        expect(response.status, await response.clone().text()).toBeLessThan(500);
        if (response.status === 202) {
          baseline = await snapshotDatabase(t.deps.db);
          return;
        }
        expect(isErrorEnvelope(await response.json())).toBe(true);
        expect(await snapshotDatabase(t.deps.db)).toEqual(baseline);
      }),
      { numRuns: Number(process.env.HERALD_FUZZ_RUNS ?? 60) },
    );
  });

  it('a body that is not the multipart it says it is gets a 400, and JSON gets a 415', async () => {
    const user = await signUp(t, 'multipart-broken@example.com');
    const path = `/api/v1/workspaces/${user.workspaceId}/voice-notes`;
    const broken = await t.call('POST', path, {
      cookie: user.cookie,
      rawBody: '--other\r\nContent-Disposition: form-data; name="tone"\r\n\r\nx',
      headers: { 'content-type': 'multipart/form-data; boundary=expected' },
    });
    expect(broken.status).toBe(400);
    const asJson = await t.call('POST', path, {
      cookie: user.cookie,
      body: { platforms: 'x', tone: 'educational' },
    });
    expect(asJson.status).toBe(415);
    expect((await json<{ error: { message: string } }>(asJson)).error.message).toMatch(/multipart/);
  });
});
