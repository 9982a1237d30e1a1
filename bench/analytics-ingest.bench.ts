// Analytics events ingested per second through the public tracking endpoint
// (POST /api/public/analytics/{slug}/events) on the PostgreSQL server, beside a naive handler that
// does one INSERT per event into the same server, measured in the same run with the same requests.
// After each run the database is counted: every accepted event must be there (none lost). Herald's
// figure includes the final flush (the time until the last accepted event is written).
// Needs BENCH_DATABASE_URL or DATABASE_URL; without one it prints why and skips.
import { createHash } from 'node:crypto';
import http from 'node:http';
import { cpus, loadavg } from 'node:os';
import { Worker } from 'node:worker_threads';
import { and, eq, sql } from 'drizzle-orm';
import pg from 'pg';
import { flushAnalytics } from '../src/server/features/analytics/analytics.buffer.ts';
import { analyticsDaily } from '../src/server/features/analytics/analytics.table.ts';
import { changelogEntries } from '../src/server/features/changelog/changelog.table.ts';
import { workspaces } from '../src/server/features/workspaces/workspaces.table.ts';
import {
  freePort,
  type RunningHerald,
  scratchPostgres,
  signUpWithApiKey,
  startHerald,
} from './lib/herald.ts';
import { median, printTable, ratio } from './lib/table.ts';

const connections = Number(process.env.BENCH_CONNECTIONS ?? 16);
const durationMs = Number(process.env.BENCH_DURATION_MS ?? 3000);
const warmupMs = Number(process.env.BENCH_WARMUP_MS ?? 1000);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const eventsPerRequest = Number(process.env.BENCH_EVENTS_PER_REQUEST ?? 50);
const postgresUrl = process.env.BENCH_DATABASE_URL || process.env.DATABASE_URL;
const browser = 'Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0';

interface PostResult {
  requests: number;
  accepted: number;
  non2xx: number;
  errors: number;
  elapsedMs: number;
}

// The load generator runs on its own thread, like bench/lib/load.ts, but POSTs a body and adds up the
// `accepted` counts the server answers. Every request counts (no warm-up window inside a run).
const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const http = require('node:http');
const { url, body, connections, durationMs } = workerData;
const target = new URL(url);
const agent = new http.Agent({ keepAlive: true, maxSockets: connections, maxFreeSockets: connections });
const stats = { requests: 0, accepted: 0, non2xx: 0, errors: 0 };
const started = Date.now();
const end = started + durationMs;
const payload = Buffer.from(body);
function once() {
  return new Promise((resolve) => {
    const req = http.request({ agent, host: target.hostname, port: target.port, path: target.pathname, method: 'POST',
      headers: { 'content-type': 'text/plain;charset=UTF-8', 'content-length': payload.length, 'user-agent': ${JSON.stringify(browser)} } },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          stats.requests++;
          if (res.statusCode !== 202) stats.non2xx++;
          else { try { stats.accepted += JSON.parse(Buffer.concat(chunks).toString()).accepted; } catch { stats.errors++; } }
          resolve(true);
        });
        res.on('error', () => { stats.errors++; resolve(false); });
      });
    req.on('error', () => { stats.errors++; resolve(false); });
    req.end(payload);
  });
}
async function connection() { while (Date.now() < end) await once(); }
Promise.all(Array.from({ length: connections }, connection)).then(() => {
  agent.destroy();
  parentPort.postMessage({ ...stats, elapsedMs: Date.now() - started });
});
`;

function post(url: string, body: string, ms: number): Promise<PostResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerSource, {
      eval: true,
      workerData: { url, body, connections, durationMs: ms },
    });
    worker.once('message', (result: PostResult) => {
      resolve(result);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

/** A workspace with published entries; the tracking URL and the body every request sends. */
async function seed(herald: RunningHerald) {
  const { cookie } = await signUpWithApiKey(herald.url);
  const me = (await (await fetch(`${herald.url}/api/v1/me`, { headers: { cookie } })).json()) as {
    workspaces: Array<{ id: string }>;
  };
  const workspaceId = me.workspaces[0]?.id as string;
  const [workspace] = await herald.deps.db.select().from(workspaces).where(eq(workspaces.id, workspaceId));
  const now = Date.now();
  const entries = await herald.deps.db
    .insert(changelogEntries)
    .values(
      Array.from({ length: 10 }, (_, i) => ({
        workspaceId,
        title: `Entry ${i + 1}`,
        category: 'New' as const,
        status: 'published' as const,
        slug: `entry-${i + 1}`,
        publishedAt: new Date(now - (i + 1) * 60_000),
      })),
    )
    .returning({ id: changelogEntries.id });
  const events = Array.from({ length: eventsPerRequest }, (_, i) => ({
    type: 'page_view',
    entryId: entries[i % entries.length]?.id,
    referrer: `https://news.example.com/item?id=${i}`,
  }));
  return {
    workspaceId,
    url: `${herald.url}/api/public/analytics/${workspace?.slug}/events`,
    body: JSON.stringify({ events }),
  };
}

/** The baseline: parse, validate a little, hash the visitor, then one INSERT per event. */
async function startNaive(databaseUrl: string, workspaceId: string) {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
  await pool.query(`create table if not exists bench_naive_events (
    id bigserial primary key, workspace_id text not null, day date not null, type text not null,
    entry_id text, visitor_id text not null, referrer_host text)`);
  const salt = createHash('sha256').update(String(Math.random())).digest('hex');
  const port = await freePort();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', async () => {
      try {
        const { events } = JSON.parse(Buffer.concat(chunks).toString()) as {
          events: Array<{ type: string; entryId?: string; referrer?: string }>;
        };
        if (!Array.isArray(events) || events.length > 50) throw new Error('bad body');
        const visitor = createHash('sha256')
          .update(`${salt}${req.socket.remoteAddress}${req.headers['user-agent']}${workspaceId}`)
          .digest('hex');
        const day = new Date().toISOString().slice(0, 10);
        for (const event of events) {
          const host = event.referrer ? new URL(event.referrer).hostname : null;
          await pool.query(
            'insert into bench_naive_events (workspace_id, day, type, entry_id, visitor_id, referrer_host) values ($1, $2, $3, $4, $5, $6)',
            [workspaceId, day, event.type, event.entryId ?? null, visitor, host],
          );
        }
        res.writeHead(202, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ accepted: events.length }));
      } catch {
        res.writeHead(400);
        res.end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${port}/events`,
    count: async () =>
      Number((await pool.query('select count(*)::int as n from bench_naive_events')).rows[0].n),
    close: async () => {
      await new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
      await pool.end();
    },
  };
}

interface Measured {
  eventsPerSecond: number;
  requests: number;
  accepted: number;
  stored: number;
  non2xx: number;
  errors: number;
}

async function main() {
  if (!postgresUrl) {
    process.stdout.write(
      '\nanalytics-ingest: skipped — set BENCH_DATABASE_URL (or DATABASE_URL) to a PostgreSQL server to measure it.\n',
    );
    return;
  }
  const load1 = loadavg()[0] ?? 0;
  const scratch = await scratchPostgres(postgresUrl);
  const notes: string[] = [];
  if (scratch.note) notes.push(`PostgreSQL: ${scratch.note}`);
  const herald = await startHerald({ databaseUrl: scratch.url });
  const site = await seed(herald);
  const naive = await startNaive(scratch.url, site.workspaceId);
  const heraldCount = async () => {
    const [row] = await herald.deps.db
      .select({ n: sql<number>`coalesce(sum(${analyticsDaily.pageViews}), 0)::int` })
      .from(analyticsDaily)
      .where(and(eq(analyticsDaily.workspaceId, site.workspaceId)));
    return Number(row?.n ?? 0);
  };
  const heraldRuns: Measured[] = [];
  const naiveRuns: Measured[] = [];
  let lost = 0;
  try {
    // Warm-up of both (JIT, connections, the day's salt, caches); not counted.
    await post(site.url, site.body, warmupMs);
    await post(naive.url, site.body, warmupMs);
    for (let round = 0; round < rounds; round++) {
      await flushAnalytics(herald.deps);
      const before = await heraldCount();
      const started = performance.now();
      const result = await post(site.url, site.body, durationMs);
      await flushAnalytics(herald.deps);
      const seconds = (performance.now() - started) / 1000;
      const stored = (await heraldCount()) - before;
      if (stored !== result.accepted) lost += Math.abs(result.accepted - stored);
      heraldRuns.push({ ...result, stored, eventsPerSecond: result.accepted / seconds });

      const naiveBefore = await naive.count();
      const naiveStarted = performance.now();
      const naiveResult = await post(naive.url, site.body, durationMs);
      const naiveSeconds = (performance.now() - naiveStarted) / 1000;
      const naiveStored = (await naive.count()) - naiveBefore;
      if (naiveStored !== naiveResult.accepted) lost += Math.abs(naiveResult.accepted - naiveStored);
      naiveRuns.push({
        ...naiveResult,
        stored: naiveStored,
        eventsPerSecond: naiveResult.accepted / naiveSeconds,
      });
    }
  } finally {
    await naive.close();
    await herald.close();
    await scratch.drop();
  }
  const medianOf = (runs: Measured[]) => {
    const rate = median(runs.map((r) => r.eventsPerSecond));
    return runs.find((r) => r.eventsPerSecond === rate) ?? (runs[0] as Measured);
  };
  // With an even number of rounds the median is between two runs; show the lower-middle one.
  const pick = (runs: Measured[]) =>
    runs.length % 2
      ? medianOf(runs)
      : ([...runs].sort((a, b) => a.eventsPerSecond - b.eventsPerSecond)[runs.length / 2 - 1] as Measured);
  const h = pick(heraldRuns);
  const n = pick(naiveRuns);
  const sum = (runs: Measured[], key: 'accepted' | 'stored') => runs.reduce((total, r) => total + r[key], 0);
  printTable({
    title:
      'Analytics ingestion on PostgreSQL: Herald (buffered batch upserts) vs a naive one-INSERT-per-event handler',
    columns: ['handler', 'events/s', 'requests', 'accepted', 'in database', 'non-2xx/errors', 'vs naive'],
    rows: [
      [
        'Herald POST /api/public/analytics/{slug}/events',
        h.eventsPerSecond,
        h.requests,
        h.accepted,
        h.stored,
        `${h.non2xx}/${h.errors}`,
        ratio(h.eventsPerSecond, n.eventsPerSecond),
      ],
      [
        'naive node:http + pg, one INSERT per event',
        n.eventsPerSecond,
        n.requests,
        n.accepted,
        n.stored,
        `${n.non2xx}/${n.errors}`,
        '1.00×',
      ],
    ],
    notes: [
      `Target: at least 10× the naive handler, no event lost. Events lost over all runs: ${lost} (Herald accepted ${sum(heraldRuns, 'accepted').toLocaleString('en-US')}, stored ${sum(heraldRuns, 'stored').toLocaleString('en-US')}; naive accepted ${sum(naiveRuns, 'accepted').toLocaleString('en-US')}, stored ${sum(naiveRuns, 'stored').toLocaleString('en-US')}).`,
      `Each request carries ${eventsPerRequest} page views (entry id and referrer; 50 is the most one request may carry, BENCH_EVENTS_PER_REQUEST changes it), sent as text/plain like navigator.sendBeacon, with a browser user agent; both handlers get the same bytes.`,
      'The gain comes from batching: with few events per request, Herald’s per-request cost (the whole HTTP stack: request id, log line, metrics, routing, validation) dominates and a bare handler doing one INSERT can be as fast or faster (measured on a quiet machine at 1 event per request: about 0.9×; at 20: about 12×).',
      `Herald's time includes the final flush; its request path checks the body size from Content-Length, resolves the workspace (cached), validates with zod, drops bots, computes the visitor HMAC and adds to the in-memory buffer, which is written by one multi-row INSERT … ON CONFLICT DO UPDATE per aggregate table. The naive handler awaits one INSERT per event (pool of 10).`,
      `${connections} keep-alive connections, ${durationMs / 1000} s per run, ${rounds} rounds taking turns, median shown; load generator on a worker thread; Herald runs with request logging at info (to /dev/null) as in production.`,
      `Machine: ${cpus().length} cores, 1-minute load average ${load1.toFixed(2)} at start.`,
      ...notes,
    ],
  });
  if (lost > 0) process.exitCode = 1;
}

await main();
