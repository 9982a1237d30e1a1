// Requests per second of an authenticated GET /api/v1/me over real HTTP, Herald against a bare node:http
// server that answers with exactly the same status, headers and body. PGlite always; PostgreSQL too when
// BENCH_DATABASE_URL or DATABASE_URL is set (a scratch database is created on that server and dropped).
import { cpus, loadavg } from 'node:os';
import {
  type CapturedResponse,
  captureResponse,
  type RunningHerald,
  scratchPostgres,
  signUpWithApiKey,
  startBareServer,
  startHerald,
} from './lib/herald.ts';
import { type LoadResult, runLoad } from './lib/load.ts';
import { printTable, ratio } from './lib/table.ts';

const connections = Number(process.env.BENCH_CONNECTIONS ?? 16);
const durationMs = Number(process.env.BENCH_DURATION_MS ?? 5000);
const warmupMs = Number(process.env.BENCH_WARMUP_MS ?? 1000);
const postgresUrl = process.env.BENCH_DATABASE_URL || process.env.DATABASE_URL;

type Auth = 'session cookie' | 'API key';
interface Row {
  server: string;
  auth: Auth;
  result: LoadResult;
}

const load = (url: string, headers: Record<string, string>) =>
  runLoad({ url: `${url}/api/v1/me`, headers, connections, warmupMs, durationMs });

async function measureHerald(herald: RunningHerald, label: string, rows: Row[]) {
  const { cookie, apiKey } = await signUpWithApiKey(herald.url);
  const requests: Record<Auth, Record<string, string>> = {
    'session cookie': { cookie },
    'API key': { authorization: `Bearer ${apiKey}` },
  };
  const captured = {} as Record<Auth, CapturedResponse>;
  for (const auth of Object.keys(requests) as Auth[]) {
    captured[auth] = await captureResponse(`${herald.url}/api/v1/me`, requests[auth]);
    if (captured[auth].status !== 200) {
      throw new Error(
        `${label} ${auth}: GET /api/v1/me answered ${captured[auth].status} ${captured[auth].body}`,
      );
    }
    rows.push({ server: `Herald · ${label}`, auth, result: await load(herald.url, requests[auth]) });
  }
  return captured;
}

async function measureBare(captured: Record<Auth, CapturedResponse>, rows: Row[]) {
  for (const auth of Object.keys(captured) as Auth[]) {
    const bare = await startBareServer(captured[auth]);
    try {
      rows.push({ server: 'bare node:http, same bytes', auth, result: await load(bare.url, {}) });
    } finally {
      await bare.close();
    }
  }
}

async function main() {
  const rows: Row[] = [];
  const notes: string[] = [];
  const load1 = loadavg()[0] ?? 0;

  const pglite = await startHerald();
  notes.push(
    `PGlite opened and migrated in ${Math.round(pglite.databaseReadyMs)} ms (fresh data directory).`,
  );
  let captured: Record<Auth, CapturedResponse>;
  try {
    captured = await measureHerald(pglite, 'PGlite', rows);
  } finally {
    await pglite.close();
  }
  await measureBare(captured, rows);

  if (postgresUrl) {
    const scratch = await scratchPostgres(postgresUrl);
    if (scratch.note) notes.push(`PostgreSQL: ${scratch.note}`);
    try {
      const herald = await startHerald({ databaseUrl: scratch.url });
      try {
        await measureHerald(herald, 'PostgreSQL', rows);
      } finally {
        await herald.close();
      }
    } finally {
      await scratch.drop();
    }
  } else {
    notes.push('PostgreSQL not measured: set BENCH_DATABASE_URL (or DATABASE_URL) to include it.');
  }

  const bareOf = (auth: Auth) => rows.find((r) => r.server.startsWith('bare') && r.auth === auth)?.result;
  printTable({
    title: 'GET /api/v1/me over HTTP: Herald vs a bare node:http server sending the same bytes',
    columns: ['server', 'auth', 'req/s', 'p50 ms', 'p99 ms', 'non-2xx/errors', 'body bytes', 'vs bare'],
    rows: rows.map(({ server, auth, result }) => [
      server,
      auth,
      result.requestsPerSecond,
      result.p50Ms,
      result.p99Ms,
      `${result.non2xx}/${result.errors}`,
      Math.round(result.bytesPerResponse),
      server.startsWith('bare')
        ? '1.00×'
        : ratio(result.requestsPerSecond, bareOf(auth)?.requestsPerSecond ?? 0),
    ]),
    notes: [
      `${connections} keep-alive connections, ${warmupMs / 1000} s warm-up then ${durationMs / 1000} s measured, loopback; load generator on a worker thread of the bench process, server on its main thread.`,
      'The bare server is also the ceiling of the load generator (one thread, node:http client): Herald figures far below it are the server, not the client.',
      'Herald runs as `npm start` does (inline job worker, request logs at info to /dev/null); the bare server answers with the response captured from Herald (same status, headers, body).',
      `Machine: ${cpus().length} cores, 1-minute load average ${load1.toFixed(2)} at start (other work on the machine skews both sides).`,
      ...notes,
    ],
  });
}

await main();
