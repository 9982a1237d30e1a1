import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase, runMigrations } from '../src/server/platform/db.ts';
import { createLogger } from '../src/server/platform/logger.ts';
import { createQueue } from '../src/server/platform/queue.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplatePath: string;
    postgresTemplateDatabase: string;
  }
}

// One migrated database (Herald's tables and pg-boss's schema) that every test file copies: loading
// a PGlite dump takes well under a second where migrating a new one takes several.
export default async function setup(project: TestProject) {
  const log = createLogger('silent');
  const databaseUrl = process.env.DATABASE_URL;
  if (databaseUrl) {
    const templateName = `herald_template_${process.pid}`;
    const admin = new pg.Client({ connectionString: databaseUrl });
    await admin.connect();
    await admin.query(`drop database if exists ${templateName}`);
    await admin.query(`create database ${templateName}`);
    const url = new URL(databaseUrl);
    url.pathname = `/${templateName}`;
    const handle = await openDatabase({ databaseUrl: url.toString(), poolSize: 2 });
    await runMigrations(handle);
    const queue = await createQueue({ databaseUrl: url.toString(), log });
    await queue.stop();
    await handle.close();
    project.provide('postgresTemplateDatabase', templateName);
    project.provide('pgliteTemplatePath', '');
    return async () => {
      await admin.query(`drop database if exists ${templateName} with (force)`).catch(() => {});
      await admin.end();
    };
  }
  const pglite = new PGlite();
  const handle = await openDatabase({ pglite });
  await runMigrations(handle);
  const queue = await createQueue({ pglite, log });
  await queue.stop();
  const dump = await pglite.dumpDataDir('none');
  await pglite.close();
  const dir = mkdtempSync(path.join(tmpdir(), 'herald-template-'));
  const file = path.join(dir, 'template.tar');
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  project.provide('pgliteTemplatePath', file);
  project.provide('postgresTemplateDatabase', '');
  return () => rmSync(dir, { recursive: true, force: true });
}
