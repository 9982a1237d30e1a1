import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKeyFor, inviteWithToken } from '../../../../test/api-surface.ts';
import { createTestApp, json, signUp, type TestApp } from '../../../../test/harness.ts';
import { createLocalStorage, isValidStorageKey, storageKey } from '../../platform/storage.ts';
import { createStorageObject, safeFileName } from './storage.service.ts';
import { storageObjects } from './storage.table.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ workers: false });
});
afterAll(() => t.close());

/** Every file under a directory, as paths relative to it. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)));
}

const bytesOf = (text: string) => new TextEncoder().encode(text);

describe('local storage driver', () => {
  it('puts, gets, checks and deletes an object, leaving no temporary file behind', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'herald-driver-'));
    try {
      const storage = createLocalStorage(root);
      const key = storageKey('ws-1', 'wav', new Date('2025-03-09T10:00:00Z'));
      expect(key).toMatch(/^ws-1\/2025\/03\/[0-9a-f-]{36}\.wav$/);
      expect(await storage.exists(key)).toBe(false);
      expect(await storage.get(key)).toBeNull();
      await storage.put(key, bytesOf('first'));
      await storage.put(key, bytesOf('second'));
      expect(new TextDecoder().decode((await storage.get(key)) ?? new Uint8Array())).toBe('second');
      expect(await storage.exists(key)).toBe(true);
      expect(filesUnder(root)).toEqual([key]);
      await storage.delete(key);
      await storage.delete(key);
      expect(await storage.exists(key)).toBe(false);
      expect(filesUnder(root)).toEqual([]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('refuses any key it did not make the shape of, so nothing can reach outside its root', async () => {
    const storage = createLocalStorage(mkdtempSync(path.join(tmpdir(), 'herald-driver-')));
    for (const key of [
      '../escape.wav',
      'a/../../b.wav',
      '/etc/passwd',
      'a\\b.wav',
      'a//b',
      '',
      'a/b.WAV/c',
    ]) {
      expect(isValidStorageKey(key), key).toBe(false);
      await expect(storage.put(key, bytesOf('x')), key).rejects.toThrow(/invalid storage key/);
      await expect(storage.get(key), key).rejects.toThrow(/invalid storage key/);
    }
    // A workspace id with odd characters still makes a valid key.
    expect(isValidStorageKey(storageKey('../../x y', 'png', new Date()))).toBe(true);
  });
});

describe('storage objects', () => {
  it('keeps only the last segment of a file name and drops control characters and quotes', () => {
    expect(safeFileName('../../etc/passwd', 'upload.wav')).toBe('passwd');
    expect(safeFileName('..\\..\\windows\\win.ini', 'upload.wav')).toBe('win.ini');
    expect(safeFileName('voice "note"\u0000\r\n.webm', 'upload.webm')).toBe('voice note.webm');
    expect(safeFileName('..', 'upload.ogg')).toBe('upload.ogg');
    expect(safeFileName('', 'upload.ogg')).toBe('upload.ogg');
    expect(safeFileName('x'.repeat(300), 'f')).toHaveLength(200);
  });

  it('stores the bytes under a generated key with their size and SHA-256, whatever the file was called', async () => {
    const owner = await signUp(t, 'storage-owner@example.com');
    const object = await createStorageObject(t.deps, {
      workspaceId: owner.workspaceId,
      uploadedBy: owner.userId,
      purpose: 'voice_note',
      fileName: '../../../etc/passwd',
      contentType: 'audio/wav',
      extension: 'wav',
      bytes: bytesOf('RIFF....WAVE'),
    });
    expect(object).toMatchObject({ fileName: 'passwd', sizeBytes: 12, driver: 'local' });
    expect(object.sha256).toBe(createHash('sha256').update('RIFF....WAVE').digest('hex'));
    expect(object.key.startsWith(`${owner.workspaceId}/`)).toBe(true);
    expect(filesUnder(t.config.STORAGE_DIR ?? '')).toContain(object.key);
  });

  it('serves the bytes inline to members with nosniff and a safe name, and 404s to anyone else', async () => {
    const owner = await signUp(t, 'content-owner@example.com');
    const viewer = await signUp(t, 'content-viewer@example.com');
    const outsider = await signUp(t, 'content-outsider@example.com');
    const invitation = await inviteWithToken(t, owner.cookie, owner.workspaceId, viewer.email);
    await t.call('POST', `/api/v1/invitations/${invitation.token}/accept`, { cookie: viewer.cookie });
    const object = await createStorageObject(t.deps, {
      workspaceId: owner.workspaceId,
      uploadedBy: owner.userId,
      purpose: 'image',
      fileName: 'C:\\photos\\ré"union\r\n.png',
      contentType: 'image/png',
      bytes: bytesOf('\u0089PNG fake'),
    });
    expect(object.key).toMatch(/\.png$/);
    const path = `/api/v1/workspaces/${owner.workspaceId}/storage-objects/${object.id}/content`;

    for (const cookie of [owner.cookie, viewer.cookie]) {
      const response = await t.call('GET', path, { cookie });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('image/png');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('content-disposition')).toBe(
        `inline; filename="r_union.png"; filename*=UTF-8''r%C3%A9union.png`,
      );
      expect(new Uint8Array(await response.arrayBuffer())).toEqual(bytesOf('\u0089PNG fake'));
    }

    const outsiderKey = await createApiKeyFor(t, outsider.cookie, outsider.workspaceId, 'read');
    expect((await t.call('GET', path, { cookie: outsider.cookie })).status).toBe(404);
    expect((await t.call('GET', path, { apiKey: outsiderKey.secret })).status).toBe(404);
    const elsewhere = `/api/v1/workspaces/${outsider.workspaceId}/storage-objects/${object.id}/content`;
    const wrongWorkspace = await t.call('GET', elsewhere, { cookie: outsider.cookie });
    expect(wrongWorkspace.status).toBe(404);
    expect(await json(wrongWorkspace)).toEqual({ error: { code: 'not_found', message: expect.any(String) } });
    expect((await t.call('GET', path)).status).toBe(401);
  });

  it('an upload past the plan storage limit is a 429 and leaves neither a row nor a file', async () => {
    const owner = await signUp(t, 'storage-full@example.com');
    await t.deps.db.execute(
      sql`update plans set limits = jsonb_set(limits, '{storage_bytes}', '20') where key = 'free'`,
    );
    try {
      const input = {
        workspaceId: owner.workspaceId,
        uploadedBy: owner.userId,
        purpose: 'voice_note' as const,
        fileName: 'a.wav',
        contentType: 'audio/wav',
        extension: 'wav',
        bytes: bytesOf('0123456789abcdef'),
      };
      await createStorageObject(t.deps, input);
      const before = filesUnder(t.config.STORAGE_DIR ?? '');
      await expect(createStorageObject(t.deps, input)).rejects.toMatchObject({ code: 'quota_exceeded' });
      expect(filesUnder(t.config.STORAGE_DIR ?? '')).toEqual(before);
      const rows = await t.deps.db
        .select()
        .from(storageObjects)
        .where(eq(storageObjects.workspaceId, owner.workspaceId));
      expect(rows).toHaveLength(1);
    } finally {
      await t.deps.db.execute(
        sql`update plans set limits = jsonb_set(limits, '{storage_bytes}', ${String(100 * 1024 * 1024)}::jsonb) where key = 'free'`,
      );
    }
  });
});
