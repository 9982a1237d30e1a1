import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startFakeGithub } from '../test/fakes/fake-github.ts';
import {
  e2eBaseUrl,
  e2ePort,
  e2eStaffEmail,
  e2eStripeWebhookSecret,
  mailboxUrlEnv,
  staffPasswordEnv,
} from './support/e2e-env.ts';
import {
  e2eBackfilledPullRequests,
  e2eGithubRepository,
  e2eGithubToken,
  e2eRoadmapIssues,
  e2eRoadmapRepository,
  e2eRoadmapToken,
  githubUrlEnv,
} from './support/github-env.ts';
import { startSmtpPeer } from './support/smtp-peer.ts';

const root = path.resolve(import.meta.dirname, '..');
const serverLog = path.join(root, 'test-results', 'herald-server.log');

function assertPortFree(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', () =>
      reject(
        new Error(
          `Port ${port} is in use; set HERALD_E2E_PORT to a free port (or leave it unset to pick one)`,
        ),
      ),
    );
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve()));
  });
}

function buildWebUi() {
  const started = Date.now();
  const result = spawnSync(
    process.execPath,
    [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'],
    { cwd: root, stdio: 'inherit' },
  );
  if (result.status !== 0) throw new Error(`vite build failed (exit ${result.status})`);
  process.stdout.write(`[e2e] web UI built in ${Date.now() - started} ms\n`);
}

/**
 * A super_admin made by the real CLI (`herald staff add --create`) before Herald starts: the embedded
 * database is locked by the server while it runs, so this is the one moment the CLI can open it.
 */
function createStaffUser(env: NodeJS.ProcessEnv): string {
  const started = Date.now();
  const result = spawnSync(
    process.execPath,
    [
      path.join(root, 'bin/herald.mjs'),
      'staff',
      'add',
      e2eStaffEmail,
      '--role',
      'super_admin',
      '--create',
      '--name',
      'Sam Staff',
    ],
    { cwd: root, env, encoding: 'utf8' },
  );
  const password = /Password \(shown once\): (\S+)/.exec(result.stdout)?.[1];
  if (result.status !== 0 || !password) {
    throw new Error(`herald staff add failed (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
  }
  process.stdout.write(
    `[e2e] staff user ${e2eStaffEmail} created by the CLI in ${Date.now() - started} ms\n`,
  );
  return password;
}

function logTail(): string {
  try {
    return readFileSync(serverLog, 'utf8').split('\n').slice(-40).join('\n');
  } catch {
    return '(no server log)';
  }
}

async function waitUntilReady(child: ChildProcess, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`Herald exited with code ${child.exitCode} before it was ready:\n${logTail()}`);
    }
    const ready = await fetch(`${e2eBaseUrl}/readyz`)
      .then((response) => response.ok)
      .catch(() => false);
    if (ready) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`Herald was not ready within ${timeoutMs} ms:\n${logTail()}`);
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(killer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/**
 * A real SMTP peer, a fresh web build and a real Herald (embedded PGlite in a new data directory) with
 * SMTP configured, so email verification is required just as in a production install.
 */
export default async function globalSetup() {
  await assertPortFree(e2ePort);
  const peer = await startSmtpPeer();
  process.env[mailboxUrlEnv] = peer.mailboxUrl;
  // e2e/changelog.spec.ts connects a repository: GitHub's REST API is this fake on loopback.
  const github = await startFakeGithub();
  github.addRepository(e2eGithubRepository, { token: e2eGithubToken });
  for (const [index, pr] of e2eBackfilledPullRequests.entries()) {
    const mergedAt = new Date(Date.now() - (index + 1) * 86_400_000);
    github.addPullRequest(e2eGithubRepository, { ...pr, mergedAt, updatedAt: mergedAt });
  }
  // e2e/audience.spec.ts: a second repository whose open issues make the roadmap.
  github.addRepository(e2eRoadmapRepository, { token: e2eRoadmapToken });
  for (const issue of e2eRoadmapIssues) {
    github.addIssue(e2eRoadmapRepository, { ...issue, labels: [...issue.labels] });
  }
  process.env[githubUrlEnv] = github.url;
  if (process.env.HERALD_E2E_SKIP_BUILD !== '1') buildWebUi();

  const dataDir = mkdtempSync(path.join(tmpdir(), 'herald-e2e-'));
  mkdirSync(path.dirname(serverLog), { recursive: true });
  const log = createWriteStream(serverLog);
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of ['DATABASE_URL', 'REDIS_URL', 'AUTH_SECRET', 'ENCRYPTION_KEY', 'HOST', 'NODE_ENV']) {
    delete env[key];
  }
  Object.assign(env, {
    HERALD_DATA_DIR: dataDir,
    PORT: String(e2ePort),
    PUBLIC_URL: e2eBaseUrl,
    SMTP_URL: peer.smtpUrl,
    HERALD_DEMO: 'false',
    HERALD_WORKER: 'inline',
    HERALD_STATIC_DIR: path.join(root, 'dist/web'),
    AUTH_RATE_LIMIT_PER_MINUTE: '10000',
    LOG_LEVEL: 'info',
    // e2e/publishing.spec.ts delivers to a webhook receiver on 127.0.0.1, which the SSRF guard refuses otherwise.
    OUTBOUND_ALLOW_PRIVATE_NETWORKS: 'true',
    // Inbound webhooks only: without STRIPE_SECRET_KEY there is no checkout, and billing reads "not configured".
    STRIPE_WEBHOOK_SECRET: e2eStripeWebhookSecret,
    GITHUB_API_URL: github.url,
  });
  try {
    process.env[staffPasswordEnv] = createStaffUser(env);
  } catch (error) {
    await peer.close();
    await github.close();
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  const started = Date.now();
  const herald = spawn(
    process.execPath,
    [path.join(root, 'node_modules/tsx/dist/cli.mjs'), 'src/server/main.ts'],
    {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  herald.stdout?.pipe(log);
  herald.stderr?.pipe(log);

  const teardown = async () => {
    await stopProcess(herald);
    await peer.close();
    await github.close();
    log.end();
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitUntilReady(herald, 120_000);
  } catch (error) {
    await teardown();
    throw error;
  }
  process.stdout.write(
    `[e2e] Herald ready at ${e2eBaseUrl} in ${Date.now() - started} ms (SMTP ${peer.smtpUrl}, log ${path.relative(root, serverLog)})\n`,
  );
  return teardown;
}
