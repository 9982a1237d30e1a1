import { bootstrap } from './bootstrap.ts';
import { ConfigError, loadConfig } from './config.ts';
import { startWorkers } from './jobs.ts';

// A worker process for scale-out: the same jobs as the inline worker, no HTTP server. Run app servers
// with HERALD_WORKER=off and as many of these as the load needs (PostgreSQL only).
async function main() {
  const config = loadConfig();
  if (config.isEmbedded) {
    throw new ConfigError([
      'DATABASE_URL: a separate worker needs PostgreSQL; the embedded database runs jobs inline',
    ]);
  }
  const runtime = await bootstrap(config);
  await startWorkers(runtime.deps);
  runtime.deps.log.info('worker started');
  const stop = async () => {
    await runtime.shutdown();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof ConfigError ? error.message : ((error as Error).stack ?? String(error))}\n`,
  );
  process.exit(1);
});
