import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { type FakeS3, startFakeS3 } from '../../../../test/fakes/fake-s3.ts';
import { createTestApp, json, signUp, type TestApp } from '../../../../test/harness.ts';
import { postForm } from '../../../../test/media-samples.ts';
import { filesUnder, media } from '../../../../test/storage-media.ts';
import { allJobs } from '../../jobs.ts';
import { createManualClock } from '../../platform/clock.ts';
import { createLocalStorage } from '../../platform/storage.ts';
import { posts } from '../posts/posts.table.ts';
import { storageJobs, storageSchedules } from './storage.jobs.ts';
import { createStorageObject } from './storage.service.ts';
import { storageObjects } from './storage.table.ts';

const day = 86_400_000;
const s3 = {
  bucket: 'herald-media',
  region: 'eu-west-1',
  accessKeyId: 'HERALDKEY',
  secretAccessKey: 'right-secret-0123456789',
};
const s3Env = (fake: FakeS3, secret = s3.secretAccessKey) => ({
  STORAGE_DRIVER: 's3',
  S3_ENDPOINT: fake.url,
  S3_REGION: s3.region,
  S3_BUCKET: s3.bucket,
  S3_ACCESS_KEY_ID: s3.accessKeyId,
  S3_SECRET_ACCESS_KEY: secret,
  S3_FORCE_PATH_STYLE: 'true',
});

const open: Array<{ close(): Promise<void> }> = [];
afterAll(async () => {
  for (const item of open.reverse()) await item.close();
});

let counter = 0;
async function uploadTo(t: TestApp, user: { cookie: string; workspaceId: string }, bytes: Uint8Array) {
  const response = await postForm(
    t,
    `/api/v1/workspaces/${user.workspaceId}/storage-objects`,
    { file: { bytes, fileName: 'photo.png', type: 'image/png' } },
    { cookie: user.cookie },
  );
  return response;
}
const rowOf = async (t: TestApp, id: string) =>
  (await t.deps.db.select().from(storageObjects).where(eq(storageObjects.id, id)))[0] ?? null;
const runPurge = async (t: TestApp) => {
  // The worker runs the job registered in jobs.ts; its handler is called here as the queue would.
  expect(allJobs(t.deps).some((definition) => definition.name === 'storage.purge')).toBe(true);
  const [job] = storageJobs(t.deps);
  await job?.handler({}, { jobId: 'test', attempt: 0 });
};

describe('storage.purge', () => {
  it('runs daily and removes the bytes and row of objects deleted more than STORAGE_PURGE_AFTER_DAYS ago, only those', async () => {
    expect(storageSchedules).toEqual([
      { name: 'storage.purge', cron: expect.stringMatching(/^\d+ \d+ \* \* \*$/) },
    ]);
    const clock = createManualClock(new Date('2026-03-01T10:00:00Z'));
    const t = await createTestApp({ workers: false, clock, env: { STORAGE_PURGE_AFTER_DAYS: '7' } });
    open.push(t);
    const storageDir = t.config.STORAGE_DIR ?? '';
    const user = await signUp(t, `purge-${++counter}@example.com`);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++)
      ids.push((await json<{ id: string }>(await uploadTo(t, user, media.png()))).id);
    const [gone, kept, used] = ids as [string, string, string];
    const keyOf = async (id: string) => (await rowOf(t, id))?.key ?? '';
    const [goneKey, usedKey] = [await keyOf(gone), await keyOf(used)];
    const path = `/api/v1/workspaces/${user.workspaceId}/storage-objects`;
    expect((await t.call('DELETE', `${path}/${gone}`, { cookie: user.cookie })).status).toBe(204);
    // A delete that raced a schedule: the object is deleted, but a scheduled post still uses it.
    const post = await json<{ id: string }>(
      await t.call('POST', `/api/v1/workspaces/${user.workspaceId}/posts`, {
        cookie: user.cookie,
        body: { platform: 'x', content: { tweets: ['Picture'], hashtags: [] }, mediaObjectIds: [used] },
      }),
    );
    await t.deps.db.update(posts).set({ status: 'scheduled' }).where(eq(posts.id, post.id));
    await t.deps.db.update(storageObjects).set({ deletedAt: clock.now() }).where(eq(storageObjects.id, used));

    clock.advance(7 * day - 60_000);
    await runPurge(t);
    expect(await rowOf(t, gone)).not.toBeNull();
    expect(filesUnder(storageDir)).toContain(goneKey);

    clock.advance(2 * 60_000);
    await runPurge(t);
    expect(await rowOf(t, gone)).toBeNull();
    expect(filesUnder(storageDir)).not.toContain(goneKey);
    expect(await rowOf(t, kept)).toMatchObject({ deletedAt: null });
    expect(await rowOf(t, used)).not.toBeNull();
    expect(filesUnder(storageDir)).toContain(usedKey);

    // Once the post no longer holds it, the next run takes it too.
    await t.deps.db.update(posts).set({ status: 'draft' }).where(eq(posts.id, post.id));
    await runPurge(t);
    expect(await rowOf(t, used)).toBeNull();
    expect(filesUnder(storageDir)).toHaveLength(1);
  });
});

describe('storage objects on S3-compatible storage', () => {
  it('stores uploads in the bucket, reads them and rows written by the local driver alike, and purges from the bucket', async () => {
    const fake = await startFakeS3(s3);
    open.push(fake);
    const clock = createManualClock(new Date());
    const t = await createTestApp({ workers: false, clock, env: s3Env(fake) });
    open.push(t);
    const user = await signUp(t, `s3-${++counter}@example.com`);
    const bytes = media.png(200);
    const response = await uploadTo(t, user, bytes);
    expect(response.status, await response.clone().text()).toBe(201);
    const object = await json<{ id: string; url: string }>(response);
    const row = await rowOf(t, object.id);
    expect(row).toMatchObject({ driver: 's3' });
    expect(fake.objects.get(row?.key ?? '')).toEqual(Buffer.from(bytes));
    expect(filesUnder(t.config.STORAGE_DIR ?? '')).toEqual([]);

    // A file from before the switch to S3, still on local disk.
    const local = createLocalStorage(t.config.STORAGE_DIR ?? '');
    const older = await createStorageObject(
      { ...t.deps, storage: local },
      {
        workspaceId: user.workspaceId,
        uploadedBy: user.userId,
        purpose: 'media',
        fileName: 'old.gif',
        contentType: 'image/gif',
        bytes: media.gif(),
      },
    );
    expect(older.driver).toBe('local');
    for (const [id, expected] of [
      [object.id, bytes],
      [older.id, media.gif()],
    ] as const) {
      const content = await t.call(
        'GET',
        `/api/v1/workspaces/${user.workspaceId}/storage-objects/${id}/content`,
        {
          cookie: user.cookie,
        },
      );
      expect(content.status).toBe(200);
      expect(new Uint8Array(await content.arrayBuffer())).toEqual(expected);
    }

    const path = `/api/v1/workspaces/${user.workspaceId}/storage-objects`;
    for (const id of [object.id, older.id]) {
      expect((await t.call('DELETE', `${path}/${id}`, { cookie: user.cookie })).status).toBe(204);
    }
    clock.advance(8 * day);
    await runPurge(t);
    expect(fake.objects.size).toBe(0);
    expect(filesUnder(t.config.STORAGE_DIR ?? '')).toEqual([]);
    expect(await rowOf(t, object.id)).toBeNull();
    expect(await rowOf(t, older.id)).toBeNull();
    expect(fake.requests.every((request) => request.error === null || request.error === 'NoSuchKey')).toBe(
      true,
    );
  });

  it('with a secret the bucket does not accept, an upload is a 503 that leaves no row, and reading is a 503', async () => {
    const fake = await startFakeS3(s3);
    open.push(fake);
    const t = await createTestApp({ workers: false, env: s3Env(fake, 'a-wrong-secret-0123456789') });
    open.push(t);
    const user = await signUp(t, `s3-wrong-${++counter}@example.com`);
    const response = await uploadTo(t, user, media.png());
    expect(response.status).toBe(503);
    expect(await json(response)).toEqual({
      error: { code: 'service_unavailable', message: 'File storage is unavailable; try again later' },
    });
    expect(fake.requests.map((request) => request.error)).toEqual(['SignatureDoesNotMatch']);
    expect(fake.objects.size).toBe(0);
    // A row the bucket cannot serve (here: it refuses the signature) is a 503 too, not a 500.
    const local = await createStorageObject(t.deps, {
      workspaceId: user.workspaceId,
      uploadedBy: user.userId,
      purpose: 'media',
      fileName: 'x.png',
      contentType: 'image/png',
      bytes: media.png(),
    }).catch((error: unknown) => error);
    expect(local).toMatchObject({ code: 'service_unavailable' });
    await t.deps.db.insert(storageObjects).values({
      id: 'unreadable',
      workspaceId: user.workspaceId,
      purpose: 'media',
      driver: 's3',
      key: `${user.workspaceId}/2026/01/unreadable.png`,
      fileName: 'x.png',
      contentType: 'image/png',
      sizeBytes: 1,
      sha256: 'x',
    });
    const content = await t.call(
      'GET',
      `/api/v1/workspaces/${user.workspaceId}/storage-objects/unreadable/content`,
      {
        cookie: user.cookie,
      },
    );
    expect(content.status).toBe(503);
    await t.deps.db.delete(storageObjects).where(eq(storageObjects.id, 'unreadable'));
    const rows = await t.deps.db
      .select()
      .from(storageObjects)
      .where(eq(storageObjects.workspaceId, user.workspaceId));
    expect(rows).toEqual([]);
  });
});
