import { randomUUID } from 'node:crypto';
import { mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../config.ts';
import { createS3Storage } from './storage-s3.ts';

export type StorageKind = 'local' | 's3';

/**
 * Where uploaded bytes live. The database row (storage_objects) is the index; a driver only keeps
 * bytes under keys Herald made itself. Small on purpose: local disk and S3 implement the same four calls.
 */
export interface StorageDriver {
  /** Stored in storage_objects.driver, so a row always names where its bytes are. */
  readonly kind: StorageKind;
  /** Writes the whole object or nothing: a reader never sees half a file. */
  put(key: string, bytes: Uint8Array): Promise<void>;
  /** The bytes, or null when nothing is stored under the key. */
  get(key: string): Promise<Uint8Array | null>;
  /** Removes the object; removing a missing one is not an error. */
  delete(key: string): Promise<void>;
  exists(key: string): Promise<boolean>;
}

// Keys are built by storageKey() below and never from a user's file name, so this pattern is a
// second line of defence: no `..`, no absolute path, no backslash, nothing but [A-Za-z0-9_-] segments.
const keyPattern = /^[A-Za-z0-9_-]{1,100}(\/[A-Za-z0-9_-]{1,100}){0,5}(\.[a-z0-9]{1,10})?$/;

export function isValidStorageKey(key: string): boolean {
  return keyPattern.test(key);
}

function assertValidKey(key: string): void {
  if (!isValidStorageKey(key)) throw new Error(`invalid storage key: ${JSON.stringify(key)}`);
}

/** `<workspace>/<yyyy>/<mm>/<uuid>.<ext>`: spreads files over folders and says whose they are. */
export function storageKey(workspaceId: string, extension: string, now: Date): string {
  const owner = workspaceId.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 100) || 'workspace';
  const year = String(now.getUTCFullYear()).padStart(4, '0');
  const month = String(now.getUTCMonth() + 1).padStart(2, '0');
  const ext = extension
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '')
    .slice(0, 10);
  const key = `${owner}/${year}/${month}/${randomUUID()}${ext ? `.${ext}` : ''}`;
  assertValidKey(key);
  return key;
}

/** STORAGE_DIR, or `<HERALD_DATA_DIR>/storage`. */
export function storageDirOf(config: Pick<Config, 'STORAGE_DIR' | 'HERALD_DATA_DIR'>): string {
  return path.resolve(config.STORAGE_DIR ?? path.join(config.HERALD_DATA_DIR, 'storage'));
}

const isMissing = (error: unknown) => (error as NodeJS.ErrnoException).code === 'ENOENT';

export function createLocalStorage(rootDir: string): StorageDriver {
  const root = path.resolve(rootDir);
  const pathOf = (key: string) => {
    assertValidKey(key);
    const file = path.resolve(root, key);
    // The key pattern already rules this out; checked again because a bug here would expose the disk.
    if (!file.startsWith(`${root}${path.sep}`)) throw new Error(`storage key escapes the root: ${key}`);
    return file;
  };
  return {
    kind: 'local',
    async put(key, bytes) {
      const file = pathOf(key);
      await mkdir(path.dirname(file), { recursive: true });
      // Written beside the target and renamed over it: rename is atomic within one file system, so a
      // crash leaves at most a stray `.tmp-` file, never a truncated object under its real key.
      const temp = path.join(path.dirname(file), `.tmp-${randomUUID()}`);
      const handle = await open(temp, 'wx', 0o600);
      try {
        await handle.writeFile(bytes);
        await handle.sync();
      } catch (error) {
        await handle.close();
        await rm(temp, { force: true });
        throw error;
      }
      await handle.close();
      try {
        await rename(temp, file);
      } catch (error) {
        await rm(temp, { force: true });
        throw error;
      }
    },
    async get(key) {
      try {
        return new Uint8Array(await readFile(pathOf(key)));
      } catch (error) {
        if (isMissing(error)) return null;
        throw error;
      }
    },
    async delete(key) {
      await rm(pathOf(key), { force: true });
    },
    async exists(key) {
      try {
        return (await stat(pathOf(key))).isFile();
      } catch (error) {
        if (isMissing(error)) return false;
        throw error;
      }
    },
  };
}

type StorageConfig = Pick<
  Config,
  | 'STORAGE_DIR'
  | 'HERALD_DATA_DIR'
  | 'STORAGE_DRIVER'
  | 'S3_ENDPOINT'
  | 'S3_REGION'
  | 'S3_BUCKET'
  | 'S3_ACCESS_KEY_ID'
  | 'S3_SECRET_ACCESS_KEY'
  | 'S3_FORCE_PATH_STYLE'
  | 'S3_UNSIGNED_PAYLOAD'
  | 'S3_TIMEOUT_MS'
  | 'VIDEO_MAX_BYTES'
  | 'IMAGE_MAX_BYTES'
  | 'VOICE_NOTE_MAX_BYTES'
>;

/** A driver of the given kind from the settings; null when S3 is not configured. */
function driverOfKind(config: StorageConfig, kind: StorageKind): StorageDriver | null {
  if (kind === 'local') return createLocalStorage(storageDirOf(config));
  const { S3_ENDPOINT, S3_REGION, S3_BUCKET, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY } = config;
  if (!S3_ENDPOINT || !S3_REGION || !S3_BUCKET || !S3_ACCESS_KEY_ID || !S3_SECRET_ACCESS_KEY) return null;
  return createS3Storage({
    endpoint: S3_ENDPOINT,
    region: S3_REGION,
    bucket: S3_BUCKET,
    accessKeyId: S3_ACCESS_KEY_ID,
    secretAccessKey: S3_SECRET_ACCESS_KEY,
    forcePathStyle: config.S3_FORCE_PATH_STYLE,
    unsignedPayload: config.S3_UNSIGNED_PAYLOAD,
    timeoutMs: config.S3_TIMEOUT_MS,
    // Nothing larger is ever uploaded (the largest per-type limit), so nothing larger is read back.
    maxObjectBytes: Math.max(config.VIDEO_MAX_BYTES, config.IMAGE_MAX_BYTES, config.VOICE_NOTE_MAX_BYTES),
  });
}

/** The driver new uploads go to (STORAGE_DRIVER); config.ts already refused s3 without its settings. */
export function createStorageDriver(config: StorageConfig): StorageDriver {
  const driver = driverOfKind(config, config.STORAGE_DRIVER);
  if (!driver) throw new Error('STORAGE_DRIVER is s3 but the S3 settings are incomplete');
  return driver;
}

/**
 * The driver holding a row's bytes. Rows keep the driver that wrote them, so switching
 * STORAGE_DRIVER leaves earlier files readable (S3 rows need the S3 settings kept).
 */
export function storageDriverFor(
  deps: { storage: StorageDriver; config: StorageConfig },
  kind: string,
): StorageDriver {
  if (kind === deps.storage.kind) return deps.storage;
  const driver = kind === 'local' || kind === 's3' ? driverOfKind(deps.config, kind) : null;
  if (!driver) throw new Error(`no storage driver "${kind}" is configured`);
  return driver;
}
