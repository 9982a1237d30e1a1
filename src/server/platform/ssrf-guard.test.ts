import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  isBlockedDestination,
  isPublicAddress,
  type Resolver,
  resolveDestination,
  safeFetch,
} from './ssrf-guard.ts';

interface LocalServer {
  port: number;
  hits: Array<{ method: string; url: string; host: string; body: string }>;
  close(): Promise<void>;
}

async function startServer(handle: (req: IncomingMessage, res: ServerResponse, body: string) => void) {
  const hits: LocalServer['hits'] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      hits.push({ method: req.method ?? '', url: req.url ?? '', host: req.headers.host ?? '', body });
      handle(req, res, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    hits,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  } satisfies LocalServer;
}

// Names resolve here without any DNS server: a public-looking name that points at loopback is the
// classic way round a check that only looks at the URL.
const fakeDns = (table: Record<string, string[]>): Resolver & { calls: string[] } => {
  const calls: string[] = [];
  const resolve = async (hostname: string) => {
    calls.push(hostname);
    const addresses = table[hostname];
    if (!addresses)
      throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    return addresses.map((address) => ({
      address,
      family: address.includes(':') ? (6 as const) : (4 as const),
    }));
  };
  return Object.assign(resolve, { calls });
};

async function refusal(promise: Promise<unknown>): Promise<Error> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e as Error,
  );
  expect(error, 'the request should have been refused').toBeInstanceOf(Error);
  expect(isBlockedDestination(error)).toBe(true);
  return error as Error;
}

let target: LocalServer;
beforeAll(async () => {
  target = await startServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"ok":true}');
  });
});
afterAll(() => target.close());

describe('isPublicAddress', () => {
  it('refuses every non-public range and accepts public addresses', () => {
    const refused = [
      '127.0.0.1',
      '127.255.0.9',
      '0.0.0.0',
      '10.1.2.3',
      '172.16.0.1',
      '172.31.255.255',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '224.0.0.1',
      '255.255.255.255',
      '::1',
      '::',
      '::ffff:127.0.0.1',
      '::ffff:7f00:1',
      '::ffff:10.0.0.1',
      'fe80::1',
      'fc00::1',
      'fd12:3456::1',
      'ff02::1',
      '64:ff9b::7f00:1',
      'not-an-ip',
    ];
    for (const address of refused) expect(isPublicAddress(address), address).toBe(false);
    for (const address of ['8.8.8.8', '93.184.216.34', '172.32.0.1', '100.128.0.1', '2606:4700::1111']) {
      expect(isPublicAddress(address), address).toBe(true);
    }
  });
});

describe('safeFetch', () => {
  it('refuses loopback by IP, by the name localhost, and by a name that resolves to 127.0.0.1', async () => {
    await refusal(safeFetch(`http://127.0.0.1:${target.port}/`));
    await refusal(safeFetch(`http://localhost:${target.port}/`));
    const dns = fakeDns({ 'innocent.example': ['127.0.0.1'] });
    await refusal(safeFetch(`http://innocent.example:${target.port}/`, {}, { resolve: dns }));
    expect(target.hits).toHaveLength(0);
  });

  it('refuses private, carrier-grade NAT and link-local (cloud metadata) addresses', async () => {
    for (const url of [
      'http://10.0.0.5/',
      'http://172.20.1.1/',
      'http://192.168.0.10/',
      'http://100.64.3.4/',
      'http://169.254.169.254/latest/meta-data/',
      'http://0.0.0.0/',
    ]) {
      const error = await refusal(safeFetch(url));
      expect(error.message).toContain('OUTBOUND_ALLOW_PRIVATE_NETWORKS');
    }
  });

  it('refuses IPv6 loopback and IPv4-mapped IPv6, including in other spellings', async () => {
    await refusal(safeFetch(`http://[::1]:${target.port}/`));
    await refusal(safeFetch(`http://[::ffff:127.0.0.1]:${target.port}/`));
    await refusal(safeFetch(`http://2130706433:${target.port}/`)); // 127.0.0.1 as one number
    await refusal(safeFetch(`http://0x7f.1:${target.port}/`));
    expect(target.hits).toHaveLength(0);
  });

  it('refuses a name when any one of its addresses is private', async () => {
    const dns = fakeDns({ 'mixed.example': ['93.184.216.34', '10.0.0.1'] });
    await refusal(resolveDestination(new URL('https://mixed.example/'), { resolve: dns }));
  });

  it('refuses schemes other than http and https', async () => {
    await refusal(safeFetch('file:///etc/passwd'));
    await refusal(safeFetch('ftp://example.com/'));
  });

  it('follows a redirect only after checking where it leads, and refuses one that leads to loopback', async () => {
    const redirector = await startServer((req, res) => {
      const to =
        req.url === '/to-name' ? 'http://internal.example/' : `http://127.0.0.1:${target.port}/secret`;
      res.writeHead(302, { location: to });
      res.end();
    });
    try {
      const dns = fakeDns({ 'public.example': ['127.0.0.1'], 'internal.example': ['10.0.0.7'] });
      // The first hop stands in for a public host (it runs on loopback here), so only it is allowed.
      const options = { resolve: dns, allowPrivate: (url: URL) => url.hostname === 'public.example' };
      await refusal(safeFetch(`http://public.example:${redirector.port}/`, {}, options));
      await refusal(safeFetch(`http://public.example:${redirector.port}/to-name`, {}, options));
      expect(redirector.hits).toHaveLength(2);
      expect(target.hits).toHaveLength(0);
    } finally {
      await redirector.close();
    }
  });

  it('lets loopback through when private networks are allowed, and sends the body and headers', async () => {
    const response = await safeFetch(
      `http://127.0.0.1:${target.port}/hook`,
      { method: 'POST', headers: { 'content-type': 'application/json', 'x-test': '1' }, body: '{"a":1}' },
      { allowPrivate: true },
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
    expect(target.hits.at(-1)).toMatchObject({ method: 'POST', url: '/hook', body: '{"a":1}' });
  });

  it('connects to the address it checked, asking the resolver once per hop', async () => {
    // The name does not exist in any DNS: the request can only arrive if the socket used the address
    // the guard resolved, and the Host header still names the host.
    const dns = fakeDns({ 'hooks.example': ['127.0.0.1'] });
    const response = await safeFetch(
      `http://hooks.example:${target.port}/pinned`,
      {},
      { resolve: dns, allowPrivate: true },
    );
    expect(response.status).toBe(200);
    expect(dns.calls).toEqual(['hooks.example']);
    expect(target.hits.at(-1)).toMatchObject({ url: '/pinned', host: `hooks.example:${target.port}` });
  });

  it('turns a POST into a GET after a 303 and stops after five redirects', async () => {
    const loop = await startServer((req, res) => {
      if (req.url === '/see-other') {
        res.writeHead(303, { location: '/done' });
      } else if (req.url === '/done') {
        res.writeHead(200);
      } else {
        res.writeHead(307, { location: `/loop${Number(req.url?.slice(5) || 0) + 1}` });
      }
      res.end();
    });
    try {
      const done = await safeFetch(
        `http://127.0.0.1:${loop.port}/see-other`,
        { method: 'POST', body: 'x', headers: { 'content-type': 'text/plain' } },
        { allowPrivate: true },
      );
      expect(done.status).toBe(200);
      expect(loop.hits.at(-1)).toMatchObject({ method: 'GET', url: '/done', body: '' });
      const error = await safeFetch(`http://127.0.0.1:${loop.port}/loop0`, {}, { allowPrivate: true }).then(
        () => null,
        (e: Error) => e,
      );
      expect(error?.message).toMatch(/More than 5 redirects/);
      expect(loop.hits.filter((hit) => hit.url.startsWith('/loop'))).toHaveLength(6);
    } finally {
      await loop.close();
    }
  });

  it('gives up on a peer that does not answer within the time limit', async () => {
    const silent = await startServer(() => {});
    try {
      const error = await safeFetch(
        `http://127.0.0.1:${silent.port}/`,
        {},
        { allowPrivate: true, timeoutMs: 200 },
      ).then(
        () => null,
        (e: Error) => e,
      );
      expect(error?.name).toMatch(/TimeoutError|AbortError/);
    } finally {
      await silent.close();
    }
  });
});
