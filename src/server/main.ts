import { createApp } from './app.ts';
import { bootstrap } from './bootstrap.ts';
import { ConfigError, loadConfig } from './config.ts';
import { seedDemoData } from './features/demo/demo.service.ts';
import { startHttpServer } from './http/node-server.ts';
import { startWorkers } from './jobs.ts';
import { DataDirLockedError } from './platform/data-dir.ts';

async function main() {
  const config = loadConfig();
  const runtime = await bootstrap(config);
  const { deps } = runtime;
  deps.log.info(
    { database: runtime.database.kind, ms: Math.round(runtime.databaseReadyMs) },
    'database ready (opened and migrated)',
  );
  if (config.HERALD_DEMO) {
    const seedStart = performance.now();
    const demo = await seedDemoData(deps);
    if (demo) {
      deps.log.info({ ms: Math.round(performance.now() - seedStart) }, 'demo data seeded');
      // Printed once, on the start that created them; never logged again.
      process.stdout.write(
        `\nDemo account created (shown only once):\n  email:    ${demo.email}\n  password: ${demo.password}\n\n`,
      );
    }
  }
  if (config.HERALD_WORKER === 'inline') await startWorkers(deps);
  const app = createApp(deps);
  const { server, port } = await startHttpServer(app, deps, { port: config.PORT, hostname: config.HOST });
  process.stdout.write(`Herald is running at ${config.PUBLIC_URL ?? `http://localhost:${port}`}\n`);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    deps.log.info({ signal }, 'shutting down');
    server.close();
    await runtime.shutdown();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof DataDirLockedError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(`Herald failed to start: ${(error as Error).stack ?? String(error)}\n`);
  }
  process.exit(1);
});
