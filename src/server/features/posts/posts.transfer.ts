// Bulk import (CSV or JSON) and export. Every row is validated on its own — shape, platform rules,
// media ownership — and the good rows are written together in one transaction; a bad row writes
// nothing and comes back with its row number and reasons. Imported posts are drafts (origin
// `import`): status, dates and ids in the file are ignored, so an export can be imported back.
import { z } from 'zod';
import { checkOutput } from '../../../shared/studio/platform-rules.ts';
import { type Platform, platformOutputSchemas, platforms } from '../../../shared/studio/studio-types.ts';
import { parseCsv, toCsv } from '../../platform/csv.ts';
import { AppError } from '../../platform/errors.ts';
import { type AuditContext, recordAudit } from '../audit/audit.service.ts';
import { studioLimits } from '../generations/generations.service.ts';
import type { WorkspaceAccess } from '../workspaces/workspace-access.ts';
import {
  exportPostRows,
  insertPosts,
  liveStorageObjects,
  type NewPost,
  type PostRow,
} from './posts.queries.ts';
import { maxMediaPerPost, maxTags, maxTitleChars, tagSchema } from './posts.schemas.ts';
import { actorUserId, approvalFields, type PostDeps, presentPost, uniqueTags } from './posts.service.ts';

export const maxImportRows = 1000;
export const maxExportRows = 50_000;

interface RowError {
  path: string;
  message: string;
}
export interface RejectedRow {
  row: number;
  errors: RowError[];
}

const listFromCell = (value: unknown) =>
  typeof value === 'string'
    ? value
        .split(';')
        .map((part) => part.trim())
        .filter(Boolean)
    : value;

const jsonFromCell = (value: unknown) => {
  if (typeof value !== 'string' || value.trim() === '') return value === '' ? undefined : value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value; // left as a string: the schema then says it is not an object
  }
};

const importRowSchema = z.object({
  platform: z.enum(platforms),
  title: z.string().trim().max(maxTitleChars).nullish(),
  content: z.preprocess(jsonFromCell, z.record(z.string(), z.unknown()).optional()),
  text: z.string().trim().min(1).max(20_000).optional(),
  tags: z.preprocess(listFromCell, z.array(tagSchema).max(maxTags).optional()),
  mediaObjectIds: z.preprocess(
    listFromCell,
    z.array(z.string().min(1).max(100)).max(maxMediaPerPost).optional(),
  ),
  needsApproval: z.preprocess(
    (value) => (value === 'true' ? true : value === 'false' || value === '' ? false : value),
    z.boolean().optional(),
  ),
});

/** Plain text as a platform's output, for spreadsheets that have a text column instead of content. */
function contentFromText(platform: Platform, text: string): unknown {
  const [first = '', ...rest] = text.split(/\n\s*\n/);
  switch (platform) {
    case 'x':
      return { tweets: [text], hashtags: [] };
    case 'threads':
      return { posts: [text] };
    case 'linkedin':
      return { hook: first, body: rest.join('\n\n'), cta: '', hashtags: [] };
    case 'instagram':
      return { caption: text, hashtags: [] };
    case 'facebook':
      return { text, hashtags: [] };
    default:
      return undefined;
  }
}

// CSV columns are snake_case; JSON fields camelCase.
const csvColumns: Record<string, string> = {
  platform: 'platform',
  title: 'title',
  content: 'content',
  text: 'text',
  tags: 'tags',
  media_object_ids: 'mediaObjectIds',
  needs_approval: 'needsApproval',
};

/** CSV text → row objects (by header), or a 422 when the file itself cannot be read. */
export function rowsFromCsv(text: string): Array<Record<string, unknown>> {
  const parsed = parseCsv(text);
  if (!parsed.ok) {
    throw new AppError('validation_failed', `The CSV cannot be read: ${parsed.problem.message}`, [
      { path: `line ${parsed.problem.line}`, message: parsed.problem.message },
    ]);
  }
  const [header, ...rows] = parsed.rows;
  if (!header?.includes('platform')) {
    throw new AppError(
      'validation_failed',
      'The first line must be a header naming the columns, with platform',
      [{ path: 'line 1', message: `Columns: ${Object.keys(csvColumns).join(', ')}` }],
    );
  }
  return rows.map((cells) => {
    const row: Record<string, unknown> = {};
    header.forEach((name, i) => {
      const key = csvColumns[name.trim()];
      const cell = cells[i];
      if (key && cell !== undefined && cell !== '') row[key] = cell;
    });
    return row;
  });
}

export async function importPosts(
  deps: PostDeps,
  audit: AuditContext,
  access: WorkspaceAccess,
  rows: unknown[],
) {
  if (rows.length === 0)
    throw new AppError('validation_failed', 'The file has no rows', [{ path: 'posts', message: 'No rows' }]);
  if (rows.length > maxImportRows) {
    throw new AppError('validation_failed', `At most ${maxImportRows} rows per import`, [
      { path: 'posts', message: `${rows.length} rows` },
    ]);
  }
  const limits = studioLimits(deps);
  const parsedRows = rows.map((row) => importRowSchema.safeParse(row));
  const mediaIds = parsedRows.flatMap((r) => (r.success ? (r.data.mediaObjectIds ?? []) : []));
  const owned = new Set(
    (await liveStorageObjects(deps.db, access.workspaceId, [...new Set(mediaIds)])).map((o) => o.id),
  );
  const now = deps.clock.now();
  const rejected: RejectedRow[] = [];
  const accepted: Array<{ row: number; values: NewPost }> = [];
  parsedRows.forEach((result, index) => {
    const row = index + 1;
    if (!result.success) {
      rejected.push({
        row,
        errors: result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
      });
      return;
    }
    const data = result.data;
    const content = data.content ?? (data.text ? contentFromText(data.platform, data.text) : undefined);
    const errors: RowError[] = [];
    if (content === undefined)
      errors.push({ path: 'content', message: `Give content (or text, except for ${data.platform})` });
    else {
      for (const v of checkOutput(data.platform, content, limits)) {
        errors.push({ path: ['content', ...v.path].join('.'), message: v.message });
      }
    }
    (data.mediaObjectIds ?? []).forEach((id, i) => {
      if (!owned.has(id))
        errors.push({ path: `mediaObjectIds.${i}`, message: 'No such storage object in this workspace' });
    });
    if (errors.length > 0) {
      rejected.push({ row, errors });
      return;
    }
    accepted.push({
      row,
      values: {
        workspaceId: access.workspaceId,
        createdBy: actorUserId(audit.actor),
        platform: data.platform,
        title: data.title ?? null,
        content: platformOutputSchemas[data.platform].parse(content) as NewPost['content'],
        originType: 'import',
        mediaObjectIds: data.mediaObjectIds ?? [],
        tags: uniqueTags(data.tags ?? []),
        ...approvalFields(data.needsApproval),
        createdAt: now,
        updatedAt: now,
      },
    });
  });
  if (accepted.length === 0) {
    throw new AppError('validation_failed', 'No row could be imported', { rejected });
  }
  const inserted = await deps.db.transaction(async (tx) => {
    const created = await insertPosts(
      tx,
      accepted.map((a) => a.values),
    );
    await recordAudit(tx, audit, {
      action: 'posts.imported',
      entityType: 'post',
      workspaceId: access.workspaceId,
      details: { accepted: created.length, rejected: rejected.length },
    });
    return created;
  });
  return {
    accepted: inserted.map((post, i) => ({ row: accepted[i]?.row ?? 0, id: post.id })),
    rejected,
  };
}

async function allPosts(deps: PostDeps, workspaceId: string): Promise<PostRow[]> {
  const out: PostRow[] = [];
  for (let after: string | null = null; ; ) {
    const page = await exportPostRows(deps.db, workspaceId, after, 1000);
    out.push(...page);
    if (out.length > maxExportRows) {
      throw new AppError('validation_failed', `More than ${maxExportRows} posts: filter the list instead`);
    }
    if (page.length < 1000) break;
    after = page[page.length - 1]?.id ?? null;
  }
  return out.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id));
}

const exportHeader = [
  'id',
  'platform',
  'status',
  'title',
  'tags',
  'content',
  'text',
  'media_object_ids',
  'needs_approval',
  'scheduled_at',
  'published_at',
  'external_url',
  'origin_type',
  'created_at',
];

export async function exportPosts(deps: PostDeps, access: WorkspaceAccess, format: 'csv' | 'json') {
  const rows = (await allPosts(deps, access.workspaceId)).map(presentPost);
  if (format === 'json') return JSON.stringify({ posts: rows });
  return toCsv(
    exportHeader,
    rows.map((post) => [
      post.id,
      post.platform,
      post.status,
      post.title ?? '',
      post.tags.join('; '),
      JSON.stringify(post.content),
      post.parts.join('\n\n'),
      post.mediaObjectIds.join('; '),
      String(post.needsApproval),
      post.scheduledAt ?? '',
      post.publishedAt ?? '',
      post.externalUrl ?? '',
      post.originType,
      post.createdAt,
    ]),
  );
}
