import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { type SQL, sql } from 'drizzle-orm';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import * as schema from '../db/schema.ts';

export type Schema = typeof schema;
/** A database or a transaction handle: both are accepted wherever queries run. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;

export type DatabaseHandle =
  | { kind: 'pglite'; db: Database; pglite: PGlite; close(): Promise<void> }
  | { kind: 'postgres'; db: Database; pool: pg.Pool; close(): Promise<void> };

export const migrationsFolder = path.resolve(import.meta.dirname, '../../../drizzle');

export interface OpenDatabaseOptions {
  databaseUrl?: string;
  /** Directory for PGlite's files; `undefined` with no URL means in memory. */
  pgliteDir?: string;
  /** A ready PGlite instance (tests load one from a migrated template). */
  pglite?: PGlite;
  poolSize?: number;
}

export async function openDatabase(options: OpenDatabaseOptions): Promise<DatabaseHandle> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 10 });
    // An idle client's error (server restart) must not crash the process; the next query reconnects.
    pool.on('error', () => {});
    const db = drizzleNodePg({ client: pool, schema }) as unknown as Database;
    return { kind: 'postgres', db, pool, close: () => pool.end() };
  }
  const pglite = options.pglite ?? new PGlite(options.pgliteDir);
  await pglite.waitReady;
  const db = drizzlePglite({ client: pglite, schema }) as unknown as Database;
  return {
    kind: 'pglite',
    db,
    pglite,
    close: async () => {
      if (!pglite.closed) await pglite.close();
    },
  };
}

// Several app servers may start at once on PostgreSQL; an advisory lock lets one migrate at a time.
const migrationLockId = 4_242_001;

export async function runMigrations(handle: DatabaseHandle): Promise<void> {
  if (handle.kind === 'pglite') {
    await migratePglite(handle.db as never, { migrationsFolder });
    return;
  }
  const client = await handle.pool.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [migrationLockId]);
    await migrateNodePg(drizzleNodePg({ client, schema }), { migrationsFolder });
  } finally {
    await client.query('select pg_advisory_unlock($1)', [migrationLockId]).catch(() => {});
    client.release();
  }
}

export async function pingDatabase(db: Database): Promise<void> {
  await db.execute(sql`select 1`);
}

export function pgliteDataDir(dataDir: string): string {
  return path.join(dataDir, 'pgdata');
}

export interface FixedStatement {
  /** Unique per statement text: PostgreSQL keeps one prepared plan per name and connection. */
  name: string;
  /** SQL with positional parameters ($1, $2, …). */
  text: string;
}

// `$n` placeholders become Drizzle parameters, so the same text runs on PGlite and in transactions.
function positionalToDrizzle(text: string, values: unknown[]): SQL {
  const parts = text.split(/\$(\d+)/);
  return sql.join(
    parts.map((part, index) => (index % 2 === 0 ? sql.raw(part) : sql`${values[Number(part) - 1]}`)),
    sql.raw(''),
  );
}

/**
 * Runs a hot statement. On a PostgreSQL pool it is a named prepared statement, parsed and planned
 * once per connection instead of on every call; on PGlite or inside a transaction it goes through
 * Drizzle with the same text and parameters.
 */
export async function executeFixed<Row>(
  db: Database,
  statement: FixedStatement,
  values: unknown[],
): Promise<Row[]> {
  const client = (db as { $client?: unknown }).$client;
  if (client instanceof pg.Pool) {
    const result = await client.query({ name: statement.name, text: statement.text, values });
    return result.rows as Row[];
  }
  const result = (await db.execute(positionalToDrizzle(statement.text, values))) as unknown as
    | { rows?: Row[] }
    | Row[];
  return Array.isArray(result) ? result : (result.rows ?? []);
}
