import { Hono } from 'hono';
import type { AppEnv } from '../../app-context.ts';
import { pingDatabase } from '../../platform/db.ts';

export const healthRouter = new Hono<AppEnv>();

healthRouter.get('/healthz', (c) => c.json({ status: 'ok' }));

/**
 * Ready when the database and the job queue answer. Redis is reported but does not decide readiness:
 * without it rate limits fall back to each process's memory, which is worse but not down.
 */
healthRouter.get('/readyz', async (c) => {
  const deps = c.get('deps');
  const checks: Record<string, 'ok' | 'failed'> = {};
  const run = async (name: string, check: () => Promise<unknown>) => {
    try {
      await Promise.race([
        check(),
        new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 3000)),
      ]);
      checks[name] = 'ok';
    } catch {
      checks[name] = 'failed';
    }
  };
  await run('database', () => pingDatabase(deps.db));
  await run('queue', () => deps.queue.ping());
  const ready = Object.values(checks).every((v) => v === 'ok');
  const { redis } = deps;
  if (redis) await run('redis', () => redis.ping());
  return c.json({ status: ready ? 'ready' : 'not_ready', checks }, ready ? 200 : 503);
});

healthRouter.get('/metrics', async (c) => {
  const { registry } = c.get('deps').metrics;
  return c.body(await registry.metrics(), 200, { 'Content-Type': registry.contentType });
});
