import { createPrivateKey } from 'node:crypto';
import { z } from 'zod';
import { defaultPlatformLimits } from '../shared/studio/platform-limits.ts';

// The only place that reads process.env. Every setting is listed in README.md with its default.
const booleanFromString = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const optionalUrl = (protocols: string[]) =>
  z
    .string()
    .trim()
    .min(1)
    .refine(
      (value) => {
        try {
          return protocols.includes(new URL(value).protocol);
        } catch {
          return false;
        }
      },
      `must be a URL starting with ${protocols.join(' or ')}`,
    )
    .optional();

const secretString = z.string().min(32, 'must be at least 32 characters').optional();

// A PEM private key; `\n` escapes (how one-line env files hold it) become newlines.
const githubAppPrivateKey = z
  .string()
  .transform((value) => value.replace(/\\n/g, '\n').trim())
  .refine((value) => {
    try {
      return createPrivateKey(value).asymmetricKeyType === 'rsa';
    } catch {
      return false;
    }
  }, 'must be the GitHub App private key (RSA, PEM)')
  .optional();

// LLM prices in USD per million tokens, by model name: `{"my-model":{"input":0.5,"output":1.5}}`.
const llmPriceTable = z
  .string()
  .transform((value, ctx) => {
    try {
      return JSON.parse(value) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be a JSON object' });
      return z.NEVER;
    }
  })
  .pipe(
    z.record(
      z.string().trim().min(1).max(200),
      z.object({ input: z.number().min(0).max(100_000), output: z.number().min(0).max(100_000) }).strict(),
    ),
  )
  .optional();

export const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  PUBLIC_URL: optionalUrl(['http:', 'https:']),
  HERALD_DATA_DIR: z.string().min(1).default('./.herald'),
  DATABASE_URL: optionalUrl(['postgres:', 'postgresql:']),
  REDIS_URL: optionalUrl(['redis:', 'rediss:']),
  AUTH_SECRET: secretString,
  ENCRYPTION_KEY: secretString,
  // Keys ENCRYPTION_KEY replaced, comma-separated: still read, never written (herald secrets rotate).
  ENCRYPTION_KEY_PREVIOUS: z
    .string()
    .optional()
    .transform((value) =>
      (value ?? '')
        .split(',')
        .map((key) => key.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().min(32, 'each key must be at least 32 characters'))),
  SMTP_URL: optionalUrl(['smtp:', 'smtps:']),
  MAIL_FROM: z.string().min(3).default('Herald <no-reply@herald.localhost>'),
  CLERK_WEBHOOK_SECRET: z.string().startsWith('whsec_', 'must start with whsec_').optional(),
  STRIPE_SECRET_KEY: z.string().min(8).optional(),
  STRIPE_WEBHOOK_SECRET: z.string().startsWith('whsec_', 'must start with whsec_').optional(),
  /** Stripe API base URL; tests point it at a local fake. */
  STRIPE_API_URL: optionalUrl(['http:', 'https:']),
  DODO_API_KEY: z.string().min(8).optional(),
  DODO_WEBHOOK_SECRET: z.string().min(8).optional(),
  DODO_API_URL: optionalUrl(['http:', 'https:']),
  ASAAS_API_KEY: z.string().min(8).optional(),
  ASAAS_WEBHOOK_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  ASAAS_API_URL: optionalUrl(['http:', 'https:']),
  /** A Dodo pay-what-you-want one-time product; credit packs are sold through it. */
  DODO_CREDIT_PRODUCT_ID: z.string().min(1).optional(),
  /** What one credit costs in a credit pack, in cents of CREDIT_PACK_CURRENCY. */
  CREDIT_PACK_CENTS_PER_CREDIT: z.coerce.number().int().min(1).max(100_000).default(5),
  CREDIT_PACK_CURRENCY: z
    .string()
    .regex(/^[a-zA-Z]{3}$/, 'must be a three-letter currency code')
    .transform((value) => value.toLowerCase())
    .default('usd'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TRUST_PROXY: booleanFromString.default(false),
  /** Keep client IPs as they are in sessions, audit and usage logs; default: a keyed pseudonym. */
  RECORD_CLIENT_IPS: booleanFromString.default(false),
  BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(100 * 1024 * 1024)
    .default(1024 * 1024),
  /** Uploaded files (voice notes, photos); unset: `<HERALD_DATA_DIR>/storage`. */
  STORAGE_DIR: z.string().min(1).optional(),
  /** Where new uploads go; rows remember theirs, so files written by the other driver stay readable. */
  STORAGE_DRIVER: z.enum(['local', 's3']).default('local'),
  S3_ENDPOINT: optionalUrl(['http:', 'https:']),
  S3_REGION: z.string().trim().min(1).max(100).optional(),
  S3_BUCKET: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be an S3 bucket name (a-z, 0-9, dots, dashes)')
    .optional(),
  S3_ACCESS_KEY_ID: z.string().trim().min(1).max(500).optional(),
  S3_SECRET_ACCESS_KEY: z.string().trim().min(1).max(500).optional(),
  /** `endpoint/bucket/key` (MinIO and most self-hosted servers) instead of `bucket.endpoint/key`. */
  S3_FORCE_PATH_STYLE: booleanFromString.default(false),
  /** Sign `UNSIGNED-PAYLOAD` instead of the body's SHA-256; use only with an https endpoint. */
  S3_UNSIGNED_PAYLOAD: booleanFromString.default(false),
  S3_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(60_000),
  /** Days a deleted storage object's bytes are kept before the daily `storage.purge` job removes them. */
  STORAGE_PURGE_AFTER_DAYS: z.coerce.number().int().min(0).max(365).default(7),
  /** Video uploads (mp4) to /storage-objects; images use IMAGE_MAX_BYTES, audio VOICE_NOTE_MAX_BYTES. */
  VIDEO_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(1024 * 1024 * 1024)
    .default(200 * 1024 * 1024),
  VOICE_NOTE_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(200 * 1024 * 1024)
    .default(25 * 1024 * 1024),
  VOICE_NOTE_MAX_SECONDS: z.coerce
    .number()
    .int()
    .min(10)
    .max(4 * 3600)
    .default(600),
  IMAGE_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(100 * 1024 * 1024)
    .default(10 * 1024 * 1024),
  ACCOUNT_DELETION_GRACE_DAYS: z.coerce.number().int().min(0).max(365).default(30),
  /** How often buffered analytics events are written (one batch of upserts per flush). */
  ANALYTICS_FLUSH_INTERVAL_MS: z.coerce.number().int().min(50).max(600_000).default(2000),
  /** Buffered analytics events that trigger a flush before the interval. */
  ANALYTICS_FLUSH_EVENTS: z.coerce.number().int().min(1).max(1_000_000).default(5000),
  INVITATION_TTL_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 90)
    .default(24 * 7),
  AUTH_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(30),
  /** Lets outbound requests (webhooks) reach loopback and private networks; off: the SSRF guard refuses them. */
  OUTBOUND_ALLOW_PRIVATE_NETWORKS: booleanFromString.default(false),
  /** Attempts at publishing one post version before it is marked failed (retry-safe errors only). */
  PUBLISH_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(5),
  /** Time limit of one platform call (publish, or asking whether an earlier attempt landed). */
  PUBLISH_TIMEOUT_MS: z.coerce.number().int().min(100).max(300_000).default(30_000),
  /** First retry delay; each further retry doubles it (a platform's Retry-After wins when longer). */
  PUBLISH_RETRY_BASE_MS: z.coerce.number().int().min(10).max(3_600_000).default(30_000),
  /** Posts one process publishes at once. */
  PUBLISH_CONCURRENCY: z.coerce.number().int().min(1).max(200).default(10),
  /** Confirmation mails one address can be sent per hour (any workspace); more are silently not sent. */
  SUBSCRIBER_CONFIRM_PER_ADDRESS_PER_HOUR: z.coerce.number().int().min(1).max(100).default(3),
  /** Confirmation mails one client IP (counted by a keyed hash, never stored) can cause per hour. */
  SUBSCRIBER_CONFIRM_PER_IP_PER_HOUR: z.coerce.number().int().min(1).max(10_000).default(20),
  /** SMTP connections one process uses to mail subscribers (each may hold one unconfirmed message at a crash). */
  SUBSCRIBER_SMTP_CONNECTIONS: z.coerce.number().int().min(1).max(50).default(1),
  /** Deliveries claimed (and leased) at once by a sender. */
  SUBSCRIBER_SEND_BATCH: z.coerce.number().int().min(1).max(5000).default(200),
  /** How long a claimed batch stays leased to its sender; a crashed sender's batch is retried after it. */
  SUBSCRIBER_DELIVERY_LEASE_SECONDS: z.coerce.number().int().min(2).max(3600).default(120),
  /** When the digest goes out (cron, UTC). */
  SUBSCRIBER_DIGEST_CRON: z
    .string()
    .trim()
    .max(100)
    // Five fields (minute hour day-of-month month day-of-week) of digits, names, `*`, `/`, `,`, `-`:
    // checked here so a typo stops start-up instead of failing when the worker schedules it.
    .regex(/^[\w*/,-]+(\s+[\w*/,-]+){4}$/, 'Give a five-field cron expression, e.g. "0 8 * * *"')
    .default('0 8 * * *'),
  /** Unset: on for the embedded database, off with DATABASE_URL (a production server). */
  HERALD_DEMO: booleanFromString.optional(),
  HERALD_WORKER: z.enum(['inline', 'off']).default('inline'),
  HERALD_STATIC_DIR: z.string().min(1).default('./dist/web'),
  /** Platform-rule overrides (src/shared/studio/platform-limits.ts); only lowering them makes sense. */
  STUDIO_X_MAX_TWEETS: z.coerce.number().int().min(1).max(25).default(defaultPlatformLimits.x.maxTweets),
  STUDIO_INSTAGRAM_MAX_HASHTAGS: z.coerce
    .number()
    .int()
    .min(0)
    .max(30)
    .default(defaultPlatformLimits.instagram.maxHashtags),
  STUDIO_EMAIL_SUBJECT_MAX_CHARS: z.coerce
    .number()
    .int()
    .min(20)
    .max(998)
    .default(defaultPlatformLimits.email.maxSubjectChars),
  /** Seconds an identical generation request is answered from the earlier result, free; 0 turns it off. */
  STUDIO_CACHE_WINDOW_SECONDS: z.coerce
    .number()
    .int()
    .min(0)
    .max(365 * 86_400)
    .default(86_400),
  /** Calls per platform (and for the analysis) before an LLM engine gives that platform up. */
  STUDIO_LLM_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(10).default(3),
  /** LLM calls one generation runs at once. */
  STUDIO_LLM_CONCURRENCY: z.coerce.number().int().min(1).max(16).default(3),
  LLM_TIMEOUT_MS: z.coerce.number().int().min(1000).max(600_000).default(60_000),
  /** Overrides or extends the built-in price table (engines/llm/price-table.ts). */
  LLM_PRICE_TABLE: llmPriceTable,
  /** An X OAuth 2 app (confidential client); without both, connecting X answers 503 not_configured. */
  X_CLIENT_ID: z.string().trim().min(1).max(500).optional(),
  X_CLIENT_SECRET: z.string().trim().min(1).max(500).optional(),
  /** X API and consent page; tests point them at a local fake. */
  X_API_BASE_URL: optionalUrl(['http:', 'https:']).default('https://api.x.com'),
  X_AUTHORIZE_URL: optionalUrl(['http:', 'https:']).default('https://x.com/i/oauth2/authorize'),
  /** A LinkedIn app; without both, connecting LinkedIn answers 503 not_configured. */
  LINKEDIN_CLIENT_ID: z.string().trim().min(1).max(500).optional(),
  LINKEDIN_CLIENT_SECRET: z.string().trim().min(1).max(500).optional(),
  LINKEDIN_API_BASE_URL: optionalUrl(['http:', 'https:']).default('https://api.linkedin.com'),
  LINKEDIN_AUTH_BASE_URL: optionalUrl(['http:', 'https:']).default('https://www.linkedin.com/oauth/v2'),
  /** The `LinkedIn-Version` header (YYYYMM) of the versioned /rest API; LinkedIn sunsets each after about a year. */
  LINKEDIN_API_VERSION: z
    .string()
    .regex(/^\d{6}$/, 'must be a YYYYMM version')
    .default('202601'),
  /** Send PKCE to LinkedIn too: only for apps LinkedIn has enabled PKCE for. */
  LINKEDIN_PKCE: booleanFromString.default(false),
  /** GitHub's REST API (GitHub Enterprise: `https://<host>/api/v3`); tests point it at a local fake. */
  GITHUB_API_URL: optionalUrl(['http:', 'https:']).default('https://api.github.com'),
  /** A GitHub App, for connecting repositories through an installation instead of a token. */
  GITHUB_APP_ID: z
    .string()
    .regex(/^\d{1,20}$/, 'must be the numeric App id')
    .optional(),
  GITHUB_APP_PRIVATE_KEY: githubAppPrivateKey,
});

export type RawConfig = z.infer<typeof configSchema>;

export interface Config extends Omit<RawConfig, 'HERALD_DEMO'> {
  HERALD_DEMO: boolean;
  isEmbedded: boolean;
  publicUrl: string;
  /** Origins allowed to post to /api/auth: PUBLIC_URL, and both loopback names when it is not set. */
  trustedOrigins: string[];
  secureCookies: boolean;
}

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export const s3RequiredSettings = [
  'S3_ENDPOINT',
  'S3_REGION',
  'S3_BUCKET',
  'S3_ACCESS_KEY_ID',
  'S3_SECRET_ACCESS_KEY',
] as const;

/** Parses settings from an env-like record; throws ConfigError naming every bad field at once. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const present = Object.fromEntries(
    Object.entries(env).filter(
      ([key, value]) => key in configSchema.shape && value !== undefined && value !== '',
    ),
  );
  const parsed = configSchema.safeParse(present);
  const problems = parsed.success
    ? []
    : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  // Checked on the raw values too, so a missing secret is named alongside any other bad setting.
  if (present.NODE_ENV === 'production') {
    if (!present.AUTH_SECRET) problems.push('AUTH_SECRET: required in production');
    if (!present.ENCRYPTION_KEY) problems.push('ENCRYPTION_KEY: required in production');
  }
  if (present.STORAGE_DRIVER === 's3') {
    for (const name of s3RequiredSettings) {
      if (!present[name]) problems.push(`${name}: required when STORAGE_DRIVER is s3`);
    }
  }
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  const raw = parsed.data;
  const publicUrl = (raw.PUBLIC_URL ?? `http://localhost:${raw.PORT}`).replace(/\/+$/, '');
  return {
    ...raw,
    HERALD_DEMO: raw.HERALD_DEMO ?? !raw.DATABASE_URL,
    isEmbedded: !raw.DATABASE_URL,
    publicUrl,
    trustedOrigins: raw.PUBLIC_URL
      ? [publicUrl]
      : [`http://localhost:${raw.PORT}`, `http://127.0.0.1:${raw.PORT}`, `http://[::1]:${raw.PORT}`],
    secureCookies: publicUrl.startsWith('https:'),
  };
}

export function loadConfig(): Config {
  return parseConfig(process.env);
}
