import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { acquireDataDirLock, DataDirLockedError } from '../src/server/platform/data-dir.ts';

// The embedded database (PGlite) belongs to one process. These start the real server as `npm run dev`
// does, always on PGlite: DATABASE_URL is left out of the child's environment even when the suite
// itself runs against PostgreSQL.

const root = path.resolve(import.meta.dirname, '..');
const tsxCli = path.join(root, 'node_modules/tsx/dist/cli.mjs');
const tmpDirs: string[] = [];
const children: ChildProcess[] = [];

afterAll(async () => {
  // SIGTERM, not SIGKILL: tsx passes it on to the process running main.ts, which then lets go of the lock.
  const running = children.filter((child) => child.exitCode === null && child.signalCode === null);
  await Promise.all(
    running.map((child) => new Promise((resolve) => child.once('exit', resolve).kill('SIGTERM'))),
  );
  for (const dir of tmpDirs) rmSync(dir, { recursive: true, force: true });
});

function freshDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'herald-lock-'));
  tmpDirs.push(dir);
  return dir;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

interface RunningServer {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  exited: Promise<number | null>;
  /** Resolves with the first match of `pattern` on stdout; rejects if the process exits first. */
  waitForOutput(pattern: RegExp): Promise<RegExpMatchArray>;
}

function startHerald(dataDir: string, port: number): RunningServer {
  const child = spawn(process.execPath, [tsxCli, 'src/server/main.ts'], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      NODE_ENV: 'development',
      HERALD_DATA_DIR: dataDir,
      PORT: String(port),
      HERALD_DEMO: 'true',
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let stdout = '';
  let stderr = '';
  const listeners = new Set<() => void>();
  child.stdout?.on('data', (chunk) => {
    stdout += chunk;
    for (const listener of listeners) listener();
  });
  child.stderr?.on('data', (chunk) => {
    stderr += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    stdout: () => stdout,
    stderr: () => stderr,
    exited,
    waitForOutput: (pattern) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const match = stdout.match(pattern);
          if (match) {
            listeners.delete(check);
            resolve(match);
          }
        };
        listeners.add(check);
        check();
        void exited.then((code) =>
          reject(new Error(`Herald exited (${code}) before printing ${pattern}:\n${stdout}\n${stderr}`)),
        );
      }),
  };
}

const demoBanner = /Demo account created \(shown only once\):\n\s+email:\s+(\S+)\n\s+password: (\S+)/g;

describe('the data-directory lock', () => {
  it('a second Herald on the same data directory is refused, and a restart keeps the data without printing the demo credentials again', async () => {
    const dataDir = freshDir();
    const port = await freePort();
    const first = startHerald(dataDir, port);
    const [, url] = await first.waitForOutput(/Herald is running at (\S+)/);
    expect(url).toBe(`http://localhost:${port}`);
    const banners = [...first.stdout().matchAll(demoBanner)];
    expect(banners).toHaveLength(1);
    const [, email, password] = banners[0] ?? [];
    expect(first.stdout()).toContain('database ready');
    // tsx runs main.ts in a child of its own, so the lock holds that process's pid.
    const holderPid = Number(readFileSync(path.join(dataDir, 'herald.lock'), 'utf8').trim());
    expect(() => process.kill(holderPid, 0)).not.toThrow();

    const second = startHerald(dataDir, await freePort());
    expect(await second.exited).not.toBe(0);
    expect(second.stderr()).toContain(`pid ${holderPid}`);
    expect(second.stderr()).toContain(`data directory ${dataDir}`);
    expect(second.stderr()).not.toMatch(/\n\s+at /);
    expect(second.stdout()).not.toContain('Herald is running');
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);

    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(existsSync(path.join(dataDir, 'herald.lock'))).toBe(false);

    const third = startHerald(dataDir, port);
    await third.waitForOutput(/Herald is running at/);
    expect(third.stdout()).toContain('database ready');
    expect(third.stdout()).not.toContain('Demo account');
    expect(third.stdout()).not.toContain(password);
    const signIn = await fetch(`http://127.0.0.1:${port}/api/auth/sign-in/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: `http://127.0.0.1:${port}` },
      body: JSON.stringify({ email, password }),
    });
    expect(signIn.status).toBe(200);
    third.child.kill('SIGTERM');
    expect(await third.exited).toBe(0);
  }, 240_000);
});

describe('acquireDataDirLock', () => {
  async function deadPid(): Promise<number> {
    const child = spawn(process.execPath, ['-e', '']);
    await new Promise((resolve) => child.on('exit', resolve));
    if (!child.pid) throw new Error('no pid');
    return child.pid;
  }

  it('takes over a lock left by a process that is gone, and releases it', async () => {
    const dir = freshDir();
    const lockFile = path.join(dir, 'herald.lock');
    writeFileSync(lockFile, String(await deadPid()));
    const release = acquireDataDirLock(dir);
    expect(readFileSync(lockFile, 'utf8')).toBe(String(process.pid));
    release();
    expect(existsSync(lockFile)).toBe(false);
  });

  it('takes over a lock file whose content is not a pid', () => {
    const dir = freshDir();
    writeFileSync(path.join(dir, 'herald.lock'), 'garbage');
    const release = acquireDataDirLock(dir);
    expect(readFileSync(path.join(dir, 'herald.lock'), 'utf8')).toBe(String(process.pid));
    release();
  });

  it('refuses a lock held by a live process and names the process and the directory', async () => {
    const dir = freshDir();
    const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 600000)']);
    children.push(holder);
    writeFileSync(path.join(dir, 'herald.lock'), String(holder.pid));
    try {
      let error: unknown;
      try {
        acquireDataDirLock(dir);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(DataDirLockedError);
      expect((error as DataDirLockedError).holderPid).toBe(holder.pid);
      expect((error as Error).message).toContain(`data directory ${path.resolve(dir)}`);
      expect(readFileSync(path.join(dir, 'herald.lock'), 'utf8')).toBe(String(holder.pid));
    } finally {
      holder.kill('SIGKILL');
    }
  });
});
