import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { afterAll, expect, inject, it } from 'vitest';
import { type TestApp, testOrigin } from '../../../../test/harness.ts';
import { changelogOwner, insertEntry } from '../../../../test/public-changelog-fixtures.ts';
import { createApp } from '../../app.ts';
import { bootstrap } from '../../bootstrap.ts';
import { parseConfig } from '../../config.ts';
import { createLogger } from '../../platform/logger.ts';
import { pendingAnalyticsEvents } from './analytics.buffer.ts';

// An accepted event is never lost on a graceful shutdown: events are posted, the flush interval is
// far away, the runtime shuts down (bootstrap's shutdown hook flushes the buffer before the database
// closes), and the same database, opened again from outside, holds the counts.

const cleanups: Array<() => Promise<void> | void> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

/** A Herald on a database that outlives it: a PostgreSQL database or a PGlite data directory. */
async function openDurable() {
  const env: Record<string, string> = {
    NODE_ENV: 'test',
    PUBLIC_URL: testOrigin,
    LOG_LEVEL: 'silent',
    AUTH_SECRET: 'test-auth-secret-that-is-long-enough-0123456789',
    ENCRYPTION_KEY: 'test-encryption-key-that-is-long-enough-0123456789',
    HERALD_DATA_DIR: '/tmp/herald-test-unused',
    AUTH_RATE_LIMIT_PER_MINUTE: '10000',
    // Nothing is written before the shutdown unless the shutdown writes it.
    ANALYTICS_FLUSH_INTERVAL_MS: '600000',
    ANALYTICS_FLUSH_EVENTS: '1000000',
  };
  const storageDir = mkdtempSync(path.join(tmpdir(), 'herald-storage-'));
  env.STORAGE_DIR = storageDir;
  cleanups.push(() => rmSync(storageDir, { recursive: true, force: true }));
  let pglite: PGlite | undefined;
  let count: (sql: string) => Promise<number>;
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
    cleanups.push(async () => {
      const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    });
    count = async (sql) => {
      const client = new pg.Client({ connectionString: url.toString() });
      await client.connect();
      try {
        return Number((await client.query(sql)).rows[0]?.n ?? 0);
      } finally {
        await client.end();
      }
    };
  } else {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'herald-pglite-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const template = readFileSync(inject('pgliteTemplatePath'));
    pglite = new PGlite(dataDir, { loadDataDir: new Blob([template]) });
    count = async (sql) => {
      const reopened = new PGlite(dataDir);
      try {
        return Number((await reopened.query<{ n: number }>(sql)).rows[0]?.n ?? 0);
      } finally {
        await reopened.close();
      }
    };
  }
  const config = parseConfig(env);
  const runtime = await bootstrap(config, {
    log: createLogger('silent'),
    pglite,
    skipMigrations: true,
    queuePollingSeconds: 0.5,
  });
  const app = createApp(runtime.deps);
  const call: TestApp['call'] = (method, urlPath, options = {}) => {
    const headers: Record<string, string> = { origin: testOrigin, ...options.headers };
    if (options.cookie) headers.cookie = options.cookie;
    let body = options.rawBody;
    if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    return Promise.resolve(app.request(`${testOrigin}${urlPath}`, { method, headers, body }));
  };
  const t: TestApp = { app, deps: runtime.deps, config, call, close: () => runtime.shutdown() };
  return { t, count };
}

it('writes buffered events during a graceful shutdown, before the database closes', async () => {
  const { t, count } = await openDurable();
  const owner = await changelogOwner(t, 'shutdown');
  const entry = await insertEntry(t, owner.workspaceId, {
    title: 'Shipped',
    publishedAt: new Date(Date.now() - 1000),
  });
  const browser = { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Firefox/121.0' };
  let accepted = 0;
  for (let i = 0; i < 5; i += 1) {
    const response = await t.call('POST', `/api/public/analytics/${owner.workspaceSlug}/events`, {
      body: {
        events: [
          { type: 'page_view', entryId: entry.id, referrer: 'https://example.org/a' },
          { type: 'page_view', path: `/changelog/${owner.workspaceSlug}` },
        ],
      },
      headers: browser,
    });
    expect(response.status).toBe(202);
    accepted += (await response.json()).accepted as number;
  }
  expect(accepted).toBe(10);
  expect(pendingAnalyticsEvents(t.deps)).toBe(10);

  await t.close();

  const where = `where workspace_id = '${owner.workspaceId}'`;
  expect(await count(`select coalesce(sum(page_views), 0)::int as n from analytics_daily ${where}`)).toBe(10);
  expect(await count(`select coalesce(sum(views), 0)::int as n from analytics_entry_daily ${where}`)).toBe(5);
  expect(await count(`select count(*)::int as n from analytics_visitors ${where}`)).toBe(1);
  expect(await count(`select coalesce(sum(views), 0)::int as n from analytics_referrers ${where}`)).toBe(5);
});
