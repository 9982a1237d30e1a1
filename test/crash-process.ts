import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { asc, eq } from 'drizzle-orm';
import { publishAttempts } from '../src/server/features/publishing/publishing.table.ts';
import { type Database, openDatabase, pgliteDataDir } from '../src/server/platform/db.ts';
import { createTestApp, type TestApp, waitFor } from './harness.ts';

// Real Herald processes for the crash tests (publish-crash*.test.ts): killed with SIGKILL mid-publish,
// then started again. On PGlite the process is the embedded server (main.ts, jobs inline, its own data
// directory); with DATABASE_URL it is `src/server/worker.ts` beside an in-process app on a fresh database.

export const crashOnPostgres = Boolean(process.env.DATABASE_URL);
const root = path.resolve(import.meta.dirname, '..');
const children: ChildProcess[] = [];
const dirs: string[] = [];
const apps: TestApp[] = [];

/** For afterAll: kills what is still running, closes the in-process app, removes data directories. */
export async function cleanUpCrashProcesses() {
  for (const child of children)
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  for (const app of apps) await app.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

const secrets = {
  AUTH_SECRET: 'crash-test-auth-secret-that-is-long-enough-0123',
  ENCRYPTION_KEY: 'crash-test-encryption-key-that-is-long-enough-01',
};
// The lease of an attempt is 2 × PUBLISH_TIMEOUT_MS + 10 s: the recovery starts about 12 s after the kill.
const publishSettings = { OUTBOUND_ALLOW_PRIVATE_NETWORKS: 'true', PUBLISH_TIMEOUT_MS: '1000' };

/** One process running Herald's jobs; `node --import tsx` so the pid is Herald itself, not a tsx wrapper. */
function startProcess(script: string, env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      LOG_LEVEL: 'warn',
      ...secrets,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ready = (pattern: RegExp) =>
    waitFor(async () => {
      if (child.exitCode !== null) throw new Error(`${script} exited early:\n${output}`);
      return pattern.test(output);
    }, 90_000);
  return { child, exited, ready, output: () => output };
}

export type CrashProcess = Omit<ReturnType<typeof startProcess>, 'ready'> & { ready(): Promise<boolean> };

export interface CrashTarget {
  /** An API call; redirects are not followed (an OAuth callback answers 302). */
  call(method: string, url: string, body?: unknown, cookie?: string): Promise<Response>;
  /** The same with a body sent as it is, under `contentType` (a CSV upload). */
  callRaw(method: string, url: string, body: string, contentType: string, cookie?: string): Promise<Response>;
  start(): CrashProcess;
  /** The post's publish attempts, oldest first; on PGlite only once the process has stopped. */
  attemptsOf(postId: string): Promise<Array<typeof publishAttempts.$inferSelect>>;
}

const attemptsIn = (db: Database, postId: string) =>
  db
    .select()
    .from(publishAttempts)
    .where(eq(publishAttempts.postId, postId))
    .orderBy(asc(publishAttempts.attemptNumber));

async function embeddedTarget(env: Record<string, string>): Promise<CrashTarget> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'herald-crash-'));
  dirs.push(dataDir);
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  return {
    call: (method, url, body, cookie) =>
      fetch(`${origin}${url}`, {
        method,
        redirect: 'manual',
        headers: { origin, 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
    callRaw: (method, url, body, contentType, cookie) =>
      fetch(`${origin}${url}`, {
        method,
        redirect: 'manual',
        headers: { origin, 'content-type': contentType, ...(cookie ? { cookie } : {}) },
        body,
      }),
    start: () => {
      const running = startProcess('src/server/main.ts', {
        ...publishSettings,
        ...env,
        HERALD_DATA_DIR: dataDir,
        PORT: String(port),
        PUBLIC_URL: origin,
        HERALD_DEMO: 'false',
        NODE_ENV: 'development',
      });
      return { ...running, ready: () => running.ready(/Herald is running/) };
    },
    attemptsOf: async (postId) => {
      // PGlite has one writer: the stopped server's directory is opened here, read and closed.
      const handle = await openDatabase({ pgliteDir: pgliteDataDir(dataDir) });
      try {
        return await attemptsIn(handle.db, postId);
      } finally {
        await handle.close();
      }
    },
  };
}

async function workerTarget(env: Record<string, string>): Promise<CrashTarget> {
  const app = await createTestApp({ workers: false, env: { ...publishSettings, ...env } });
  apps.push(app);
  return {
    call: (method, url, body, cookie) => app.call(method, url, { body, cookie }),
    callRaw: (method, url, body, contentType, cookie) =>
      app.call(method, url, { rawBody: body, cookie, headers: { 'content-type': contentType } }),
    start: () => {
      // The same secrets as the app that stored the channel, or its credentials cannot be read.
      const running = startProcess('src/server/worker.ts', {
        ...publishSettings,
        ...env,
        DATABASE_URL: app.config.DATABASE_URL ?? '',
        LOG_LEVEL: 'info',
        AUTH_SECRET: app.config.AUTH_SECRET ?? '',
        ENCRYPTION_KEY: app.config.ENCRYPTION_KEY ?? '',
      });
      return { ...running, ready: () => running.ready(/worker started/) };
    },
    attemptsOf: (postId) => attemptsIn(app.deps.db, postId),
  };
}

/** Where the crash test runs: `env` (platform base URLs…) goes to the in-process app and every process. */
export function crashTarget(env: Record<string, string> = {}): Promise<CrashTarget> {
  return crashOnPostgres ? workerTarget(env) : embeddedTarget(env);
}

/** Signs a user up through the target; returns the session cookie and the workspace's API base path. */
export async function signUpThrough(target: CrashTarget, email: string) {
  const signUp = await target.call('POST', '/api/auth/sign-up/email', {
    email,
    password: 'correct-horse-battery',
    name: 'Crash Test',
  });
  if (signUp.status !== 200) throw new Error(`sign-up answered ${signUp.status}: ${await signUp.text()}`);
  const cookie = signUp.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const me = (await (await target.call('GET', '/api/v1/me', undefined, cookie)).json()) as {
    workspaces: Array<{ id: string }>;
  };
  return { cookie, base: `/api/v1/workspaces/${me.workspaces[0]?.id}` };
}
