import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Redis } from 'ioredis';
import type { Config } from './config.ts';
import type { HeraldAuth } from './features/auth/auth.ts';
import type { Clock } from './platform/clock.ts';
import type { Database } from './platform/db.ts';
import type { Logger } from './platform/logger.ts';
import type { Mailer } from './platform/mailer.ts';
import type { Metrics } from './platform/metrics.ts';
import type { Queue } from './platform/queue.ts';
import type { RateLimiter } from './platform/rate-limit.ts';
import type { StorageDriver } from './platform/storage.ts';

// What every request handler and job can reach. Built once in main.ts (or by the test harness).
export interface AppDeps {
  config: Config;
  db: Database;
  queue: Queue;
  log: Logger;
  clock: Clock;
  mailer: Mailer;
  metrics: Metrics;
  /** Uploaded bytes (voice notes, photos); rows in storage_objects index them. */
  storage: StorageDriver;
  redis?: Redis;
  authSecret: string;
  /** Encrypts secrets at rest (ENCRYPTION_KEY or the generated local one). */
  encryptionKey: string;
  /** Reads them back: the current key first, then ENCRYPTION_KEY_PREVIOUS (a rotation in progress). */
  decryptionKeys: readonly string[];
  authRateLimiter: RateLimiter;
  auth: HeraldAuth;
}

/** Who is making the request. API keys act inside their own workspace only. */
export type Actor =
  | { type: 'anonymous' }
  | { type: 'user'; userId: string; sessionId: string; email: string; name: string }
  | {
      type: 'api_key';
      keyId: string;
      workspaceId: string;
      scope: 'read' | 'read_write';
      userId: string | null;
    };

export interface RequestInfo {
  requestId: string;
  /** Where the request came from as Herald may keep it: a pseudonym unless RECORD_CLIENT_IPS (http/client-ip.ts). */
  readonly ipAddress: string | null;
  userAgent: string | null;
}

export interface AppEnv {
  Variables: {
    deps: AppDeps;
    requestId: string;
    log: Logger;
    actor: Actor;
    request: RequestInfo;
  };
}

export type AppRouter = OpenAPIHono<AppEnv>;
