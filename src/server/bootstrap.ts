import type { PGlite } from '@electric-sql/pglite';
import { Redis } from 'ioredis';
import type { AppDeps } from './app-context.ts';
import type { Config } from './config.ts';
import { closeAnalytics } from './features/analytics/analytics.buffer.ts';
import { createAuth } from './features/auth/auth.ts';
import { ensureBillingCatalogue } from './features/plans/plans.catalogue.ts';
import { type Clock, systemClock } from './platform/clock.ts';
import { acquireDataDirLock, readOrCreateLocalSecret } from './platform/data-dir.ts';
import { type DatabaseHandle, openDatabase, pgliteDataDir, runMigrations } from './platform/db.ts';
import { createLogger, type Logger } from './platform/logger.ts';
import { createMailer } from './platform/mailer.ts';
import { createMetrics } from './platform/metrics.ts';
import { createQueue } from './platform/queue.ts';
import { createRateLimiter } from './platform/rate-limit.ts';
import { createStorageDriver } from './platform/storage.ts';

export interface Runtime {
  deps: AppDeps;
  database: DatabaseHandle;
  /** Milliseconds spent opening and migrating the database. */
  databaseReadyMs: number;
  shutdown(): Promise<void>;
}

export interface BootstrapOptions {
  log?: Logger;
  clock?: Clock;
  /** Tests hand in a PGlite loaded from a migrated template. */
  pglite?: PGlite;
  skipMigrations?: boolean;
  queuePollingSeconds?: number;
}

/** Opens everything Herald needs, in order: lock → database → migrations → queue → auth. */
export async function bootstrap(config: Config, options: BootstrapOptions = {}): Promise<Runtime> {
  const log = options.log ?? createLogger(config.LOG_LEVEL);
  const releaseLock =
    config.isEmbedded && !options.pglite ? acquireDataDirLock(config.HERALD_DATA_DIR) : () => {};
  const closers: Array<() => Promise<void> | void> = [releaseLock];
  try {
    const started = performance.now();
    const database = await openDatabase({
      databaseUrl: config.DATABASE_URL,
      pgliteDir: options.pglite ? undefined : pgliteDataDir(config.HERALD_DATA_DIR),
      pglite: options.pglite,
    });
    closers.unshift(() => database.close());
    if (!options.skipMigrations) await runMigrations(database);
    await ensureBillingCatalogue(database.db);
    const databaseReadyMs = performance.now() - started;
    const queue = await createQueue({
      pglite: database.kind === 'pglite' ? database.pglite : undefined,
      databaseUrl: config.DATABASE_URL,
      log,
      pollingIntervalSeconds: options.queuePollingSeconds,
    });
    closers.unshift(() => queue.stop());
    const redis = config.REDIS_URL
      ? new Redis(config.REDIS_URL, { lazyConnect: false, maxRetriesPerRequest: 2 })
      : undefined;
    if (redis) {
      redis.on('error', (error) => log.warn({ err: error }, 'redis error'));
      closers.unshift(() => void redis.quit().catch(() => {}));
    }
    const mailer = createMailer(config.SMTP_URL, { bulkConnections: config.SUBSCRIBER_SMTP_CONNECTIONS });
    closers.unshift(() => mailer.close());
    const authSecret = config.AUTH_SECRET ?? readOrCreateLocalSecret(config.HERALD_DATA_DIR, 'auth');
    const encryptionKey =
      config.ENCRYPTION_KEY ?? readOrCreateLocalSecret(config.HERALD_DATA_DIR, 'encryption');
    const base = {
      config,
      db: database.db,
      queue,
      log,
      clock: options.clock ?? systemClock,
      mailer,
      metrics: createMetrics(),
      storage: createStorageDriver(config),
      redis,
      authSecret,
      encryptionKey,
      decryptionKeys: [encryptionKey, ...config.ENCRYPTION_KEY_PREVIOUS],
      authRateLimiter: createRateLimiter({
        prefix: 'auth',
        points: config.AUTH_RATE_LIMIT_PER_MINUTE,
        durationSeconds: 60,
        redis,
      }),
    };
    const deps: AppDeps = { ...base, auth: createAuth(base) };
    // First on shutdown, while the database is open: buffered analytics events are written.
    closers.unshift(() =>
      closeAnalytics(deps).catch((error) => log.error({ err: error }, 'analytics events lost on shutdown')),
    );
    return {
      deps,
      database,
      databaseReadyMs,
      shutdown: async () => {
        for (const close of closers) await close();
      },
    };
  } catch (error) {
    for (const close of closers) await Promise.resolve(close()).catch(() => {});
    throw error;
  }
}
