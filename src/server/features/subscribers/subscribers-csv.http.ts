// The CSV import and export as HTTP: what the workspace's routes and the staff routes both accept and
// answer, so the two cannot drift apart.
import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../../app-context.ts';
import { jsonResponse } from '../../http/router.ts';
import { AppError } from '../../platform/errors.ts';
import { maxImportRows } from './subscribers.service.ts';

export const importDescription = `text/csv with a header line holding \`email\` and optionally \`preference\` (all, major, digest; default all); an export imports back (its unsubscribed rows are skipped). At most ${maxImportRows} rows. Each bad row is listed with its number (1 = first row after the header) and reasons; the good rows are written together with source \`import\`, as confirmed. An address already subscribed is left as it is. No good row: 422.`;

export const csvRequestBody = { required: false, content: { 'text/csv': { schema: z.string() } } };

export const importResultResponse = jsonResponse(
  z.object({
    imported: z.number().int(),
    existing: z.number().int(),
    skipped: z.number().int(),
    rejected: z.array(
      z.object({
        row: z.number().int(),
        errors: z.array(z.object({ path: z.string(), message: z.string() })),
      }),
    ),
  }),
  'What was imported and what was not',
);

export const csvResponse = { description: 'CSV', content: { 'text/csv': { schema: z.string() } } };

export const csvDownloadHeaders = {
  'content-type': 'text/csv; charset=utf-8',
  'content-disposition': 'attachment; filename="subscribers.csv"',
  'cache-control': 'no-store',
};

/** The request's CSV text: 415 for another content type, 422 for a NUL character. */
export async function csvBody(c: Context<AppEnv>): Promise<string> {
  const type = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'text/csv') throw new AppError('unsupported_media_type', 'Send the rows as text/csv');
  const text = await c.req.text();
  if (text.includes('\u0000')) {
    throw new AppError('validation_failed', 'The file must not contain the NUL character');
  }
  return text;
}
