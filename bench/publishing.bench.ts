// 10,000 posts due at the same instant, published to a local webhook receiver by Herald's own job
// queue and publish handler (claim → signed POST → record), in this process, on PGlite and on the
// PostgreSQL server: posts per second, lateness (delivery time minus the scheduled time) p50/p95, and
// duplicates (deliveries beyond one per post; must be 0). The baseline is the ceiling measured in the
// same run: the same number of signed POSTs sent to the same receiver by bare fetch loops, as many
// at once as Herald's publish workers, with no database at all.
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { bootstrap } from '../src/server/bootstrap.ts';
import { parseConfig } from '../src/server/config.ts';
import { channels } from '../src/server/features/channels/channels.table.ts';
import { posts } from '../src/server/features/posts/posts.table.ts';
import { enqueuePublishBatch } from '../src/server/features/publishing/publish-queue.ts';
import { webhookSignature } from '../src/server/features/publishing/publishers/webhook-publisher.ts';
import { workspaces } from '../src/server/features/workspaces/workspaces.table.ts';
import { startWorkers } from '../src/server/jobs.ts';
import { encryptSecret } from '../src/server/platform/crypto.ts';
import { rowsOf } from '../src/server/platform/db-errors.ts';
import { createLogger } from '../src/server/platform/logger.ts';
import { startWebhookReceiver, type WebhookReceiver } from '../test/fakes/webhook-receiver.ts';
import { scratchPostgres } from './lib/herald.ts';
import { printTable } from './lib/table.ts';

const count = Number(process.env.BENCH_POSTS ?? 10_000);
const concurrency = Number(process.env.BENCH_PUBLISH_CONCURRENCY ?? 10);
const timeoutMs = Number(process.env.BENCH_TIMEOUT_MS ?? 10 * 60_000);
const postgresUrl =
  process.env.BENCH_DATABASE_URL || process.env.DATABASE_URL || 'postgres://root@127.0.0.1:5432/test';
const secret = 'hwhsec_bench-secret';

interface Result {
  label: string;
  delivered: number;
  published: number;
  seconds: number;
  lateness: number[];
  duplicates: number;
  note?: string;
}

const percentile = (sorted: number[], p: number) =>
  sorted.length === 0
    ? Number.NaN
    : (sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number);

/** A workspace, a webhook channel and `count` draft posts on it; returns what scheduling needs. */
async function seed(deps: Awaited<ReturnType<typeof bootstrap>>['deps'], receiverUrl: string) {
  const [workspace] = await deps.db
    .insert(workspaces)
    .values({ name: 'Bench', slug: `bench-${Date.now()}` })
    .returning();
  const [channel] = await deps.db
    .insert(channels)
    .values({
      workspaceId: workspace?.id ?? '',
      kind: 'webhook',
      name: 'Receiver',
      webhookUrl: receiverUrl,
      webhookSecretEncrypted: encryptSecret(deps.encryptionKey, secret),
    })
    .returning();
  const ids: Array<{ id: string; version: number; attemptCount: number }> = [];
  for (let i = 0; i < count; i += 1000) {
    const rows = await deps.db
      .insert(posts)
      .values(
        Array.from({ length: Math.min(1000, count - i) }, (_, j) => ({
          workspaceId: workspace?.id ?? '',
          platform: 'x' as const,
          channelId: channel?.id ?? null,
          content: { tweets: [`Bench post ${i + j}`], hashtags: [] },
        })),
      )
      .returning({ id: posts.id, version: posts.version, attemptCount: posts.attemptCount });
    ids.push(...rows);
  }
  return ids;
}

async function measureHerald(label: string, databaseUrl: string | undefined): Promise<Result> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'herald-bench-publish-'));
  const receiver = await startWebhookReceiver();
  const config = parseConfig({
    HERALD_DATA_DIR: dataDir,
    DATABASE_URL: databaseUrl,
    AUTH_SECRET: 'bench-auth-secret-that-is-long-enough-0123456789',
    ENCRYPTION_KEY: 'bench-encryption-key-that-is-long-enough-0123456789',
    HERALD_DEMO: 'false',
    LOG_LEVEL: 'warn',
    OUTBOUND_ALLOW_PRIVATE_NETWORKS: 'true',
    PUBLISH_CONCURRENCY: String(concurrency),
  });
  const runtime = await bootstrap(config, { log: createLogger('warn') });
  const { deps } = runtime;
  try {
    const seedStarted = Date.now();
    const drafts = await seed(deps, receiver.url);
    await startWorkers(deps);
    // All due at one instant a few seconds ahead: scheduled in one statement, then their jobs.
    const dueAt = new Date(Date.now() + 5000);
    await deps.db.update(posts).set({ status: 'scheduled', scheduledAt: dueAt });
    await enqueuePublishBatch(
      deps,
      drafts.map((post) => ({ ...post, scheduledAt: dueAt })),
    );
    const seedSeconds = (Date.now() - seedStarted) / 1000;
    const deadline = Date.now() + timeoutMs;
    let published = 0;
    while (Date.now() < deadline) {
      const [row] = rowsOf<{ n: string }>(
        await deps.db.execute(sql`select count(*) as n from posts where status = 'published'`),
      );
      published = Number(row?.n ?? 0);
      if (published >= count) break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    const note = `seeded and scheduled ${count} posts in ${seedSeconds.toFixed(1)} s${published < count ? `; only ${published} published within ${timeoutMs / 1000} s` : ''}`;
    return resultOf(label, receiver, dueAt.getTime(), published, note);
  } finally {
    await runtime.shutdown();
    await receiver.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function resultOf(
  label: string,
  receiver: WebhookReceiver,
  due: number,
  published: number,
  note?: string,
): Result {
  const lateness = receiver.deliveries.map((d) => d.receivedAt - due).sort((a, b) => a - b);
  const last = Math.max(...receiver.deliveries.map((d) => d.receivedAt));
  const keys = new Set(receiver.deliveries.map((d) => d.key));
  return {
    label,
    delivered: keys.size,
    published,
    seconds: (last - due) / 1000,
    lateness,
    duplicates: receiver.deliveries.length - keys.size,
    note,
  };
}

/** The ceiling: the same signed POSTs from `concurrency` bare fetch loops, no queue, no database. */
async function measureBaseline(): Promise<Result> {
  const receiver = await startWebhookReceiver();
  try {
    const due = Date.now();
    let next = 0;
    const loop = async () => {
      for (let i = next++; i < count; i = next++) {
        const key = `baseline-${i}`;
        const body = JSON.stringify({
          event: 'post.published',
          post: { id: `p${i}`, platform: 'x', parts: [`Bench post ${i}`] },
          idempotencyKey: key,
        });
        const t = Math.floor(Date.now() / 1000);
        const response = await fetch(receiver.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'herald-idempotency-key': key,
            'herald-signature': webhookSignature(secret, t, body),
          },
          body,
        });
        await response.text();
      }
    };
    await Promise.all(Array.from({ length: concurrency }, loop));
    return resultOf('bare fetch loops, no database', receiver, due, count);
  } finally {
    await receiver.close();
  }
}

async function main() {
  const results: Result[] = [];
  const notes: string[] = [];
  const load = loadavg()[0] ?? 0;
  results.push(await measureHerald('Herald · PGlite', undefined));
  const scratch = await scratchPostgres(postgresUrl);
  if (scratch.note) notes.push(scratch.note);
  try {
    results.push(await measureHerald('Herald · PostgreSQL', scratch.url));
  } finally {
    await scratch.drop();
  }
  results.push(await measureBaseline());
  printTable({
    title: `Publishing ${count.toLocaleString('en-US')} posts due at the same instant to a local webhook receiver`,
    columns: [
      'publisher',
      'published',
      'posts/s',
      'lateness p50 (s)',
      'lateness p95 (s)',
      'last (s)',
      'duplicates',
    ],
    rows: results.map((r) => [
      r.label,
      r.published,
      r.delivered / Math.max(r.seconds, 0.001),
      percentile(r.lateness, 50) / 1000,
      percentile(r.lateness, 95) / 1000,
      r.seconds,
      r.duplicates,
    ]),
    notes: [
      `${concurrency} publish workers (PUBLISH_CONCURRENCY) in one process, jobs of 5; the baseline runs ${concurrency} fetch loops.`,
      'Lateness: when the receiver got the post, minus the time it was scheduled for; the queue polls every second.',
      'Each Herald publish is a claim transaction, a signed POST through the SSRF guard and a result transaction (attempt, post, audit, notification).',
      ...results.filter((r) => r.note).map((r) => `${r.label}: ${r.note}.`),
      ...notes,
      `${cpus().length} CPUs, load average ${load.toFixed(2)} at the start.`,
    ],
  });
  const broken = results.filter((r) => r.duplicates > 0 || r.published < count);
  if (broken.length > 0) {
    process.stderr.write(
      `Not every post was published exactly once: ${broken.map((r) => r.label).join(', ')}\n`,
    );
    process.exit(1);
  }
}

await main();
