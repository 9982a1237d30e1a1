// A micro-cache in front of the router for the hottest public reads (the changelog JSON and the
// widget's data). When a route answers 200 with a body from the public cache it marks the answer
// cacheable (`markCacheable`); requestContext then keeps the exact status, headers and bytes under
// the request's path and query. For as long as the public cache trusts that workspace's data version
// (versionCheckIntervalMs, on the app's clock and on the real one), the node listener
// (`node-server.ts`) answers the same URL from here without building a Request, routing or
// validating: the same bytes Hono would send, since they are what Hono sent. Past the interval the
// request goes through the router again, which reads the version and refreshes the entry.
// `forgetAnswers` (called with the public cache's forgetWorkspaceLookups) drops a workspace's entries
// so a change made in this process shows at once. Decision record 0007.
import type { Context } from 'hono';
import type { AppEnv } from '../app-context.ts';

export interface CachedAnswer {
  status: 200;
  /**
   * The answer's headers as flat name/value pairs for writeHead, without X-Request-Id (each request
   * gets its own) and Content-Length (added for a 200): `notModifiedHeaders` also drops Content-Type.
   */
  headers: string[];
  notModifiedHeaders: string[];
  body: Uint8Array;
  etag: string;
  workspaceId: string;
  /** The router's route pattern, for metrics. */
  route: string;
  /** Replayed until then on the app's clock and on the real (monotonic) one. */
  trustedUntil: number;
  trustedUntilReal: number;
}

const maxAnswers = 2000;
const answers = new WeakMap<object, Map<string, CachedAnswer>>();
const cacheableKey = Symbol('micro-cache');

interface Trust {
  workspaceId: string;
  /** When the data behind the answer is due to be checked again: replays stop there. */
  trustedUntil: number;
  trustedUntilReal: number;
}

interface Mark extends Trust {
  body: Uint8Array;
  etag: string;
}

/** Called by a route sending a public-cache body: the answer may be replayed for the same URL. */
export function markCacheable(c: Context<AppEnv>, checked: Trust, body: Uint8Array, etag: string): void {
  const mark: Mark = { ...checked, body, etag };
  (c as unknown as Record<symbol, unknown>)[cacheableKey] = mark;
}

/** requestContext, after the handler: keeps a marked 200 answer under its path and query. */
export function rememberIfCacheable(c: Context<AppEnv>, owner: object): void {
  const mark = (c as unknown as Record<symbol, unknown>)[cacheableKey] as Mark | undefined;
  if (!mark || c.req.method !== 'GET' || c.res.status !== 200) return;
  const url = new URL(c.req.url);
  const key = url.pathname + url.search;
  const headers: string[] = [];
  const notModifiedHeaders: string[] = [];
  c.res.headers.forEach((value, name) => {
    if (name === 'x-request-id' || name === 'content-length') return;
    headers.push(name, value);
    if (name !== 'content-type') notModifiedHeaders.push(name, value);
  });
  headers.push('content-length', String(mark.body.byteLength));
  let map = answers.get(owner);
  if (!map) {
    map = new Map();
    answers.set(owner, map);
  }
  map.delete(key);
  map.set(key, {
    status: 200,
    headers,
    notModifiedHeaders,
    body: mark.body,
    etag: mark.etag,
    workspaceId: mark.workspaceId,
    route: c.req.routePath || 'unmatched',
    trustedUntil: mark.trustedUntil,
    trustedUntilReal: mark.trustedUntilReal,
  });
  if (map.size > maxAnswers) {
    const oldest = map.keys().next().value;
    if (oldest !== undefined) map.delete(oldest);
  }
}

/** The kept answer for `pathAndQuery` while it is still trusted, else undefined. */
export function freshAnswer(owner: object, pathAndQuery: string, nowMs: number): CachedAnswer | undefined {
  const answer = answers.get(owner)?.get(pathAndQuery);
  if (!answer) return undefined;
  if (nowMs >= answer.trustedUntil || performance.now() >= answer.trustedUntilReal) return undefined;
  return answer;
}

/** Drops every kept answer of a workspace. */
export function forgetAnswers(owner: object, workspaceId: string): void {
  const map = answers.get(owner);
  if (!map) return;
  for (const [key, answer] of map) {
    if (answer.workspaceId === workspaceId) map.delete(key);
  }
}
