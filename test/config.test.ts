import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../src/server/config.ts';

const root = path.resolve(import.meta.dirname, '..');
const secret = 'a-secret-that-is-long-enough-0123456789';

function problemsOf(env: Record<string, string>): string[] {
  try {
    parseConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('parseConfig accepted the settings');
}

const fieldsOf = (problems: string[]) => problems.map((problem) => problem.split(':')[0]).sort();

/** Runs `src/server/main.ts` the way `npm run dev` does, with only the given settings. */
function runServer(
  env: Record<string, string>,
): Promise<{ code: number | null; stderr: string; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [path.join(root, 'node_modules/tsx/dist/cli.mjs'), 'src/server/main.ts'],
      {
        cwd: root,
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stderr, stdout }));
  });
}

describe('configuration', () => {
  it('several bad settings are all named in one error', () => {
    const problems = problemsOf({
      PORT: 'abc',
      DATABASE_URL: 'mysql://x',
      LOG_LEVEL: 'loud',
      TRUST_PROXY: 'maybe',
      BODY_LIMIT_BYTES: '10',
      CLERK_WEBHOOK_SECRET: 'nope',
      AUTH_SECRET: 'short',
      SUBSCRIBER_DIGEST_CRON: 'every morning',
    });
    expect(fieldsOf(problems)).toEqual([
      'AUTH_SECRET',
      'BODY_LIMIT_BYTES',
      'CLERK_WEBHOOK_SECRET',
      'DATABASE_URL',
      'LOG_LEVEL',
      'PORT',
      'SUBSCRIBER_DIGEST_CRON',
      'TRUST_PROXY',
    ]);
    for (const problem of problems) expect(problem).toMatch(/^[A-Z_]+: \S/);
  });

  it('the error message lists every problem on its own line', () => {
    const error = (() => {
      try {
        parseConfig({ PORT: '70000', REDIS_URL: 'http://cache' });
      } catch (caught) {
        return caught as Error;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect(error?.message).toMatch(/^Invalid configuration:\n {2}- PORT: .+\n {2}- REDIS_URL: .+$/);
  });

  it('an empty environment gets the documented defaults and the embedded database', () => {
    const config = parseConfig({});
    expect(config).toMatchObject({
      NODE_ENV: 'development',
      PORT: 3000,
      HOST: '127.0.0.1',
      HERALD_DATA_DIR: './.herald',
      LOG_LEVEL: 'info',
      TRUST_PROXY: false,
      BODY_LIMIT_BYTES: 1024 * 1024,
      ACCOUNT_DELETION_GRACE_DAYS: 30,
      INVITATION_TTL_HOURS: 24 * 7,
      HERALD_DEMO: true,
      HERALD_WORKER: 'inline',
      isEmbedded: true,
      publicUrl: 'http://localhost:3000',
      secureCookies: false,
    });
    expect(config.DATABASE_URL).toBeUndefined();
  });

  it('empty strings count as unset and strings are coerced to their types', () => {
    const config = parseConfig({
      PORT: '8080',
      DATABASE_URL: '',
      TRUST_PROXY: 'yes',
      HERALD_DEMO: '0',
      PUBLIC_URL: 'https://herald.example.com/',
      UNRELATED_SETTING: 'ignored',
    });
    expect(config.PORT).toBe(8080);
    expect(config.isEmbedded).toBe(true);
    expect(config.TRUST_PROXY).toBe(true);
    expect(config.HERALD_DEMO).toBe(false);
    expect(config.publicUrl).toBe('https://herald.example.com');
    expect(config.secureCookies).toBe(true);
    expect(parseConfig({ DATABASE_URL: 'postgres://u@db:5432/herald' }).isEmbedded).toBe(false);
  });

  it('production without AUTH_SECRET or ENCRYPTION_KEY is refused', () => {
    expect(fieldsOf(problemsOf({ NODE_ENV: 'production' }))).toEqual(['AUTH_SECRET', 'ENCRYPTION_KEY']);
    expect(fieldsOf(problemsOf({ NODE_ENV: 'production', ENCRYPTION_KEY: secret }))).toEqual(['AUTH_SECRET']);
    expect(
      parseConfig({ NODE_ENV: 'production', AUTH_SECRET: secret, ENCRYPTION_KEY: secret }).NODE_ENV,
    ).toBe('production');
  });

  it('missing production secrets are named together with the other bad settings', () => {
    expect(fieldsOf(problemsOf({ NODE_ENV: 'production', PORT: 'abc' }))).toEqual([
      'AUTH_SECRET',
      'ENCRYPTION_KEY',
      'PORT',
    ]);
  });

  it('the server refuses to start with bad settings, exits non-zero and names each one', async () => {
    const { code, stderr, stdout } = await runServer({ PORT: 'abc', DATABASE_URL: 'mysql://x' });
    expect(code).not.toBe(0);
    expect(stderr).toContain('Invalid configuration');
    expect(stderr).toMatch(/PORT: /);
    expect(stderr).toMatch(/DATABASE_URL: must be a URL starting with postgres: or postgresql:/);
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(stdout).not.toContain('Herald is running');
  });
});

describe('demo data default', () => {
  it('is on for the embedded database and off on a PostgreSQL server unless asked for', () => {
    expect(parseConfig({}).HERALD_DEMO).toBe(true);
    expect(parseConfig({ DATABASE_URL: 'postgres://x@127.0.0.1/db' }).HERALD_DEMO).toBe(false);
    expect(parseConfig({ DATABASE_URL: 'postgres://x@127.0.0.1/db', HERALD_DEMO: 'true' }).HERALD_DEMO).toBe(
      true,
    );
  });
});
