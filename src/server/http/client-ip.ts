// Where a request came from, as Herald is allowed to remember it.
//
// Nothing downstream sees the raw address unless RECORD_CLIENT_IPS is on: `request.ipAddress` is a
// keyed pseudonym (`ip_` + 16 hex digits of an HMAC under a key derived from the auth secret). It is
// stable — the same address always gives the same pseudonym, across restarts and servers sharing the
// secret — so rate limits, the analytics visitor hash, vote deduplication and "this session came from
// the same place" all work on it, while sessions, audit and usage logs and job payloads never hold an
// IP. Being the default value of the one field every feature reads, a new feature cannot store a raw
// IP by accident.
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import type { AppEnv } from '../app-context.ts';
import { hmacSha256Hex } from '../platform/crypto.ts';

/** The peer's address, or the proxy-added X-Forwarded-For entry when TRUST_PROXY. */
export function clientIp(c: Context<AppEnv>, trustProxy: boolean): string | null {
  if (trustProxy) {
    // The right-most entry is the one the trusted proxy added; entries left of it came from the
    // client and can be forged.
    const forwarded = c.req.header('x-forwarded-for')?.split(',').at(-1)?.trim();
    if (forwarded) return forwarded.slice(0, 64);
  }
  try {
    return getConnInfo(c).remote.address ?? null;
  } catch {
    return null; // in-process requests (tests) have no socket
  }
}

const keys = new Map<string, string>();

/** The stored form of a client IP: `ip_` and 16 hex digits of HMAC-SHA256 under a derived key. */
export function ipPseudonym(authSecret: string, ip: string): string {
  let key = keys.get(authSecret);
  if (!key) {
    // A key of its own, so a pseudonym is not an HMAC under the secret that signs sessions.
    key = hmacSha256Hex(authSecret, 'herald client ip pseudonym v1');
    keys.set(authSecret, key);
  }
  return `ip_${hmacSha256Hex(key, ip).slice(0, 16)}`;
}
