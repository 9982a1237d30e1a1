import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkOutput } from '../shared/studio/platform-rules.ts';
import type { Platform } from '../shared/studio/studio-types.ts';
import { generateCommand } from './generate.ts';

const root = path.resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(path.join(tmpdir(), 'herald-generate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const article = `# Ship notes people read

A changelog is the cheapest support tool a small team has. Every entry answers a question before a customer asks it.

Write for the reader: say what changed, who it helps and what to do next. Link to https://example.com/docs for the details.

After a few months, the changelog is the story of the product. 🚀`;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The real command, as a user runs it: node bin/herald.mjs, with no database or settings in its environment. */
function herald(args: string[], stdin?: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const env = { PATH: process.env.PATH ?? '', HOME: dir };
    const child = spawn(process.execPath, [path.join(root, 'bin/herald.mjs'), ...args], { cwd: dir, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin ?? '');
  });
}

/** The same command in this process (no spawn), for the many argument cases. */
async function inProcess(args: string[], stdin = ''): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await generateCommand(args, {
    stdin: [Buffer.from(stdin)],
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
  });
  return { code, stdout, stderr };
}

describe('herald generate', () => {
  it('writes valid JSON outputs for the platforms asked, from a file', async () => {
    const file = path.join(dir, 'article.md');
    writeFileSync(file, article);
    const run = await herald([
      'generate',
      file,
      '--platforms',
      'x,linkedin,email',
      '--tone',
      'opinionated',
      '--json',
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as {
      language: string;
      tone: string;
      engine: { kind: string };
      analysis: { coreMessage: string };
      outputs: Record<Platform, unknown>;
      viralScores: Record<Platform, { score: number }>;
    };
    expect(result).toMatchObject({ language: 'en', tone: 'opinionated', engine: { kind: 'local' } });
    expect(Object.keys(result.outputs).sort()).toEqual(['email', 'linkedin', 'x']);
    for (const platform of ['x', 'linkedin', 'email'] as const) {
      expect(checkOutput(platform, result.outputs[platform])).toEqual([]);
      expect(result.viralScores[platform].score).toBeGreaterThanOrEqual(1);
    }
  });

  it('reads stdin with - and prints each platform readably with counts and the viral score', async () => {
    const run = await herald(['generate', '-', '--platforms', 'x,threads', '--tone', 'educational'], article);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('== X thread ==');
    expect(run.stdout).toContain('== Threads ==');
    expect(run.stdout).toMatch(/tweets\[1\] \d+\/280 weighted/);
    expect(run.stdout).toMatch(/Viral score \d+\/10/);
  });

  it('a French text is detected as French', async () => {
    const french =
      "Un journal des modifications est le moyen le plus simple d'aider vos clients. Chaque entrée répond à une question avant qu'elle ne soit posée.";
    const run = await herald(
      ['generate', '-', '--platforms', 'facebook', '--tone', 'conversational', '--json'],
      french,
    );
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ language: 'fr' });
  });

  it('a bad platform exits with code 2 and says which', async () => {
    const file = path.join(dir, 'short.txt');
    writeFileSync(file, article);
    const run = await herald(['generate', file, '--platforms', 'x,myspace', '--tone', 'educational']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Unknown platform: myspace');
    expect(run.stdout).toBe('');
  });

  it('every other bad argument or input is exit code 2 with a message, nothing on stdout', async () => {
    const file = path.join(dir, 'other.txt');
    writeFileSync(file, article);
    const cases: Array<[string[], string, RegExp]> = [
      [[file, '--tone', 'sarcastic'], '', /Unknown tone: sarcastic/],
      [[file, '--language', 'de'], '', /Unknown language: de/],
      [[file, '--tone', 'educational,authority'], '', /one tone/],
      [[file, '--platforms', ','], '', /Unknown platform: \(none given\)/],
      [[file, '--colour', 'blue'], '', /colour/],
      [[], '', /one file/],
      [[file, file], '', /one file/],
      [[path.join(dir, 'missing.md')], '', /Cannot read .*ENOENT/],
      [['-'], '  \n\n \t', /empty/],
      [['-'], 'a'.repeat(100_001), /limit is 100000/],
    ];
    for (const [args, stdin, message] of cases) {
      const run = await inProcess(args, stdin);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr, args.join(' ')).toMatch(message);
      expect(run.stdout, args.join(' ')).toBe('');
    }
  });

  it('--help prints the usage', async () => {
    const run = await herald(['generate', '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Usage: herald generate <file|->');
  });
});
