// /widget.js: src/widget/widget.ts bundled and minified by esbuild into one IIFE, the first time it is
// asked for, then kept in memory (plain and gzipped) for the life of the process.
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { strongEtag } from '../public-changelog/public-cache.ts';

export const widgetSourcePath = path.resolve(import.meta.dirname, '../../../widget/widget.ts');

export interface WidgetScript {
  code: Buffer;
  gzipped: Buffer;
  etag: string;
}

export async function buildWidgetScript(): Promise<WidgetScript> {
  const result = await build({
    entryPoints: [widgetSourcePath],
    bundle: true,
    minify: true,
    format: 'iife',
    // Browsers of the last few years: optional chaining and the like stay as written (smaller).
    target: ['es2020'],
    legalComments: 'none',
    charset: 'utf8',
    write: false,
    logLevel: 'silent',
  });
  const file = result.outputFiles[0];
  if (!file) throw new Error('esbuild produced no widget.js');
  const code = Buffer.from(file.contents);
  return { code, gzipped: gzipSync(code, { level: 9 }), etag: strongEtag(code) };
}

let pending: Promise<WidgetScript> | undefined;

/** The built script, built once per process (a failed build is tried again on the next request). */
export function widgetScript(): Promise<WidgetScript> {
  pending ??= buildWidgetScript().catch((error: unknown) => {
    pending = undefined;
    throw error;
  });
  return pending;
}
