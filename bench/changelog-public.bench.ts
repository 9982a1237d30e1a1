// Requests per second of the public changelog JSON (GET /api/public/changelog/{slug}/entries) and of
// the widget's data endpoint (GET /api/public/widget/{id}) over real HTTP, beside a bare node:http
// server answering with exactly the same status, headers and bytes, in the same run. PGlite always;
// PostgreSQL too when BENCH_DATABASE_URL or DATABASE_URL is set. Also prints widget.js's gzipped size.
import { cpus, loadavg } from 'node:os';
import { eq } from 'drizzle-orm';
import { changelogEntries } from '../src/server/features/changelog/changelog.table.ts';
import { githubRepositories } from '../src/server/features/github/github.table.ts';
import { buildWidgetScript } from '../src/server/features/widget/widget.script.ts';
import { workspaces } from '../src/server/features/workspaces/workspaces.table.ts';
import { encryptSecret } from '../src/server/platform/crypto.ts';
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
const durationMs = Number(process.env.BENCH_DURATION_MS ?? 3000);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const warmupMs = Number(process.env.BENCH_WARMUP_MS ?? 1000);
const entryCount = Number(process.env.BENCH_ENTRIES ?? 25);
const postgresUrl = process.env.BENCH_DATABASE_URL || process.env.DATABASE_URL;

type Endpoint = 'changelog JSON' | 'widget data';
interface Row {
  server: string;
  endpoint: Endpoint;
  result: LoadResult;
}

const load = (url: string) => runLoad({ url, connections, warmupMs, durationMs });

// A realistic PR body: a heading, a paragraph with links and code, a list, a fenced block.
const body = (i: number) => `## Summary

Entry ${i} makes **exports** faster for large workspaces: see [the docs](https://example.com/docs/${i})
and \`herald export --all\`. Closes #${1000 + i}.

- Streams rows instead of loading them all
- Cuts memory use by half on 100k rows
- Adds a progress line

\`\`\`sh
herald export --format csv > out.csv
\`\`\`
`;

/** A published changelog of `entryCount` entries and the workspace's widget; returns both URLs. */
async function seed(herald: RunningHerald): Promise<Record<Endpoint, string>> {
  const { cookie } = await signUpWithApiKey(herald.url);
  const me = (await (await fetch(`${herald.url}/api/v1/me`, { headers: { cookie } })).json()) as {
    workspaces: Array<{ id: string }>;
  };
  const workspaceId = me.workspaces[0]?.id as string;
  const { db, encryptionKey } = herald.deps;
  const [workspace] = await db.select().from(workspaces).where(eq(workspaces.id, workspaceId));
  const [repo] = await db
    .insert(githubRepositories)
    .values({
      workspaceId,
      fullName: 'acme/exporter',
      slug: 'exporter',
      authType: 'token',
      tokenEncrypted: encryptSecret(encryptionKey, 'ghp_bench'),
      webhookSecretEncrypted: encryptSecret(encryptionKey, 'bench-secret'),
      categoryMapping: { labels: {}, prefixes: {}, skipLabels: [] },
    })
    .returning();
  const now = Date.now();
  await db.insert(changelogEntries).values(
    Array.from({ length: entryCount }, (_, i) => ({
      workspaceId,
      repositoryId: repo?.id ?? null,
      title: `Faster exports, part ${i + 1}`,
      body: body(i + 1),
      category: (['New', 'Fixed', 'Improved', 'Other'] as const)[i % 4] ?? 'New',
      status: 'published' as const,
      slug: `faster-exports-${i + 1}`,
      publishedAt: new Date(now - (i + 1) * 60_000),
    })),
  );
  const widget = (await (
    await fetch(`${herald.url}/api/v1/workspaces/${workspaceId}/widget`, { headers: { cookie } })
  ).json()) as { widget: { id: string } };
  return {
    'changelog JSON': `${herald.url}/api/public/changelog/${workspace?.slug}/entries`,
    'widget data': `${herald.url}/api/public/widget/${widget.widget.id}`,
  };
}

/** Median by requests per second. */
function medianRun(results: LoadResult[]): LoadResult {
  const sorted = [...results].sort((a, b) => a.requestsPerSecond - b.requestsPerSecond);
  return sorted[Math.floor(sorted.length / 2)] as LoadResult;
}

// Herald and the bare server take turns, `rounds` times each, and the median run of each is kept: on
// a small shared machine a single run of one then the other mostly measures what else was running.
async function measure(herald: RunningHerald, label: string, rows: Row[]) {
  const urls = await seed(herald);
  for (const endpoint of Object.keys(urls) as Endpoint[]) {
    const captured: CapturedResponse = await captureResponse(urls[endpoint], {});
    if (captured.status !== 200) {
      throw new Error(`${label} ${endpoint}: answered ${captured.status} ${captured.body}`);
    }
    const bare = await startBareServer(captured);
    const heraldRuns: LoadResult[] = [];
    const bareRuns: LoadResult[] = [];
    try {
      for (let round = 0; round < rounds; round++) {
        heraldRuns.push(await load(urls[endpoint]));
        bareRuns.push(await load(bare.url));
      }
    } finally {
      await bare.close();
    }
    rows.push({ server: `Herald · ${label}`, endpoint, result: medianRun(heraldRuns) });
    rows.push({ server: `bare node:http (${label} bytes)`, endpoint, result: medianRun(bareRuns) });
  }
}

async function main() {
  const rows: Row[] = [];
  const notes: string[] = [];
  const load1 = loadavg()[0] ?? 0;
  const script = await buildWidgetScript();

  const pglite = await startHerald();
  try {
    await measure(pglite, 'PGlite', rows);
  } finally {
    await pglite.close();
  }

  if (postgresUrl) {
    const scratch = await scratchPostgres(postgresUrl);
    if (scratch.note) notes.push(`PostgreSQL: ${scratch.note}`);
    try {
      const herald = await startHerald({ databaseUrl: scratch.url });
      try {
        await measure(herald, 'PostgreSQL', rows);
      } finally {
        await herald.close();
      }
    } finally {
      await scratch.drop();
    }
  } else {
    notes.push('PostgreSQL not measured: set BENCH_DATABASE_URL (or DATABASE_URL) to include it.');
  }

  // Each Herald row is compared with the bare server measured in turn with it.
  const bareOf = (row: Row) => rows[rows.indexOf(row) + 1]?.result;
  printTable({
    title:
      'Public changelog JSON and widget data over HTTP: Herald vs a bare node:http server sending the same bytes',
    columns: ['server', 'endpoint', 'req/s', 'p50 ms', 'p99 ms', 'non-2xx/errors', 'body bytes', 'vs bare'],
    rows: rows.map((row) => [
      row.server,
      row.endpoint,
      row.result.requestsPerSecond,
      row.result.p50Ms,
      row.result.p99Ms,
      `${row.result.non2xx}/${row.result.errors}`,
      Math.round(row.result.bytesPerResponse),
      row.server.startsWith('bare')
        ? '1.00×'
        : ratio(row.result.requestsPerSecond, bareOf(row)?.requestsPerSecond ?? 0),
    ]),
    notes: [
      `Target: at least 0.60× of the bare server. ${entryCount} published entries (Markdown bodies with links, a list and code); the changelog JSON is the first page (20 entries), the widget data the latest 10.`,
      `widget.js: ${script.code.byteLength.toLocaleString('en-US')} bytes minified, ${script.gzipped.byteLength.toLocaleString('en-US')} bytes gzipped (budget 8,192).`,
      `${connections} keep-alive connections, ${warmupMs / 1000} s warm-up then ${durationMs / 1000} s measured, loopback; Herald and the bare server take turns ${rounds} times and the median run of each is shown; load generator on a worker thread, server on the main thread.`,
      'Herald keeps each body in memory per data version and reads the version at most once a second per address, so these requests reach no database; no If-None-Match is sent, so every answer is a full 200. Within that second the server replays the router’s last answer for the same URL from its micro-cache (src/server/http/micro-cache.ts) without routing or validation; each replay still gets its own request id, access-log line and metrics.',
      `Machine: ${cpus().length} cores, 1-minute load average ${load1.toFixed(2)} at start (other work on the machine skews both sides).`,
      ...notes,
    ],
  });
}

await main();
