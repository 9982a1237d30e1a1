// `herald generate`: the local engine on a file or stdin, offline — no database, server, network or
// settings. The same engine, input normalization and platform rules as the API.
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { maxInputChars, normalizeInput } from '../server/features/generations/generations.input.ts';
import { createLocalEngine, detectLanguage } from '../server/features/studio/engines/local/local-engine.ts';
import {
  checkOutput,
  countFields,
  defaultPlatformLimits,
  type FieldCount,
} from '../shared/studio/platform-rules.ts';
import {
  type Language,
  languages,
  type Platform,
  platformLabels,
  platforms,
  type Tone,
  tones,
  type ViralScore,
} from '../shared/studio/studio-types.ts';
import { scoreOutput } from '../shared/studio/viral-score.ts';

export const generateUsage = `Usage: herald generate <file|-> [options]

Writes posts for each platform from a text or Markdown file (or stdin with -) with the built-in
local engine. Works offline: no database, server, network or settings.

Options:
  --platforms <list>   comma-separated: ${platforms.join(',')} (default: all)
  --tone <tone>        ${tones.join(', ')} (default: educational)
  --language <lang>    ${languages.join(' or ')} (default: detected from the text)
  --json               print the result as JSON instead of text
  -h, --help           show this help

Exit codes: 0 done, 1 the engine failed, 2 bad arguments or input.`;

/** Bad arguments or input: exit code 2 with a message saying what to change. */
class UsageError extends Error {}

interface GenerateOptions {
  source: string;
  platforms: Platform[];
  tone: Tone;
  language?: Language;
  json: boolean;
}

function listOf<T extends string>(value: string, allowed: readonly T[], what: string): T[] {
  const items = value
    .split(',')
    .map((item) => item.trim().toLowerCase())
    .filter(Boolean);
  const unknown = items.filter((item) => !allowed.includes(item as T));
  if (items.length === 0 || unknown.length > 0) {
    throw new UsageError(
      `Unknown ${what}: ${unknown.join(', ') || '(none given)'}. Use ${allowed.join(', ')}.`,
    );
  }
  return [...new Set(items as T[])];
}

function parseOptions(args: string[]): GenerateOptions | 'help' {
  let parsed: ReturnType<
    typeof parseArgs<{
      options: Record<string, { type: 'string' | 'boolean'; short?: string }>;
      allowPositionals: true;
    }>
  >;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: {
        platforms: { type: 'string' },
        tone: { type: 'string' },
        language: { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const values = parsed.values as Record<string, string | boolean | undefined>;
  if (values.help) return 'help';
  if (parsed.positionals.length !== 1) {
    throw new UsageError('Give one file to read, or - for stdin.');
  }
  const tone = listOf(String(values.tone ?? 'educational'), tones, 'tone');
  const language =
    values.language === undefined ? [] : listOf(String(values.language), languages, 'language');
  if (tone.length > 1 || language.length > 1) throw new UsageError('Give one tone and at most one language.');
  return {
    source: parsed.positionals[0] as string,
    platforms:
      values.platforms === undefined
        ? [...platforms]
        : listOf(String(values.platforms), platforms, 'platform'),
    tone: tone[0] as Tone,
    language: language[0],
    json: values.json === true,
  };
}

/** Where the command reads and writes: the process, or a test's buffers. */
export interface CliIo {
  stdin: AsyncIterable<Buffer | string> | Iterable<Buffer | string>;
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

const processIo: CliIo = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr };

async function readSource(source: string, stdin: CliIo['stdin']): Promise<string> {
  try {
    if (source === '-') {
      const chunks: Buffer[] = [];
      for await (const chunk of stdin) chunks.push(Buffer.from(chunk));
      return Buffer.concat(chunks).toString('utf8');
    }
    return await readFile(source, 'utf8');
  } catch (error) {
    throw new UsageError(
      `Cannot read ${source}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
}

const pathLabel = (path: Array<string | number>) =>
  path.length === 0
    ? 'post'
    : path.map((part, i) => (typeof part === 'number' ? `[${part + 1}]` : `${i ? '.' : ''}${part}`)).join('');

function formatCount(count: FieldCount): string {
  const over = count.used > count.limit ? '  OVER' : '';
  return `${pathLabel(count.path)} ${count.used}/${count.limit}${count.unit === 'weighted' ? ' weighted' : ''}${over}`;
}

function formatScore(score: ViralScore): string[] {
  const reasons = score.reasons.map(
    (r) => `    ${r.points >= 0 ? '+' : ''}${r.points} ${r.factor}: ${r.note}`,
  );
  return [`  Viral score ${score.score}/10`, ...reasons];
}

/** The output's fields in order: lists numbered, the email's HTML left out (its text body is shown). */
function formatFields(output: Record<string, unknown>): string[] {
  const lines: string[] = [];
  for (const [key, value] of Object.entries(output)) {
    if (key === 'html') continue;
    if (Array.isArray(value)) {
      if (key === 'hashtags') {
        if (value.length) lines.push(`  hashtags: ${value.join(' ')}`);
        continue;
      }
      lines.push(`  ${key}:`);
      value.forEach((item, i) => {
        lines.push(`    ${i + 1}. ${String(item).replace(/\n/g, '\n       ')}`);
      });
    } else if (typeof value === 'string' && value) {
      lines.push(`  ${key}:`, `    ${value.replace(/\n/g, '\n    ')}`);
    }
  }
  return lines;
}

export async function generateCommand(args: string[], io: CliIo = processIo): Promise<number> {
  try {
    const options = parseOptions(args);
    if (options === 'help') {
      io.stdout.write(`${generateUsage}\n`);
      return 0;
    }
    const text = normalizeInput(await readSource(options.source, io.stdin));
    if (!text) throw new UsageError('The input is empty.');
    if (text.length > maxInputChars) {
      throw new UsageError(`The input has ${text.length} characters; the limit is ${maxInputChars}.`);
    }
    const language = options.language ?? detectLanguage(text);
    const limits = defaultPlatformLimits;
    const engine = createLocalEngine();
    const result = await engine.generate({
      text,
      language,
      platforms: options.platforms,
      tone: options.tone,
      brand: null,
      limits,
    });
    const viralScores: Partial<Record<Platform, ViralScore>> = {};
    for (const platform of options.platforms) {
      const output = result.outputs[platform];
      if (!output) continue;
      // Engines promise valid output; the CLI holds them to it as the server does.
      if (checkOutput(platform, output, limits).length > 0) {
        delete result.outputs[platform];
        result.failures[platform] = 'The output broke the platform rules';
        continue;
      }
      viralScores[platform] = scoreOutput(platform, output, limits);
    }
    if (options.json) {
      const { analysis, outputs, failures, model } = result;
      const json = {
        engine: { kind: engine.kind, model },
        language,
        tone: options.tone,
        analysis,
        outputs,
        viralScores,
        failures,
      };
      io.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
    } else {
      const lines = [
        `Herald local engine (${result.model}) · ${language} · ${options.tone}`,
        '',
        'Analysis',
        `  Core message: ${result.analysis.coreMessage}`,
        `  Topic: ${result.analysis.topic} · Audience: ${result.analysis.audience}`,
        '  Key points:',
        ...result.analysis.keyPoints.map((point) => `    - ${point}`),
      ];
      for (const platform of options.platforms) {
        lines.push('', `== ${platformLabels[platform]} ==`);
        const output = result.outputs[platform];
        const score = viralScores[platform];
        if (!output || !score) {
          lines.push(`  Not delivered: ${result.failures[platform] ?? 'no output'}`);
          continue;
        }
        lines.push(...formatFields(output as Record<string, unknown>));
        const counts = countFields(platform, output as never, limits);
        if (counts.length) lines.push(`  Counts: ${counts.map(formatCount).join(' · ')}`);
        lines.push(...formatScore(score));
      }
      io.stdout.write(`${lines.join('\n')}\n`);
    }
    return Object.keys(result.outputs).length > 0 ? 0 : 1;
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`herald generate: ${error.message}\nRun \`herald generate --help\` for usage.\n`);
      return 2;
    }
    io.stderr.write(`herald generate failed: ${(error as Error).stack ?? String(error)}\n`);
    return 1;
  }
}
