import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { pino } from 'pino';
import { createApp } from '../../src/server/app.ts';
import type { AppDeps } from '../../src/server/app-context.ts';
import { bootstrap } from '../../src/server/bootstrap.ts';
import { parseConfig } from '../../src/server/config.ts';
import { startHttpServer } from '../../src/server/http/node-server.ts';
import { startWorkers } from '../../src/server/jobs.ts';
import { createLogger } from '../../src/server/platform/logger.ts';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

export interface RunningHerald {
  url: string;
  databaseKind: 'pglite' | 'postgres';
  /** Opening and migrating the database, as main.ts logs it. */
  databaseReadyMs: number;
  /** The server's dependencies, for benches that seed rows directly. */
  deps: AppDeps;
  close(): Promise<void>;
}

/**
 * Herald as `npm start` runs it (bootstrap → inline worker → createApp → @hono/node-server), in this
 * process, on 127.0.0.1. Request logs are written at `info`, as in production, but to /dev/null.
 */
export async function startHerald(options: { databaseUrl?: string } = {}): Promise<RunningHerald> {
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'herald-bench-'));
  const config = parseConfig({
    HOST: '127.0.0.1',
    PORT: String(port),
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    HERALD_DATA_DIR: dataDir,
    DATABASE_URL: options.databaseUrl,
    AUTH_SECRET: 'bench-auth-secret-that-is-long-enough-0123456789',
    ENCRYPTION_KEY: 'bench-encryption-key-that-is-long-enough-0123456789',
    HERALD_DEMO: 'false',
    LOG_LEVEL: 'info',
  });
  const destination = pino.destination({ dest: '/dev/null', sync: true });
  const log = createLogger(config.LOG_LEVEL, destination as unknown as NodeJS.WritableStream);
  const runtime = await bootstrap(config, { log });
  if (config.HERALD_WORKER === 'inline') await startWorkers(runtime.deps);
  const app = createApp(runtime.deps);
  // The same server `npm start` runs (src/server/http/node-server.ts).
  const { server } = await startHttpServer(app, runtime.deps, { port, hostname: '127.0.0.1' });
  return {
    url: config.publicUrl,
    databaseKind: runtime.database.kind,
    databaseReadyMs: runtime.databaseReadyMs,
    deps: runtime.deps,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
      await runtime.shutdown();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Signs a user up through /api/auth and makes a read API key in their personal workspace. */
export async function signUpWithApiKey(baseUrl: string): Promise<{ cookie: string; apiKey: string }> {
  const headers = { 'content-type': 'application/json', origin: baseUrl };
  const signUp = await fetch(`${baseUrl}/api/auth/sign-up/email`, {
    method: 'POST',
    headers,
    body: JSON.stringify({
      email: `bench-${Date.now()}@example.com`,
      password: 'correct-horse-battery',
      name: 'Bench User',
    }),
  });
  if (signUp.status !== 200) throw new Error(`sign-up failed: ${signUp.status} ${await signUp.text()}`);
  const cookie = signUp.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const me = (await (await fetch(`${baseUrl}/api/v1/me`, { headers: { cookie } })).json()) as {
    workspaces: Array<{ id: string }>;
  };
  const workspaceId = me.workspaces[0]?.id;
  if (!workspaceId) throw new Error('no personal workspace after sign-up');
  const created = await fetch(`${baseUrl}/api/v1/workspaces/${workspaceId}/api-keys`, {
    method: 'POST',
    headers: { ...headers, cookie },
    body: JSON.stringify({ name: 'bench', scope: 'read' }),
  });
  if (created.status !== 201)
    throw new Error(`API key not created: ${created.status} ${await created.text()}`);
  const { secret } = (await created.json()) as { secret: string };
  return { cookie, apiKey: secret };
}

export interface CapturedResponse {
  status: number;
  /** Raw header pairs as sent, minus the ones node:http adds itself (Date, Connection, Keep-Alive). */
  headers: string[];
  body: Buffer;
}

const addedByNode = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding']);

export function captureResponse(url: string, headers: Record<string, string>): Promise<CapturedResponse> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const pairs: string[] = [];
          for (let i = 0; i < res.rawHeaders.length; i += 2) {
            const name = res.rawHeaders[i] as string;
            if (!addedByNode.has(name.toLowerCase())) pairs.push(name, res.rawHeaders[i + 1] as string);
          }
          resolve({ status: res.statusCode ?? 0, headers: pairs, body: Buffer.concat(chunks) });
        });
      })
      .on('error', reject);
  });
}

/** The baseline: a bare node:http server answering every request with the captured bytes and headers. */
export async function startBareServer(
  response: CapturedResponse,
): Promise<{ url: string; close(): Promise<void> }> {
  const port = await freePort();
  const server = http.createServer((_req, res) => {
    res.writeHead(response.status, response.headers);
    res.end(response.body);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * A scratch database on the given PostgreSQL server, dropped by `drop()`. Falls back to the URL's own
 * database (with a note) when the role may not create databases.
 */
export async function scratchPostgres(
  baseUrl: string,
): Promise<{ url: string; note?: string; drop(): Promise<void> }> {
  const name = `herald_bench_${process.pid}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  try {
    await admin.query(`drop database if exists ${name}`);
    await admin.query(`create database ${name}`);
  } catch (error) {
    await admin.end();
    return {
      url: baseUrl,
      note: `could not create a scratch database (${(error as Error).message}); used ${new URL(baseUrl).pathname}`,
      drop: async () => {},
    };
  }
  await admin.end();
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: baseUrl });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}
