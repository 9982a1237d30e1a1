import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { inject } from 'vitest';
import { createApp, type HeraldApp } from '../src/server/app.ts';
import type { AppDeps } from '../src/server/app-context.ts';
import { bootstrap } from '../src/server/bootstrap.ts';
import { type Config, parseConfig } from '../src/server/config.ts';
import { startWorkers } from '../src/server/jobs.ts';
import type { Clock } from '../src/server/platform/clock.ts';
import { createLogger } from '../src/server/platform/logger.ts';

export interface TestApp {
  app: HeraldApp;
  deps: AppDeps;
  config: Config;
  /** app.request with JSON encoding, the test origin and an optional cookie or API key. */
  call(method: string, path: string, options?: CallOptions): Promise<Response>;
  close(): Promise<void>;
}

export interface CallOptions {
  body?: unknown;
  rawBody?: string;
  cookie?: string;
  apiKey?: string;
  headers?: Record<string, string>;
}

export const testOrigin = 'http://herald.test';

/**
 * A Herald on a fresh database copied from the migrated template: PGlite in memory by default, a new
 * database cloned from the template on the PostgreSQL server when DATABASE_URL is set.
 */
export async function createTestApp(
  options: { env?: Record<string, string>; clock?: Clock; workers?: boolean } = {},
): Promise<TestApp> {
  const env: Record<string, string> = {
    NODE_ENV: 'test',
    PUBLIC_URL: testOrigin,
    LOG_LEVEL: 'silent',
    AUTH_SECRET: 'test-auth-secret-that-is-long-enough-0123456789',
    ENCRYPTION_KEY: 'test-encryption-key-that-is-long-enough-0123456789',
    HERALD_DATA_DIR: '/tmp/herald-test-unused',
    AUTH_RATE_LIMIT_PER_MINUTE: '10000',
    ...options.env,
  };
  // Each app keeps its uploads in its own directory, removed on close.
  const storageDir = options.env?.STORAGE_DIR
    ? undefined
    : mkdtempSync(path.join(tmpdir(), 'herald-storage-'));
  if (storageDir) env.STORAGE_DIR = storageDir;
  let dropDatabase = async () => {};
  let pglite: PGlite | undefined;
  const templateDatabase = inject('postgresTemplateDatabase');
  if (templateDatabase && process.env.DATABASE_URL) {
    const name = `herald_t_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    await admin.query(`create database ${name} template ${templateDatabase}`);
    await admin.end();
    const url = new URL(process.env.DATABASE_URL);
    url.pathname = `/${name}`;
    env.DATABASE_URL = url.toString();
    dropDatabase = async () => {
      const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    };
  } else {
    const template = readFileSync(inject('pgliteTemplatePath'));
    pglite = new PGlite({ loadDataDir: new Blob([template]) });
  }
  const config = parseConfig(env);
  const runtime = await bootstrap(config, {
    log: createLogger('silent'),
    clock: options.clock,
    pglite,
    skipMigrations: true,
    queuePollingSeconds: 0.5,
  });
  if (options.workers !== false) await startWorkers(runtime.deps);
  const app = createApp(runtime.deps);
  const call = (method: string, path: string, callOptions: CallOptions = {}) => {
    const headers: Record<string, string> = { origin: testOrigin, ...callOptions.headers };
    if (callOptions.cookie) headers.cookie = callOptions.cookie;
    if (callOptions.apiKey) headers.authorization = `Bearer ${callOptions.apiKey}`;
    let body: string | undefined = callOptions.rawBody;
    if (callOptions.body !== undefined) {
      body = JSON.stringify(callOptions.body);
      headers['content-type'] ??= 'application/json';
    }
    return Promise.resolve(app.request(`${testOrigin}${path}`, { method, headers, body }));
  };
  return {
    app,
    deps: runtime.deps,
    config,
    call,
    close: async () => {
      await runtime.shutdown();
      await dropDatabase();
      if (storageDir) rmSync(storageDir, { recursive: true, force: true });
    },
  };
}

export function cookieFrom(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

/** Signs a new user up (no SMTP: no verification needed) and returns the session cookie and ids. */
export async function signUp(
  t: TestApp,
  email: string,
  name = 'Test User',
  password = 'correct-horse-battery',
) {
  const response = await t.call('POST', '/api/auth/sign-up/email', { body: { email, password, name } });
  if (response.status !== 200) throw new Error(`sign-up failed: ${response.status} ${await response.text()}`);
  const cookie = cookieFrom(response);
  const me = (await (await t.call('GET', '/api/v1/me', { cookie })).json()) as {
    user: { id: string };
    workspaces: Array<{ id: string }>;
  };
  return { cookie, userId: me.user.id, workspaceId: me.workspaces[0]?.id ?? '', email, password };
}

export async function json<T = Record<string, unknown>>(response: Response): Promise<T> {
  return (await response.json()) as T;
}

/** Polls until `check` returns a truthy value (jobs run asynchronously). */
export async function waitFor<T>(
  check: () => Promise<T | undefined | null | false>,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('waitFor: timed out');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
