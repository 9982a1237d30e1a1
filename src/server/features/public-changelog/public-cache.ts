// HTTP caching of the public surfaces: a strong ETag (hash of the exact bytes), Cache-Control with a
// short max-age and stale-while-revalidate, 304 on a matching If-None-Match. Bodies are also kept in
// memory per (surface, data version), and the version itself (with the workspace or widget it belongs
// to) is read from the database at most once per `versionCheckIntervalMs` per address: a busy public
// page costs no query at all in between. A change made by another process (a worker publishing a
// scheduled entry, a second server) shows within that interval; one made here can show at once
// at once through invalidatePublicChangelog() (public-changelog.service.ts).
import { createHash } from 'node:crypto';
import type { Context } from 'hono';
import type { AppEnv } from '../../app-context.ts';

export interface CachedBody {
  /** Encoded once: writing a string would encode it to UTF-8 again on every request. */
  body: Uint8Array;
  etag: string;
  contentType: string;
  cacheControl: string;
}

export const publicCacheControl = 'public, max-age=60, stale-while-revalidate=600';

export function strongEtag(body: string | Uint8Array): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;
}

export function cachedBody(text: string, contentType: string, cacheControl = publicCacheControl): CachedBody {
  const body = new TextEncoder().encode(text);
  return { body, etag: strongEtag(body), contentType, cacheControl };
}

/** If-None-Match uses the weak comparison (RFC 9110 §13.1.2): `W/` prefixes are ignored. */
export function matchesIfNoneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const bare = etag.replace(/^W\//, '');
  return header.split(',').some((tag) => {
    const candidate = tag.trim();
    return candidate === '*' || candidate.replace(/^W\//, '') === bare;
  });
}

/** 200 with the body, or 304 (validators and caching headers, no body) when the client has it. */
export function sendCached(
  c: Context<AppEnv>,
  cached: CachedBody,
  extraHeaders: Record<string, string> = {},
) {
  const headers: Record<string, string> = {
    ETag: cached.etag,
    'Cache-Control': cached.cacheControl,
    'X-Content-Type-Options': 'nosniff',
    ...extraHeaders,
  };
  if (matchesIfNoneMatch(c.req.header('if-none-match'), cached.etag)) return c.body(null, 304, headers);
  return c.body(cached.body as Uint8Array<ArrayBuffer>, 200, {
    ...headers,
    'Content-Type': cached.contentType,
  });
}

interface Slot {
  version: string;
  value: CachedBody;
}

const maxSlots = 1000;
/** Bodies larger than this are rebuilt per request rather than held. */
const maxCachedBytes = 1_000_000;
// One cache per app (keyed by its deps object), so two apps in one process (tests) never share bodies.
const caches = new WeakMap<object, Map<string, Slot>>();

/**
 * The body for `key` at `version`, built once per version. A new version replaces the old slot; the
 * least recently used slots are dropped past `maxSlots`. `null` (nothing there) is not kept, so
 * requests for made-up addresses never take room.
 */
export async function memoizeByVersion<T extends CachedBody | null>(
  owner: object,
  key: string,
  version: string,
  build: () => Promise<T>,
): Promise<T> {
  let cache = caches.get(owner);
  if (!cache) {
    cache = new Map();
    caches.set(owner, cache);
  }
  const slot = cache.get(key);
  if (slot && slot.version === version) {
    cache.delete(key);
    cache.set(key, slot);
    return slot.value as T;
  }
  const value = await build();
  if (value === null || value.body.byteLength > maxCachedBytes) return value;
  cache.delete(key);
  cache.set(key, { version, value });
  if (cache.size > maxSlots) {
    const oldest = cache.keys().next().value;
    if (oldest !== undefined) cache.delete(oldest);
  }
  return value;
}

/** How long a looked-up data version is trusted before it is read again. */
export const versionCheckIntervalMs = 1000;

interface Lookup {
  value: unknown;
  workspaceId: string;
  /** On the app's clock (tests move it) and on the process's monotonic clock (a frozen test clock). */
  checkedAt: number;
  checkedAtReal: number;
}

const maxLookups = 5000;
const lookups = new WeakMap<object, Map<string, Lookup>>();

/**
 * `load()`'s answer for `key`, reused until `versionCheckIntervalMs` has passed on either the app's
 * clock (`nowMs`) or the real one. Misses are not kept: made-up addresses cost a query each but take
 * no room.
 */
export async function recentLookup<T>(
  owner: object,
  key: string,
  nowMs: number,
  load: () => Promise<{ value: T; workspaceId: string } | undefined>,
): Promise<T | undefined> {
  let map = lookups.get(owner);
  if (!map) {
    map = new Map();
    lookups.set(owner, map);
  }
  const hit = map.get(key);
  const realNow = performance.now();
  if (
    hit &&
    nowMs >= hit.checkedAt &&
    nowMs - hit.checkedAt < versionCheckIntervalMs &&
    realNow - hit.checkedAtReal < versionCheckIntervalMs
  ) {
    return hit.value as T;
  }
  const loaded = await load();
  if (!loaded) {
    map.delete(key);
    return undefined;
  }
  map.delete(key);
  map.set(key, {
    value: loaded.value,
    workspaceId: loaded.workspaceId,
    checkedAt: nowMs,
    checkedAtReal: realNow,
  });
  if (map.size > maxLookups) {
    const oldest = map.keys().next().value;
    if (oldest !== undefined) map.delete(oldest);
  }
  return loaded.value;
}

/** Forgets what was looked up for a workspace: its next public request reads the version again. */
export function forgetWorkspaceLookups(owner: object, workspaceId: string): void {
  const map = lookups.get(owner);
  if (!map) return;
  for (const [key, lookup] of map) {
    if (lookup.workspaceId === workspaceId) map.delete(key);
  }
}
