// Metrics from a spreadsheet, row by row: each row is checked on its own (post of this workspace,
// a real time, whole non-negative numbers); good rows are written together, bad rows come back with
// their number and reasons. The same post and time again replaces the earlier reading.
import { z } from 'zod';
import type { AppDeps } from '../../app-context.ts';
import { parseCsv } from '../../platform/csv.ts';
import { AppError } from '../../platform/errors.ts';
import { postsOfWorkspace } from '../approvals/approvals.queries.ts';
import type { WorkspaceAccess } from '../workspaces/workspace-access.ts';
import { type NewMetric, upsertMetrics } from './performance.queries.ts';
import { maxCount, maxImportRows } from './performance.schemas.ts';
import { readRecordedAt } from './performance.service.ts';

interface RowError {
  path: string;
  message: string;
}

const countColumns = ['views', 'likes', 'shares', 'comments', 'reach'] as const;
const requiredColumns = ['post_id', 'recorded_at'];
const knownColumns = [...requiredColumns, ...countColumns];

const countCell = z
  .string()
  .trim()
  .transform((v) => (v === '' ? '0' : v.replaceAll('_', '')))
  .refine((v) => /^\d{1,13}$/.test(v) && Number(v) <= maxCount, `A whole number from 0 to ${maxCount}`)
  .transform(Number);

const rowSchema = z.object({
  post_id: z.string().trim().min(1, 'Required').max(100),
  recorded_at: z.string().trim().min(1, 'Required').max(40),
  views: countCell,
  likes: countCell,
  shares: countCell,
  comments: countCell,
  reach: countCell,
});

function readCsv(text: string): Array<Record<string, string>> {
  const parsed = parseCsv(text);
  if (!parsed.ok) {
    throw new AppError('validation_failed', `The CSV cannot be read: ${parsed.problem.message}`, [
      { path: `line ${parsed.problem.line}`, message: parsed.problem.message },
    ]);
  }
  const [header, ...rows] = parsed.rows;
  const names = (header ?? []).map((name) => name.trim().toLowerCase());
  const missing = requiredColumns.filter((name) => !names.includes(name));
  if (missing.length > 0) {
    throw new AppError(
      'validation_failed',
      `The header line must name the columns, with ${missing.join(' and ')}`,
      [{ path: 'line 1', message: `Columns: ${knownColumns.join(', ')}` }],
    );
  }
  if (rows.length === 0)
    throw new AppError('validation_failed', 'The file has no rows', [{ path: 'line 2', message: 'No rows' }]);
  if (rows.length > maxImportRows) {
    throw new AppError('validation_failed', `At most ${maxImportRows} rows per import`, [
      { path: 'rows', message: `${rows.length} rows` },
    ]);
  }
  return rows.map((cells) =>
    Object.fromEntries(knownColumns.map((name) => [name, cells[names.indexOf(name)] ?? ''])),
  );
}

export async function importMetrics(
  deps: Pick<AppDeps, 'db' | 'clock'>,
  access: WorkspaceAccess,
  text: string,
) {
  const rows = readCsv(text);
  const now = deps.clock.now();
  const parsed = rows.map((row) => rowSchema.safeParse(row));
  const ids = [...new Set(parsed.flatMap((r) => (r.success ? [r.data.post_id] : [])))];
  const postsById = new Map((await postsOfWorkspace(deps.db, access.workspaceId, ids)).map((p) => [p.id, p]));
  const rejected: Array<{ row: number; errors: RowError[] }> = [];
  const good = new Map<string, { row: number; values: NewMetric }>();
  parsed.forEach((result, index) => {
    const row = index + 1;
    if (!result.success) {
      rejected.push({
        row,
        errors: result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
      });
      return;
    }
    const data = result.data;
    const errors: RowError[] = [];
    const post = postsById.get(data.post_id);
    if (!post) errors.push({ path: 'post_id', message: 'No such post in this workspace' });
    const recordedAt = readRecordedAt(data.recorded_at, now);
    if (typeof recordedAt === 'string') errors.push({ path: 'recorded_at', message: recordedAt });
    if (!post || typeof recordedAt === 'string' || errors.length > 0) {
      rejected.push({ row, errors });
      return;
    }
    const key = `${post.id}|${recordedAt.getTime()}`;
    const earlier = good.get(key);
    // One reading per post and moment: the later row of the file wins, the earlier is reported.
    if (earlier) {
      rejected.push({
        row: earlier.row,
        errors: [{ path: 'recorded_at', message: `Replaced by row ${row} (same post and time)` }],
      });
    }
    good.set(key, {
      row,
      values: {
        workspaceId: access.workspaceId,
        postId: post.id,
        platform: post.platform,
        recordedAt,
        views: data.views,
        likes: data.likes,
        shares: data.shares,
        comments: data.comments,
        reach: data.reach,
        source: 'csv',
        createdAt: now,
      },
    });
  });
  rejected.sort((a, b) => a.row - b.row);
  if (good.size === 0) throw new AppError('validation_failed', 'No row could be imported', { rejected });
  const values = [...good.values()].map((g) => g.values);
  await deps.db.transaction(async (tx) => {
    for (let i = 0; i < values.length; i += 500) await upsertMetrics(tx, values.slice(i, i + 500));
  });
  return { accepted: values.length, rejected };
}
