// `npm start`: builds the web UI when it is missing or older than its sources, then runs the server
// with tsx (no separate server build step). Plain JS so it runs before anything is compiled.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const builtIndex = path.join(root, 'dist/web/index.html');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

const webSources = path.join(root, 'src/web');
const needsBuild =
  existsSync(webSources) &&
  (!existsSync(builtIndex) || newestMtime(webSources) > statSync(builtIndex).mtimeMs);
if (needsBuild) {
  process.stdout.write('Building the web UI (first start only)…\n');
  const built = spawnSync(
    process.execPath,
    [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
  if (built.status !== 0) process.exit(built.status ?? 1);
}

const tsxCli = path.join(root, 'node_modules/tsx/dist/cli.mjs');
const server = spawn(process.execPath, [tsxCli, path.join(root, 'src/server/main.ts')], {
  cwd: root,
  stdio: 'inherit',
});
// Pass stop signals on so the server shuts down cleanly and releases the data directory lock.
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
