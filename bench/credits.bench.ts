// Credit charges per second through Herald's applyCreditChange (balance update and ledger row in one
// statement, idempotency key checked) on the PostgreSQL server, beside the ceiling measured in the same
// run: one atomic `UPDATE … SET balance = balance - 1 WHERE … AND balance >= 1 RETURNING balance` per
// charge through `pg`, with the same pool size and the same number of charges in flight. Both sides run
// on a scratch database (created, migrated, dropped), once on a single hot balance and once with one
// balance per in-flight worker. After each Herald run the ledger must sum to the balance.
import { cpus, loadavg } from 'node:os';
import { createHistogram, type RecordableHistogram } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import {
  applyCreditChange,
  getCreditBalance,
  ledgerSum,
} from '../src/server/features/credits/credits.service.ts';
import { type Database, openDatabase, runMigrations } from '../src/server/platform/db.ts';
import { rowsOf } from '../src/server/platform/db-errors.ts';
import { scratchPostgres } from './lib/herald.ts';
import { printTable, ratio } from './lib/table.ts';

const postgresUrl =
  process.env.BENCH_DATABASE_URL || process.env.DATABASE_URL || 'postgres://root@127.0.0.1:5432/test';
// Herald's own pool is 10 connections (openDatabase's default), so the ceiling gets 10 too.
const poolSize = Number(process.env.BENCH_POOL_SIZE ?? 10);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 32);
const durationMs = Number(process.env.BENCH_DURATION_MS ?? 3000);
const warmupMs = Number(process.env.BENCH_WARMUP_MS ?? 500);
const startingBalance = 100_000_000;
const targetRatio = 0.5;

interface RunResult {
  /** Charges that started and finished inside the measured window(s). */
  measured: number;
  windows: number;
  latencyUs: RecordableHistogram;
  /** Every successful charge, warm-up and tail included (what the balances must account for). */
  succeeded: number;
  refused: number;
}

/** `concurrency` loops, each starting its next charge when the last one answered. */
async function closedLoop(charge: (worker: number, seq: number) => Promise<boolean>): Promise<RunResult> {
  const histogram = createHistogram();
  const begin = performance.now();
  const windowStart = begin + warmupMs;
  const windowEnd = windowStart + durationMs;
  let measured = 0;
  let succeeded = 0;
  let refused = 0;
  let seq = 0;
  const loop = async (worker: number) => {
    while (performance.now() < windowEnd) {
      const started = performance.now();
      const ok = await charge(worker, seq++);
      const finished = performance.now();
      if (ok) succeeded++;
      else refused++;
      if (ok && started >= windowStart && finished <= windowEnd) {
        measured++;
        histogram.record(Math.max(1, Math.round((finished - started) * 1000)));
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, (_, worker) => loop(worker)));
  return { measured, windows: 1, latencyUs: histogram, succeeded, refused };
}

function combine(a: RunResult, b: RunResult): RunResult {
  a.latencyUs.add(b.latencyUs);
  return {
    measured: a.measured + b.measured,
    windows: a.windows + b.windows,
    latencyUs: a.latencyUs,
    succeeded: a.succeeded + b.succeeded,
    refused: a.refused + b.refused,
  };
}

const perSecond = (r: RunResult) => r.measured / ((r.windows * durationMs) / 1000);

async function seedWorkspaces(db: Database, label: string, count: number): Promise<string[]> {
  const ids = Array.from({ length: count }, (_, i) => `bench-${label}-${i}`);
  for (const id of ids) {
    await db.execute(sql`insert into workspaces (id, name, slug) values (${id}, ${id}, ${id})`);
    await applyCreditChange(db, {
      workspaceId: id,
      amount: startingBalance,
      operationType: 'staff_grant',
      reason: 'grant',
      idempotencyKey: 'bench-seed',
      actor: { type: 'system', id: null },
    });
  }
  return ids;
}

async function runHerald(db: Database, label: string, balances: number) {
  const workspaceIds = await seedWorkspaces(db, label, balances);
  const result = await closedLoop(async (worker, seq) => {
    try {
      await applyCreditChange(db, {
        workspaceId: workspaceIds[worker % balances] as string,
        amount: -1,
        operationType: 'generation.x',
        reason: 'generation',
        idempotencyKey: `charge-${seq}`,
        details: { bench: label },
        actor: { type: 'system', id: null },
      });
      return true;
    } catch {
      return false;
    }
  });
  // The ledger must account for every charge: per workspace, its rows sum to its balance, none is
  // negative, and the balances went down by exactly the number of successful charges.
  let charged = 0;
  for (const id of workspaceIds) {
    const [balance, sum] = await Promise.all([getCreditBalance(db, id), ledgerSum(db, id)]);
    if (balance !== sum)
      throw new Error(`${label}: ledger sums to ${sum} but the balance is ${balance} (${id})`);
    charged += startingBalance - balance;
  }
  const negative = rowsOf<{ n: number }>(
    await db.execute(sql`select count(*)::int as n from credit_ledger where balance_after < 0`),
  )[0]?.n;
  if (negative !== 0) throw new Error(`${label}: ${negative} ledger rows with a negative balance`);
  if (charged !== result.succeeded) {
    throw new Error(`${label}: ${result.succeeded} charges succeeded but balances fell by ${charged}`);
  }
  return result;
}

async function runCeiling(pool: pg.Pool, label: string, balances: number) {
  const table = `bench_balances_${label}`;
  await pool.query(
    `create table ${table} (id int primary key, balance bigint not null check (balance >= 0))`,
  );
  await pool.query(`insert into ${table} select g, $1 from generate_series(0, $2 - 1) g`, [
    startingBalance,
    balances,
  ]);
  const statement = `UPDATE ${table} SET balance = balance - 1 WHERE id = $1 AND balance >= 1 RETURNING balance`;
  const result = await closedLoop(async (worker) => {
    const { rowCount } = await pool.query(statement, [worker % balances]);
    return rowCount === 1;
  });
  const { rows } = await pool.query<{ spent: string }>(
    `select sum(${startingBalance} - balance)::bigint as spent from ${table}`,
  );
  if (Number(rows[0]?.spent) !== result.succeeded) {
    throw new Error(`${label} ceiling: ${result.succeeded} updates but balances fell by ${rows[0]?.spent}`);
  }
  return result;
}

async function main() {
  const load1 = loadavg()[0] ?? 0;
  const scratch = await scratchPostgres(postgresUrl);
  const notes: string[] = [];
  if (scratch.note) notes.push(`PostgreSQL: ${scratch.note}`);
  const rows: Array<Array<string | number>> = [];
  const ratios: Array<[string, number]> = [];
  try {
    const handle = await openDatabase({ databaseUrl: scratch.url, poolSize });
    const ceilingPool = new pg.Pool({ connectionString: scratch.url, max: poolSize });
    try {
      await runMigrations(handle);
      const scenarios = [
        { label: 'hot', title: 'one balance (every charge on the same row)', balances: 1 },
        { label: 'spread', title: `${concurrency} balances (one per worker)`, balances: concurrency },
      ];
      for (const scenario of scenarios) {
        // Ceiling, Herald, Herald, ceiling: drift in the machine's load (or the server's caches
        // warming) weighs on both sides alike. Each side's two windows are added together.
        const ceilingFirst = await runCeiling(ceilingPool, `${scenario.label}_a`, scenario.balances);
        const heraldFirst = await runHerald(handle.db, `${scenario.label}-a`, scenario.balances);
        const heraldSecond = await runHerald(handle.db, `${scenario.label}-b`, scenario.balances);
        const ceilingSecond = await runCeiling(ceilingPool, `${scenario.label}_b`, scenario.balances);
        const ceiling = combine(ceilingFirst, ceilingSecond);
        const herald = combine(heraldFirst, heraldSecond);
        ratios.push([scenario.title, perSecond(herald) / perSecond(ceiling)]);
        const line = (name: string, r: RunResult, versus: string) => [
          name,
          scenario.title,
          perSecond(r),
          r.latencyUs.percentile(50) / 1000,
          r.latencyUs.percentile(99) / 1000,
          r.measured,
          r.refused,
          versus,
        ];
        rows.push(line('bare UPDATE … RETURNING (pg)', ceiling, '1.00×'));
        rows.push(line('Herald applyCreditChange', herald, ratio(perSecond(herald), perSecond(ceiling))));
      }
    } finally {
      await ceilingPool.end();
      await handle.close();
    }
  } finally {
    await scratch.drop();
  }
  const below = ratios.filter(([, r]) => r < targetRatio);
  printTable({
    title:
      'Credit charges per second on PostgreSQL: Herald (balance + ledger row, idempotent) vs one bare UPDATE',
    columns: ['path', 'balances', 'charges/s', 'p50 ms', 'p99 ms', 'charges', 'refused', 'vs ceiling'],
    rows,
    notes: [
      `${concurrency} charges in flight over a pool of ${poolSize} connections, ${warmupMs / 1000} s warm-up then ${durationMs / 1000} s measured, twice per row in the order ceiling, Herald, Herald, ceiling; each charge is its own autocommit statement.`,
      'Herald: one statement updates the balance (only if it covers the charge) and inserts the ledger row with its idempotency key; every charge has a new key.',
      'Verified after each Herald run: each ledger sums to its balance, no row has a negative balance, and balances fell by exactly the number of successful charges.',
      `Target: Herald at least ${targetRatio}× the ceiling — ${below.length === 0 ? 'met' : `NOT met for ${below.map(([s]) => s).join(', ')}`}.`,
      `Machine: ${cpus().length} cores, 1-minute load average ${load1.toFixed(2)} at start; PostgreSQL on the same machine.`,
      ...notes,
    ],
  });
}

await main();
