import { createHash } from 'node:crypto';
import type { AppDeps } from '../../app-context.ts';
import type { Database } from '../../platform/db.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { storageDriverFor, storageKey } from '../../platform/storage.ts';
import { getWorkspacePlan, limitOf } from '../plans/plans.service.ts';
import {
  findStorageObject,
  insertStorageObject,
  lockWorkspaceStorage,
  type StorageObjectRow,
  sumLiveBytes,
} from './storage.queries.ts';

export type StorageObject = StorageObjectRow;
export type StoragePurpose = 'voice_note' | 'image' | 'media';

export type StorageDeps = Pick<AppDeps, 'db' | 'storage' | 'clock' | 'log' | 'config'>;

export interface NewStorageObjectInput {
  workspaceId: string;
  uploadedBy: string | null;
  purpose: StoragePurpose;
  /** The name the user's file had: kept for display and downloads only, never part of the key. */
  fileName: string;
  /** The type Herald detected from the bytes, not the one the client declared. */
  contentType: string;
  /** File extension for the key (`wav`, `png`…); by default the content type's subtype. */
  extension?: string;
  bytes: Uint8Array;
}

/**
 * A file name safe to show and to put in a header: the last path segment only (`../../etc/passwd`
 * becomes `passwd`), no control characters, quotes or backslashes, at most 200 characters.
 */
export function safeFileName(name: string, fallback: string): string {
  const lastSegment = name.split(/[/\\]/).pop() ?? '';
  const cleaned = [...lastSegment]
    .filter((ch) => ch.charCodeAt(0) >= 0x20 && ch.charCodeAt(0) !== 0x7f && !'"*:<>?|'.includes(ch))
    .join('')
    .replace(/^[.\s]+/, '')
    .trim()
    .slice(0, 200);
  return cleaned || fallback;
}

/** `image/png` → `png`; a type with no usable subtype → `bin`. */
function extensionOf(contentType: string): string {
  const subtype = contentType.split(';')[0]?.split('/')[1]?.replace(/^x-/, '') ?? '';
  return /^[a-z0-9]{1,10}$/.test(subtype) ? subtype : 'bin';
}

/**
 * The plan's `storage_bytes` limit holds for what the workspace keeps, so it is checked against the
 * sum of live objects (a gauge). The usage service's counters are monthly and would forget
 * last month's files, so storage is not recorded there. A plan pricing storage overage has no cap.
 */
export async function assertStorageAvailable(db: Database, workspaceId: string, adding: number) {
  const plan = await getWorkspacePlan(db, workspaceId);
  const limit = limitOf(plan, 'storage_bytes');
  if (limit === null || typeof plan.overagePrices.storage_bytes === 'number') return;
  const used = await sumLiveBytes(db, workspaceId);
  if (used + adding > limit) {
    throw new AppError(
      'quota_exceeded',
      `This file (${adding} bytes) would take the workspace past its storage limit (${used} of ${limit} bytes used)`,
      { unit: 'storage_bytes', used, limit, adding },
    );
  }
}

/**
 * Checks the storage limit, writes the bytes, then in one transaction checks the limit again (two
 * uploads may race; the first check only spares writing a file bound to be refused), inserts the
 * row and runs `inside` (which adds the rows that refer to the object). Anything thrown rolls the
 * rows back and deletes the file, so a refused upload leaves neither a row nor a file.
 */
export async function withStoredObject<T>(
  deps: StorageDeps,
  input: NewStorageObjectInput,
  inside: (object: StorageObject, tx: Database) => Promise<T>,
): Promise<T> {
  const extension = input.extension ?? extensionOf(input.contentType);
  const key = storageKey(input.workspaceId, extension, deps.clock.now());
  const sha256 = createHash('sha256').update(input.bytes).digest('hex');
  await assertStorageAvailable(deps.db, input.workspaceId, input.bytes.byteLength);
  try {
    await deps.storage.put(key, input.bytes);
  } catch (error) {
    // A storage outage (disk full, S3 down or refusing the credentials) is the operator's to fix.
    deps.log.error({ err: error, key, driver: deps.storage.kind }, 'could not store an uploaded file');
    throw new AppError('service_unavailable', 'File storage is unavailable; try again later');
  }
  try {
    return await deps.db.transaction(async (tx) => {
      await lockWorkspaceStorage(tx, input.workspaceId);
      await assertStorageAvailable(tx, input.workspaceId, input.bytes.byteLength);
      const object = await insertStorageObject(tx, {
        workspaceId: input.workspaceId,
        uploadedBy: input.uploadedBy,
        purpose: input.purpose,
        driver: deps.storage.kind,
        key,
        fileName: safeFileName(input.fileName, `upload.${extension}`),
        contentType: input.contentType,
        sizeBytes: input.bytes.byteLength,
        sha256,
      });
      return inside(object, tx);
    });
  } catch (error) {
    await deps.storage.delete(key).catch((cleanup: unknown) => {
      deps.log.warn({ err: cleanup, key }, 'could not delete the file of a refused upload');
    });
    throw error;
  }
}

export function createStorageObject(deps: StorageDeps, input: NewStorageObjectInput): Promise<StorageObject> {
  return withStoredObject(deps, input, async (object) => object);
}

export async function getStorageObject(
  db: Database,
  workspaceId: string,
  id: string,
): Promise<StorageObject> {
  const object = await findStorageObject(db, workspaceId, id);
  if (!object) throw notFound('Storage object');
  return object;
}

/**
 * The object's bytes from the driver that stored them (rows keep theirs across a STORAGE_DRIVER
 * change); a row whose file has gone (a restored database without its files) is a 404.
 */
export async function readStorageObject(deps: StorageDeps, object: StorageObject): Promise<Uint8Array> {
  let bytes: Uint8Array | null;
  try {
    bytes = await storageDriverFor(deps, object.driver).get(object.key);
  } catch (error) {
    // S3 down or refusing, or its settings removed while S3 rows remain: the operator's to fix.
    deps.log.error(
      { err: error, objectId: object.id, driver: object.driver },
      'could not read a stored file',
    );
    throw new AppError('service_unavailable', 'File storage is unavailable; try again later');
  }
  if (!bytes) {
    deps.log.warn({ objectId: object.id, key: object.key }, 'storage object row without its file');
    throw new AppError('not_found', 'The file of this storage object is missing');
  }
  return bytes;
}

/** `Content-Disposition: inline` with an ASCII fallback name and the exact name in RFC 5987 form. */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^A-Za-z0-9._ -]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `inline; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
