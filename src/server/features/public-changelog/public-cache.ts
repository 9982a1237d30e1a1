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
import { matchesIfNoneMatch } from '../../http/conditional.ts';
import { forgetAnswers, markCacheable } from '../../http/micro-cache.ts';

export { matchesIfNoneMatch };

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

/**
 * 200 with the body, or 304 (validators and caching headers, no body) when the client has it. With
 * `replayForWorkspace`, a 200 may be replayed by the micro-cache (http/micro-cache.ts) for the same
 * URL while that workspace's data version is trusted: only for bodies kept per data version.
 */
export function sendCached(
  c: Context<AppEnv>,
  cached: CachedBody,
  extraHeaders: Record<string, string> = {},
  replayForWorkspace?: string,
) {
  const headers: Record<string, string> = {
    ETag: cached.etag,
    'Cache-Control': cached.cacheControl,
    'X-Content-Type-Options': 'nosniff',
    ...extraHeaders,
  };
  if (matchesIfNoneMatch(c.req.header('if-none-match'), cached.etag)) return c.body(null, 304, headers);
  if (replayForWorkspace) {
    // Replayed only until the oldest data-version lookup behind this answer is due again, so a
    // replay is never staler than the router's own answer would be.
    const deps = c.get('deps');
    const checked = oldestCheck(deps, replayForWorkspace, deps.clock.now().getTime());
    if (checked) {
      markCacheable(
        c,
        {
          workspaceId: replayForWorkspace,
          trustedUntil: checked.checkedAt + versionCheckIntervalMs,
          trustedUntilReal: checked.checkedAtReal + versionCheckIntervalMs,
        },
        cached.body,
        cached.etag,
      );
    }
  }
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

/**
 * When the oldest still-trusted lookup of the workspace was made (app clock and real clock): the
 * lookups the current request used are among them, so an answer built on them is replayed no longer
 * than they are trusted. Expired lookups were not used by it and do not count.
 */
function oldestCheck(
  owner: object,
  workspaceId: string,
  nowMs: number,
): { checkedAt: number; checkedAtReal: number } | undefined {
  const realNow = performance.now();
  let oldest: Lookup | undefined;
  for (const lookup of lookups.get(owner)?.values() ?? []) {
    if (lookup.workspaceId !== workspaceId) continue;
    if (nowMs - lookup.checkedAt >= versionCheckIntervalMs) continue;
    if (realNow - lookup.checkedAtReal >= versionCheckIntervalMs) continue;
    if (!oldest || lookup.checkedAtReal < oldest.checkedAtReal) oldest = lookup;
  }
  return oldest && { checkedAt: oldest.checkedAt, checkedAtReal: oldest.checkedAtReal };
}

/** Forgets what was looked up for a workspace: its next public request reads the version again. */
export function forgetWorkspaceLookups(owner: object, workspaceId: string): void {
  forgetAnswers(owner, workspaceId);
  const map = lookups.get(owner);
  if (!map) return;
  for (const [key, lookup] of map) {
    if (lookup.workspaceId === workspaceId) map.delete(key);
  }
}
