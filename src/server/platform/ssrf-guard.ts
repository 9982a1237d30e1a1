// Outbound HTTP to addresses users choose (webhook endpoints) must never reach Herald's own network:
// loopback, private ranges, link-local (cloud metadata at 169.254.169.254) and the like. safeFetch
// resolves the host itself, refuses if ANY resolved address is not public, then connects to the very
// address it checked (the socket's DNS lookup is overridden), so a second, different DNS answer cannot
// slip in between the check and the connection. Redirects are followed by hand, each hop checked.
import { lookup as dnsLookup } from 'node:dns/promises';
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { BlockList, isIP, type LookupFunction } from 'node:net';

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

export interface SafeFetchOptions {
  /** true: any address is allowed (OUTBOUND_ALLOW_PRIVATE_NETWORKS). A function decides per hop. */
  allowPrivate?: boolean | ((url: URL) => boolean);
  timeoutMs?: number;
  maxRedirects?: number;
  /** The response body is read into memory up to this size; a larger body fails the request. */
  maxResponseBytes?: number;
  /** DNS resolution; tests inject one (a name mapped to 127.0.0.1 without a DNS server). */
  resolve?: Resolver;
}

export interface SafeFetchInit {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  signal?: AbortSignal;
}

const defaultTimeoutMs = 10_000;
const defaultMaxRedirects = 5;
const defaultMaxResponseBytes = 1024 * 1024;

// Every range that is not the public internet, one list per family: a single BlockList would also
// match IPv4 addresses against IPv6 rules through their mapped form (::ffff:0:0/96 blocks them all).
const blockedV4 = new BlockList();
const blockedV6 = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, cloud metadata
  ['172.16.0.0', 12],
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.168.0.0', 16],
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved and broadcast
] as const) {
  blockedV4.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 96], // unspecified, loopback (::1) and IPv4-compatible addresses
  // IPv4-mapped (::ffff:a.b.c.d): refused whatever the IPv4 address; a public host has no reason
  // to answer with one, and the IPv4 rules would otherwise be one spelling away.
  ['::ffff:0:0', 96],
  ['64:ff9b::', 96], // NAT64: would reach an IPv4 address through a gateway
  ['100::', 64], // discard-only
  ['2001:db8::', 32], // documentation
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // old site-local
  ['ff00::', 8], // multicast
] as const) {
  blockedV6.addSubnet(network, prefix, 'ipv6');
}

/** True for an address on the public internet; false for loopback, private, link-local and the rest. */
export function isPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return !blockedV4.check(address, 'ipv4');
  if (family === 6) return !blockedV6.check(address, 'ipv6');
  return false;
}

export interface BlockedDestinationError extends Error {
  blockedDestination: true;
}

function blockedDestination(message: string): BlockedDestinationError {
  return Object.assign(new Error(message), { blockedDestination: true as const });
}

export function isBlockedDestination(error: unknown): error is BlockedDestinationError {
  return error instanceof Error && (error as Partial<BlockedDestinationError>).blockedDestination === true;
}

const systemResolver: Resolver = async (hostname) =>
  (await dnsLookup(hostname, { all: true, verbatim: true })).map((entry) => ({
    address: entry.address,
    family: entry.family === 6 ? 6 : 4,
  }));

function allowsPrivate(option: SafeFetchOptions['allowPrivate'], url: URL): boolean {
  return typeof option === 'function' ? option(url) : option === true;
}

/**
 * The address to connect to for `url`, after checking it: only http(s), and every address the name
 * resolves to must be public unless private networks are allowed.
 */
export async function resolveDestination(url: URL, options: SafeFetchOptions = {}): Promise<ResolvedAddress> {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw blockedDestination(`Only http and https URLs are allowed, not ${url.protocol}`);
  }
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const literal = isIP(host);
  const addresses: ResolvedAddress[] = literal
    ? [{ address: host, family: literal === 6 ? 6 : 4 }]
    : await (options.resolve ?? systemResolver)(host);
  const first = addresses[0];
  if (!first) throw blockedDestination(`${host} does not resolve to any address`);
  if (!allowsPrivate(options.allowPrivate, url)) {
    const refused = addresses.find((entry) => !isPublicAddress(entry.address));
    if (refused) {
      throw blockedDestination(
        `${host} resolves to ${refused.address}, a loopback, private or link-local address; outbound ` +
          'requests may only reach public addresses (OUTBOUND_ALLOW_PRIVATE_NETWORKS allows others)',
      );
    }
  }
  return first;
}

/** Makes the socket connect to `pinned`, whatever name it is asked to look up. */
function pinnedLookup(pinned: ResolvedAddress): LookupFunction {
  return (_hostname, options, callback) => {
    if ((options as { all?: boolean }).all) {
      (callback as (err: null, addresses: ResolvedAddress[]) => void)(null, [pinned]);
    } else {
      callback(null, pinned.address, pinned.family);
    }
  };
}

interface RawResponse {
  status: number;
  headers: Headers;
  body: Buffer;
}

function headersOf(message: IncomingMessage): Headers {
  const headers = new Headers();
  for (let i = 0; i < message.rawHeaders.length; i += 2) {
    headers.append(message.rawHeaders[i] as string, message.rawHeaders[i + 1] as string);
  }
  return headers;
}

function requestOnce(
  url: URL,
  pinned: ResolvedAddress,
  init: SafeFetchInit,
  signal: AbortSignal,
  maxResponseBytes: number,
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const client = url.protocol === 'https:' ? https : http;
    const request = client.request(url, {
      method: init.method ?? 'GET',
      headers: init.headers,
      lookup: pinnedLookup(pinned),
      signal,
      // One connection per request: a pooled socket could have been opened to another address.
      agent: false,
    });
    request.on('error', reject);
    request.on('response', (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxResponseBytes) {
          response.destroy(new Error(`The response is over ${maxResponseBytes} bytes`));
          return;
        }
        chunks.push(chunk);
      });
      response.on('error', reject);
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          headers: headersOf(response),
          body: Buffer.concat(chunks),
        }),
      );
    });
    request.end(init.body);
  });
}

const redirectStatuses = new Set([301, 302, 303, 307, 308]);
const nullBodyStatuses = new Set([101, 103, 204, 205, 304]);
// Headers that must not follow a redirect to another origin.
const originBoundHeaders = ['authorization', 'cookie', 'proxy-authorization'];

/**
 * fetch for user-chosen URLs: checks and pins every hop's address, follows at most `maxRedirects`
 * redirects by hand, gives up after `timeoutMs` in all. The body is read into memory (bounded).
 */
export async function safeFetch(
  input: string | URL,
  init: SafeFetchInit = {},
  options: SafeFetchOptions = {},
): Promise<Response> {
  const timeoutMs = options.timeoutMs ?? defaultTimeoutMs;
  const maxRedirects = options.maxRedirects ?? defaultMaxRedirects;
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = init.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
  let url = new URL(input);
  let current: SafeFetchInit = { ...init, headers: { ...init.headers } };
  for (let hop = 0; ; hop++) {
    const pinned = await resolveDestination(url, options);
    signal.throwIfAborted();
    const raw = await requestOnce(
      url,
      pinned,
      current,
      signal,
      options.maxResponseBytes ?? defaultMaxResponseBytes,
    );
    const location = raw.headers.get('location');
    if (!redirectStatuses.has(raw.status) || !location) {
      return new Response(nullBodyStatuses.has(raw.status) ? null : new Uint8Array(raw.body), {
        status: raw.status < 200 || raw.status > 599 ? 502 : raw.status,
        headers: raw.headers,
      });
    }
    if (hop >= maxRedirects) throw new Error(`More than ${maxRedirects} redirects from ${input.toString()}`);
    const next = new URL(location, url);
    // As fetch does: 303 (and 301/302 after a POST) continue as a GET without the body.
    const method = (current.method ?? 'GET').toUpperCase();
    const becomesGet =
      raw.status === 303 || ((raw.status === 301 || raw.status === 302) && method === 'POST');
    const headers = { ...current.headers };
    if (next.origin !== url.origin) {
      for (const name of Object.keys(headers)) {
        if (originBoundHeaders.includes(name.toLowerCase())) delete headers[name];
      }
    }
    if (becomesGet) {
      for (const name of Object.keys(headers)) {
        if (name.toLowerCase().startsWith('content-')) delete headers[name];
      }
    }
    current = becomesGet ? { ...current, method: 'GET', body: undefined, headers } : { ...current, headers };
    url = next;
  }
}
