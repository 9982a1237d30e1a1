import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';

export interface RateLimiter {
  /** Counts one hit for `key`; resolves `{ allowed: false, retryAfterSeconds }` past the limit. */
  hit(key: string): Promise<{ allowed: boolean; retryAfterSeconds: number }>;
}

// In-process by default; shared through Redis when REDIS_URL is set so several app servers agree.
export function createRateLimiter(options: {
  prefix: string;
  points: number;
  durationSeconds: number;
  redis?: Redis;
}): RateLimiter {
  const limiter = options.redis
    ? new RateLimiterRedis({
        storeClient: options.redis,
        keyPrefix: `herald:${options.prefix}`,
        points: options.points,
        duration: options.durationSeconds,
        insuranceLimiter: new RateLimiterMemory({
          points: options.points,
          duration: options.durationSeconds,
        }),
      })
    : new RateLimiterMemory({
        keyPrefix: options.prefix,
        points: options.points,
        duration: options.durationSeconds,
      });
  return {
    async hit(key) {
      try {
        await limiter.consume(key);
        return { allowed: true, retryAfterSeconds: 0 };
      } catch (result) {
        if (result instanceof RateLimiterRes) {
          return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(result.msBeforeNext / 1000)) };
        }
        throw result;
      }
    },
  };
}
