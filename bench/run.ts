// `npm run bench [-- name…]`: runs every bench/*.bench.ts (or those whose name contains one of the
// arguments), each in its own process so one bench's database, memory and loaded modules never skew
// another's. Each bench prints its own comparison table.
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';

const benchDir = import.meta.dirname;
const root = path.resolve(benchDir, '..');
const filters = process.argv.slice(2);
const files = readdirSync(benchDir)
  .filter((name) => name.endsWith('.bench.ts'))
  .filter((name) => filters.length === 0 || filters.some((filter) => name.includes(filter)))
  .sort();

if (files.length === 0) {
  process.stderr.write(`No bench file matches ${filters.join(', ')}\n`);
  process.exit(1);
}

function runFile(file: string): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [path.join(root, 'node_modules/tsx/dist/cli.mjs'), path.join(benchDir, file)],
      {
        cwd: root,
        stdio: 'inherit',
      },
    );
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

const summary: string[] = [];
let failed = 0;
const started = performance.now();
for (const file of files) {
  process.stdout.write(`\n# ${file}\n`);
  const fileStarted = performance.now();
  const code = await runFile(file);
  const seconds = ((performance.now() - fileStarted) / 1000).toFixed(1);
  summary.push(`${file}: ${code === 0 ? 'ok' : `FAILED (exit ${code})`} in ${seconds} s`);
  if (code !== 0) failed++;
}
process.stdout.write(
  `\n${summary.join('\n')}\nTotal ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
);
process.exit(failed > 0 ? 1 : 0);
