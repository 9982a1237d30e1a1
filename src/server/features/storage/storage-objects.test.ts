import { eq, sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { createApiKeyFor, inviteWithToken } from '../../../../test/api-surface.ts';
import { createTestApp, json, signUp } from '../../../../test/harness.ts';
import { mp3File, postForm, wavFile } from '../../../../test/media-samples.ts';
import { putOnPlan } from '../../../../test/plan-fixtures.ts';
import { filesUnder, media } from '../../../../test/storage-media.ts';
import { posts } from '../posts/posts.table.ts';
import { storageObjects } from './storage.table.ts';

const t = await createTestApp({
  workers: false,
  env: {
    IMAGE_MAX_BYTES: '4096',
    VIDEO_MAX_BYTES: '16384',
    VOICE_NOTE_MAX_BYTES: '8192',
  },
});
afterAll(() => t.close());
const storageDir = t.config.STORAGE_DIR ?? '';

let counter = 0;
const owner = () => signUp(t, `objects-${++counter}@example.com`, 'Olive Owner');
const base = (workspaceId: string) => `/api/v1/workspaces/${workspaceId}/storage-objects`;

interface StoredObject {
  id: string;
  purpose: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  url: string;
  createdAt: string;
}

type User = { cookie: string; workspaceId: string };
function upload(
  user: User,
  bytes: Uint8Array,
  fileName: string,
  type = '',
  fields: Record<string, string> = {},
) {
  return postForm(
    t,
    base(user.workspaceId),
    { file: { bytes, fileName, type }, ...fields },
    { cookie: user.cookie },
  );
}

async function uploaded(user: User, bytes: Uint8Array, fileName = 'file.bin') {
  const response = await upload(user, bytes, fileName);
  expect(response.status, await response.clone().text()).toBe(201);
  return json<StoredObject>(response);
}

const rowsOf = (workspaceId: string) =>
  t.deps.db.select().from(storageObjects).where(eq(storageObjects.workspaceId, workspaceId));

describe('uploading post media', () => {
  it('recognises each accepted format from its bytes, whatever the file is called, and serves it back', async () => {
    const user = await owner();
    await putOnPlan(t, user.workspaceId, 'pro'); // free allows no videos
    const cases: Array<[Uint8Array, string]> = [
      [media.jpeg(), 'image/jpeg'],
      [media.png(), 'image/png'],
      [media.webp(), 'image/webp'],
      [media.gif(), 'image/gif'],
      [media.mp4(8192), 'video/mp4'],
      [media.m4a(), 'audio/mp4'],
      [wavFile(0.1), 'audio/wav'],
      [mp3File(), 'audio/mpeg'],
    ];
    for (const [bytes, contentType] of cases) {
      const object = await uploaded(user, bytes, '../../etc/renamed.txt');
      expect(object).toMatchObject({
        purpose: 'media',
        fileName: 'renamed.txt',
        contentType,
        sizeBytes: bytes.length,
      });
      expect(object.url).toBe(`http://herald.test${base(user.workspaceId)}/${object.id}/content`);
      const content = await t.call('GET', new URL(object.url).pathname, { cookie: user.cookie });
      expect(content.status).toBe(200);
      expect(content.headers.get('content-type')).toBe(contentType);
      expect(new Uint8Array(await content.arrayBuffer())).toEqual(bytes);
    }
    // Keys are generated: every file sits under the workspace's folder, none under its given name.
    const rows = await rowsOf(user.workspaceId);
    expect(rows).toHaveLength(cases.length);
    for (const row of rows) expect(row.key.startsWith(`${user.workspaceId}/`)).toBe(true);
    expect(filesUnder(storageDir).filter((file) => file.includes('etc') || file.includes('..'))).toEqual([]);
  });

  it('refuses other formats, a declared type the bytes contradict, and malformed forms, storing nothing', async () => {
    const user = await owner();
    const before = filesUnder(storageDir).length;
    const refusals: Array<[Promise<Response>, number]> = [
      [upload(user, media.text(), 'photo.png', 'image/png'), 415],
      [upload(user, media.heic(), 'photo.heic'), 415],
      [upload(user, media.gif(), 'photo.png', 'image/png'), 415],
      [upload(user, new Uint8Array(), 'empty.png'), 422],
      [upload(user, media.png(), 'p.png', '', { purpose: 'voice_note' }), 422],
      [postForm(t, base(user.workspaceId), { purpose: 'media' }, { cookie: user.cookie }), 422],
      [t.call('POST', base(user.workspaceId), { cookie: user.cookie, body: { file: 'x' } }), 415],
    ];
    for (const [request, status] of refusals) {
      const response = await request;
      expect(response.status, await response.clone().text()).toBe(status);
      expect(await json(response)).toMatchObject({ error: { code: expect.any(String) } });
    }
    expect(await rowsOf(user.workspaceId)).toEqual([]);
    expect(filesUnder(storageDir)).toHaveLength(before);
  });

  it('holds each kind to its own size limit (413), and the route to the largest plus the form', async () => {
    const user = await owner();
    await putOnPlan(t, user.workspaceId, 'pro'); // free allows no videos
    const tooBigPicture = await upload(user, media.png(4097), 'big.png');
    expect(tooBigPicture.status).toBe(413);
    expect(await json(tooBigPicture)).toMatchObject({
      error: { code: 'payload_too_large', details: { kind: 'image', limit: 4096 } },
    });
    expect((await upload(user, media.mp4(4097), 'clip.mp4')).status).toBe(201);
    expect((await upload(user, media.mp4(16385), 'long.mp4')).status).toBe(413);
    expect((await upload(user, wavFile(1), 'long.wav')).status).toBe(413);
    const huge = await upload(user, media.mp4(2 * 1024 * 1024), 'huge.mp4');
    expect(huge.status).toBe(413);
    expect(await rowsOf(user.workspaceId)).toHaveLength(1);
  });

  it('a file past the plan storage limit is a 429 before anything is written; deleting frees the room', async () => {
    const user = await owner();
    await t.deps.db.execute(
      sql`update plans set limits = jsonb_set(limits, '{storage_bytes}', '100') where key = 'free'`,
    );
    try {
      const first = await uploaded(user, media.png(64));
      const before = filesUnder(storageDir).length;
      const refused = await upload(user, media.png(64), 'second.png');
      expect(refused.status).toBe(429);
      expect(await json(refused)).toMatchObject({
        error: {
          code: 'quota_exceeded',
          details: { unit: 'storage_bytes', used: 64, limit: 100, adding: 64 },
        },
      });
      expect(filesUnder(storageDir)).toHaveLength(before);
      expect(await rowsOf(user.workspaceId)).toHaveLength(1);
      expect(
        (await t.call('DELETE', `${base(user.workspaceId)}/${first.id}`, { cookie: user.cookie })).status,
      ).toBe(204);
      expect((await upload(user, media.png(64), 'second.png')).status).toBe(201);
    } finally {
      await t.deps.db.execute(
        sql`update plans set limits = jsonb_set(limits, '{storage_bytes}', ${String(100 * 1024 * 1024)}::jsonb) where key = 'free'`,
      );
    }
  });
});

describe('listing and deleting storage objects', () => {
  it('lists live objects newest first in cursor pages, filtered by purpose; members read, read-only keys cannot change', async () => {
    const user = await owner();
    const viewer = await signUp(t, `objects-viewer-${counter}@example.com`);
    const invitation = await inviteWithToken(t, user.cookie, user.workspaceId, viewer.email);
    await t.call('POST', `/api/v1/invitations/${invitation.token}/accept`, { cookie: viewer.cookie });
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await uploaded(user, media.png(), `p${i}.png`)).id);
    await t.deps.db
      .update(storageObjects)
      .set({ purpose: 'voice_note' })
      .where(eq(storageObjects.id, ids[0] ?? ''));
    expect(
      (await t.call('DELETE', `${base(user.workspaceId)}/${ids[4]}`, { cookie: user.cookie })).status,
    ).toBe(204);

    const seen: string[] = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const page = await t.call(
        'GET',
        `${base(user.workspaceId)}?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        {
          cookie: viewer.cookie,
        },
      );
      expect(page.status).toBe(200);
      const body: { items: StoredObject[]; nextCursor: string | null } = await json(page);
      seen.push(...body.items.map((item) => item.id));
      cursor = body.nextCursor;
    }
    expect(seen).toEqual([ids[3], ids[2], ids[1], ids[0]]);
    const media_ = await json<{ items: StoredObject[] }>(
      await t.call('GET', `${base(user.workspaceId)}?purpose=media`, { cookie: user.cookie }),
    );
    expect(media_.items.map((item) => item.id)).toEqual([ids[3], ids[2], ids[1]]);
    expect(
      (await t.call('GET', `${base(user.workspaceId)}?purpose=other`, { cookie: user.cookie })).status,
    ).toBe(422);

    const readKey = await createApiKeyFor(t, user.cookie, user.workspaceId, 'read');
    const byKey = await postForm(
      t,
      base(user.workspaceId),
      { file: { bytes: media.png(), fileName: 'k.png', type: '' } },
      { apiKey: readKey.secret },
    );
    expect(byKey.status).toBe(403);
    expect(
      (await t.call('DELETE', `${base(user.workspaceId)}/${ids[1]}`, { apiKey: readKey.secret })).status,
    ).toBe(403);
    expect(await rowsOf(user.workspaceId)).toHaveLength(5);
  });

  it('a delete hides the object (content 404, not listed) but keeps its bytes; 409 while a scheduled post uses it', async () => {
    const user = await owner();
    const object = await uploaded(user, media.jpeg(), 'cover.jpg');
    const [row] = await rowsOf(user.workspaceId);
    const post = await json<{ id: string }>(
      await t.call('POST', `/api/v1/workspaces/${user.workspaceId}/posts`, {
        cookie: user.cookie,
        body: {
          platform: 'x',
          content: { tweets: ['With a picture'], hashtags: [] },
          mediaObjectIds: [object.id],
        },
      }),
    );
    // Set directly: what matters here is the status, not the publish job a schedule would queue.
    const setStatus = (status: 'draft' | 'scheduled') =>
      t.deps.db.update(posts).set({ status }).where(eq(posts.id, post.id));
    await setStatus('scheduled');

    const objectPath = `${base(user.workspaceId)}/${object.id}`;
    const refused = await t.call('DELETE', objectPath, { cookie: user.cookie });
    expect(refused.status).toBe(409);
    expect(await json(refused)).toMatchObject({
      error: { code: 'conflict', details: { postIds: [post.id] } },
    });

    await setStatus('draft');
    expect((await t.call('DELETE', objectPath, { cookie: user.cookie })).status).toBe(204);
    expect((await t.call('GET', `${objectPath}/content`, { cookie: user.cookie })).status).toBe(404);
    expect((await t.call('DELETE', objectPath, { cookie: user.cookie })).status).toBe(404);
    const list = await json<{ items: unknown[] }>(
      await t.call('GET', base(user.workspaceId), { cookie: user.cookie }),
    );
    expect(list.items).toEqual([]);
    const [deleted] = await rowsOf(user.workspaceId);
    expect(deleted?.deletedAt).toBeInstanceOf(Date);
    expect(filesUnder(storageDir)).toContain(row?.key);
  });

  it('another workspace gets 404 for the object, its content and its delete, by session or API key', async () => {
    const user = await owner();
    const outsider = await owner();
    const object = await uploaded(user, media.png(), 'mine.png');
    const key = await createApiKeyFor(t, outsider.cookie, outsider.workspaceId, 'read_write');
    for (const workspaceId of [user.workspaceId, outsider.workspaceId]) {
      const objectPath = `${base(workspaceId)}/${object.id}`;
      for (const auth of [{ cookie: outsider.cookie }, { apiKey: key.secret }]) {
        expect((await t.call('GET', `${objectPath}/content`, auth)).status).toBe(404);
        expect((await t.call('DELETE', objectPath, auth)).status).toBe(404);
      }
    }
    const theirList = await json<{ items: unknown[] }>(
      await t.call('GET', base(outsider.workspaceId), { cookie: outsider.cookie }),
    );
    expect(theirList.items).toEqual([]);
    expect((await rowsOf(user.workspaceId))[0]?.deletedAt).toBeNull();
  });
});
