import { z } from '@hono/zod-openapi';
import { and, eq, lt, or, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { AppError } from './errors.ts';

// Cursor pagination over (created_at, id) descending: stable under inserts, no OFFSET scans.
export interface Cursor {
  createdAt: Date;
  id: string;
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(`${cursor.createdAt.toISOString()}|${cursor.id}`).toString('base64url');
}

// A cursor is only ever made by encodeCursor, so anything else is refused here rather than reaching
// the database: a year PostgreSQL cannot store or a NUL in the id would fail there with a 500.
const isSaneCursorId = (id: string) => id.length <= 200 && ![...id].some((ch) => ch.charCodeAt(0) < 0x20);

export function decodeCursor(value: string | undefined): Cursor | undefined {
  if (!value) return undefined;
  const [iso, id, ...rest] = Buffer.from(value, 'base64url').toString('utf8').split('|');
  const createdAt = new Date(iso ?? '');
  const year = createdAt.getUTCFullYear();
  if (!id || rest.length > 0 || !isSaneCursorId(id) || Number.isNaN(year) || year < 1 || year > 9999) {
    throw new AppError('validation_failed', 'Invalid cursor', [
      { path: 'cursor', message: 'Invalid cursor' },
    ]);
  }
  return { createdAt, id };
}

export const pageQuerySchema = z.object({
  cursor: z.string().max(200).optional().openapi({ description: 'Opaque cursor from `nextCursor`' }),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});

export function nextCursorOf<T extends { createdAt: Date; id: string }>(
  rows: T[],
  limit: number,
): string | null {
  if (rows.length <= limit) return null;
  const last = rows[limit - 1];
  return last ? encodeCursor({ createdAt: last.createdAt, id: last.id }) : null;
}

/** The rows after `cursor` in (created_at, id) descending order; `undefined` for the first page. */
export function olderThan(cursor: Cursor | undefined, createdAt: PgColumn, id: PgColumn): SQL | undefined {
  if (!cursor) return undefined;
  return or(lt(createdAt, cursor.createdAt), and(eq(createdAt, cursor.createdAt), lt(id, cursor.id)));
}
