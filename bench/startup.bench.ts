// Cold and warm start of `npm start` (node scripts/start.mjs) on the embedded database, against a bare
// `node -e` HTTP server on the same machine: time to the "running" line, time to the first /healthz
// answer, the "database ready" time Herald logs, and peak memory of the process tree.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { configSchema } from '../src/server/config.ts';
import { freePort } from './lib/herald.ts';
import { memoryOf, mib, processTree, sampleTreeRss } from './lib/processes.ts';
import { median, printTable, ratio } from './lib/table.ts';

const root = path.resolve(import.meta.dirname, '..');
const runs = Number(process.env.BENCH_STARTUP_RUNS ?? 2);
const startTimeoutMs = 120_000;

interface StartRun {
  runningMs: number;
  healthyMs: number;
  databaseReadyMs: number;
  /** VmHWM of the process that serves HTTP (the node running main.ts, or the bare server). */
  serverPeakRss: number;
  /** Largest summed RSS of the whole tree (npm start: start.mjs + tsx + server) seen while starting. */
  treePeakRss: number;
  stopMs: number;
  rebuiltWebUi: boolean;
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/** The same check scripts/start.mjs makes; the build runs here so it is never inside a timing. */
function ensureWebUiBuilt(): boolean {
  const index = path.join(root, 'dist/web/index.html');
  const sources = path.join(root, 'src/web');
  if (!existsSync(sources)) return false;
  if (existsSync(index) && newestMtime(sources) <= statSync(index).mtimeMs) return false;
  const built = spawnSync(
    process.execPath,
    [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
  if (built.status !== 0) throw new Error('the web UI build failed; fix it before benchmarking npm start');
  return true;
}

/** The environment a user would have: none of Herald's settings from this shell leak in. */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(configSchema.shape)) delete env[key];
  return { ...env, ...extra };
}

async function waitForHealthz(url: string, child: ChildProcess, deadline: number): Promise<number> {
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`the process exited with ${child.exitCode} before answering`);
    if (performance.now() > deadline) throw new Error('timed out waiting for /healthz');
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
      await response.arrayBuffer();
      if (response.status === 200) return performance.now();
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function stopProcess(child: ChildProcess): Promise<number> {
  const started = performance.now();
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve(0);
    const force = setTimeout(() => {
      if (child.pid) process.kill(-child.pid, 'SIGKILL');
    }, 20_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve(performance.now() - started);
    });
    child.kill('SIGTERM');
  });
}

async function timeStart(
  command: string[],
  env: NodeJS.ProcessEnv,
  runningLine: string,
  port: number,
): Promise<StartRun> {
  const started = performance.now();
  const deadline = started + startTimeoutMs;
  // Own process group, so a run that hangs can be killed with everything it started.
  const child = spawn(command[0] as string, command.slice(1), {
    cwd: root,
    env,
    detached: true,
    stdio: 'pipe',
  });
  const sampler = sampleTreeRss(child.pid as number);
  let runningAt = Number.NaN;
  let databaseReadyMs = Number.NaN;
  let rebuiltWebUi = false;
  let output = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    output += chunk;
    if (Number.isNaN(runningAt) && output.includes(runningLine)) runningAt = performance.now();
    if (output.includes('Building the web UI')) rebuiltWebUi = true;
    const ready = /\{[^\n]*"msg":"database ready[^\n]*\}/.exec(output);
    if (ready && Number.isNaN(databaseReadyMs)) databaseReadyMs = Number(JSON.parse(ready[0]).ms);
  });
  let errors = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    errors += chunk;
  });
  try {
    const healthyAt = await waitForHealthz(`http://127.0.0.1:${port}/healthz`, child, deadline);
    while (Number.isNaN(runningAt) && performance.now() < deadline)
      await new Promise((r) => setTimeout(r, 5));
    // The deepest process running main.ts (start.mjs → tsx cli → node main.ts; tsx may also run an
    // esbuild service beside it), or the bare server itself.
    const tree = processTree(child.pid as number).flatMap((pid) => memoryOf(pid) ?? []);
    const server = tree.filter((p) => p.cmdline.includes('src/server/main.ts')).at(-1) ?? tree[0];
    const treePeakRss = sampler.stop();
    const stopMs = await stopProcess(child);
    return {
      runningMs: runningAt - started,
      healthyMs: healthyAt - started,
      databaseReadyMs,
      serverPeakRss: server?.hwm ?? Number.NaN,
      treePeakRss,
      stopMs,
      rebuiltWebUi,
    };
  } catch (error) {
    sampler.stop();
    if (child.pid && child.exitCode === null) process.kill(-child.pid, 'SIGKILL');
    throw new Error(`${(error as Error).message}\nstdout:\n${output}\nstderr:\n${errors}`);
  }
}

async function startHerald(dataDir: string): Promise<StartRun> {
  const port = await freePort();
  const env = cleanEnv({ HERALD_DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1' });
  return timeStart(
    [process.execPath, path.join(root, 'scripts/start.mjs')],
    env,
    'Herald is running at',
    port,
  );
}

const bareServer =
  "require('node:http').createServer((q, s) => s.end('ok')).listen(+process.env.PORT, '127.0.0.1', () => console.log('listening'))";

async function startBare(): Promise<StartRun> {
  const port = await freePort();
  return timeStart([process.execPath, '-e', bareServer], cleanEnv({ PORT: String(port) }), 'listening', port);
}

function summarize(label: string, results: StartRun[], bare?: StartRun[]): Array<string | number> {
  const m = (pick: (r: StartRun) => number) => median(results.map(pick));
  const b = (pick: (r: StartRun) => number) => (bare ? median(bare.map(pick)) : Number.NaN);
  return [
    label,
    results.length,
    m((r) => r.runningMs),
    m((r) => r.healthyMs),
    m((r) => r.databaseReadyMs),
    mib(m((r) => r.serverPeakRss)),
    mib(m((r) => r.treePeakRss)),
    m((r) => r.stopMs),
    bare
      ? ratio(
          m((r) => r.healthyMs),
          b((r) => r.healthyMs),
        )
      : '1.00×',
    bare
      ? ratio(
          m((r) => r.serverPeakRss),
          b((r) => r.serverPeakRss),
        )
      : '1.00×',
  ];
}

async function main() {
  const load1 = loadavg()[0] ?? 0;
  const notes: string[] = [];
  if (ensureWebUiBuilt()) notes.push('dist/web was missing or stale and was built before timing.');
  const cold: StartRun[] = [];
  const warm: StartRun[] = [];
  const bare: StartRun[] = [];
  for (let i = 0; i < runs; i++) {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'herald-bench-start-'));
    try {
      ensureWebUiBuilt();
      cold.push(await startHerald(dataDir));
      ensureWebUiBuilt();
      warm.push(await startHerald(dataDir));
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
  for (let i = 0; i < Math.max(3, runs); i++) bare.push(await startBare());
  if ([...cold, ...warm].some((r) => r.rebuiltWebUi)) {
    notes.push(
      'WARNING: npm start rebuilt the web UI inside a timed run (src/web changed meanwhile); that run is slower.',
    );
  }
  printTable({
    title:
      '`npm start` on the embedded database (PGlite): cold and warm start vs a bare `node -e` HTTP server',
    columns: [
      'start',
      'runs',
      '"running" ms',
      '/healthz ms',
      'db ready ms',
      'server peak RSS MiB',
      'tree peak RSS MiB',
      'stop ms',
      '/healthz vs bare',
      'RSS vs bare',
    ],
    rows: [
      summarize('npm start, cold (new data dir: initdb, migrations, demo seed)', cold, bare),
      summarize('npm start, warm (same data dir)', warm, bare),
      summarize('bare node -e http server', bare),
    ],
    notes: [
      'Medians. Times from spawn; "running" = the "Herald is running at" line on stdout; /healthz = first 200 (polled every 10 ms); db ready = the ms Herald logs for opening and migrating the database.',
      'server peak RSS = VmHWM of the node process serving HTTP (for npm start, the one running main.ts); tree = largest summed VmRSS of start.mjs + tsx + server, sampled every 25 ms.',
      'stop = SIGTERM to start.mjs until it exits (the server closes the database and releases the data-directory lock).',
      `Machine: ${cpus().length} cores, 1-minute load average ${load1.toFixed(2)} at start.`,
      ...notes,
    ],
  });
}

await main();
