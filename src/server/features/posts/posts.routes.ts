import { createRoute, z } from '@hono/zod-openapi';
import {
  auditContextOf,
  createRouter,
  idParam,
  jsonBody,
  jsonResponse,
  security,
  standardErrors,
} from '../../http/router.ts';
import { AppError } from '../../platform/errors.ts';
import { decodeCursor } from '../../platform/pagination.ts';
import { authorizeWorkspace } from '../workspaces/workspace-access.ts';
import { createPostsFromGeneration } from './posts.from-generation.ts';
import {
  createPostBodySchema,
  fromGenerationBodySchema,
  listPostsQuerySchema,
  postSchema,
  updatePostBodySchema,
} from './posts.schemas.ts';
import { createPost, deletePost, getPostRow, listPosts, presentPost, updatePost } from './posts.service.ts';
import { exportPosts, importPosts, maxImportRows, rowsFromCsv } from './posts.transfer.ts';

const tags = ['Posts'];
const workspaceParams = z.object({ workspaceId: idParam('workspaceId') });
const postParams = workspaceParams.extend({ postId: idParam('postId') });
const base = '/workspaces/{workspaceId}/posts';

function dateFilter(value: string | undefined, path: string): Date | undefined {
  if (value === undefined || value === '') return undefined;
  const date = /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2})?)?$/i.test(value) ? new Date(value) : null;
  if (!date || Number.isNaN(date.getTime()) || date.getUTCFullYear() < 1 || date.getUTCFullYear() > 9999) {
    throw new AppError('validation_failed', 'Invalid date', [
      { path, message: 'An ISO 8601 date or date-time' },
    ]);
  }
  return date;
}

export const postsRouter = createRouter();

postsRouter.openapi(
  createRoute({
    method: 'get',
    path: `${base}/export`,
    tags,
    security,
    summary: 'Export every post of the workspace as CSV or JSON',
    description:
      'CSV has one row per post (content as JSON, text as posted); either format imports back as drafts.',
    request: {
      params: workspaceParams,
      query: z.object({ format: z.enum(['csv', 'json']).default('json') }),
    },
    responses: {
      200: {
        description: 'The posts',
        content: {
          'text/csv': { schema: z.string() },
          'application/json': { schema: z.object({ posts: z.array(postSchema) }) },
        },
      },
      ...standardErrors,
    },
  }),
  async (c) => {
    const deps = c.get('deps');
    const granted = await authorizeWorkspace(
      deps.db,
      c.get('actor'),
      c.req.valid('param').workspaceId,
      'read',
    );
    const { format } = c.req.valid('query');
    const body = await exportPosts(deps, granted, format);
    const type = format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json';
    return c.body(body, 200, {
      'content-type': type,
      'content-disposition': `attachment; filename="posts.${format}"`,
    });
  },
);

postsRouter.openapi(
  createRoute({
    method: 'post',
    path: `${base}/import`,
    tags,
    security,
    summary: 'Import posts as drafts from CSV or JSON, row by row',
    description: `At most ${maxImportRows} rows. JSON: \`{"posts": [{platform, content | text, title?, tags?, mediaObjectIds?, needsApproval?}]}\`. CSV (text/csv): a header line with platform, content (JSON) or text, title, tags (separated by ;), media_object_ids (;), needs_approval. Good rows are written together; each bad row is listed with its number (1 = first row after the header) and reasons, and writes nothing. No good row at all: 422.`,
    request: {
      params: workspaceParams,
      body: {
        // Not `required`: the JSON validator then runs only for JSON, and CSV reaches the handler.
        required: false,
        content: {
          'application/json': {
            schema: z.object({ posts: z.array(z.unknown()).max(maxImportRows) }).strict(),
          },
          'text/csv': { schema: z.string() },
        },
      },
    },
    responses: {
      201: jsonResponse(
        z.object({
          accepted: z.array(z.object({ row: z.number().int(), id: z.string() })),
          rejected: z.array(
            z.object({
              row: z.number().int(),
              errors: z.array(z.object({ path: z.string(), message: z.string() })),
            }),
          ),
        }),
        'What was imported and what was not',
      ),
      ...standardErrors,
    },
  }),
  async (c) => {
    const deps = c.get('deps');
    const granted = await authorizeWorkspace(
      deps.db,
      c.get('actor'),
      c.req.valid('param').workspaceId,
      'write',
    );
    const type = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
    let rows: unknown[];
    if (type === 'application/json') rows = (c.req.valid('json') as { posts: unknown[] }).posts;
    else if (type === 'text/csv') rows = rowsFromCsv(await c.req.text());
    else throw new AppError('unsupported_media_type', 'Send the rows as application/json or text/csv');
    return c.json(await importPosts(deps, auditContextOf(c), granted, rows), 201);
  },
);

postsRouter.openapi(
  createRoute({
    method: 'post',
    path: base,
    tags,
    security,
    summary: 'Create a draft post by hand',
    request: { params: workspaceParams, body: jsonBody(createPostBodySchema) },
    responses: { 201: jsonResponse(postSchema, 'Created'), ...standardErrors },
  }),
  async (c) => {
    const deps = c.get('deps');
    const granted = await authorizeWorkspace(
      deps.db,
      c.get('actor'),
      c.req.valid('param').workspaceId,
      'write',
    );
    return c.json(await createPost(deps, auditContextOf(c), granted, c.req.valid('json')), 201);
  },
);

postsRouter.openapi(
  createRoute({
    method: 'post',
    path: `${base}/from-generation`,
    tags,
    security,
    summary: "Save a generation's outputs as draft posts, one per platform",
    description: "Uses the generation's saved draft of a platform when there is one, else its output.",
    request: { params: workspaceParams, body: jsonBody(fromGenerationBodySchema) },
    responses: { 201: jsonResponse(z.object({ items: z.array(postSchema) }), 'Created'), ...standardErrors },
  }),
  async (c) => {
    const deps = c.get('deps');
    const granted = await authorizeWorkspace(
      deps.db,
      c.get('actor'),
      c.req.valid('param').workspaceId,
      'write',
    );
    return c.json(
      await createPostsFromGeneration(deps, auditContextOf(c), granted, c.req.valid('json')),
      201,
    );
  },
);

postsRouter.openapi(
  createRoute({
    method: 'get',
    path: base,
    tags,
    security,
    summary: 'Posts, newest first, with filters',
    request: { params: workspaceParams, query: listPostsQuerySchema },
    responses: {
      200: jsonResponse(z.object({ items: z.array(postSchema), nextCursor: z.string().nullable() }), 'Posts'),
      ...standardErrors,
    },
  }),
  async (c) => {
    const deps = c.get('deps');
    const granted = await authorizeWorkspace(
      deps.db,
      c.get('actor'),
      c.req.valid('param').workspaceId,
      'read',
    );
    const query = c.req.valid('query');
    const filters = {
      status: query.status,
      platform: query.platform,
      tag: query.tag,
      dateField: query.dateField,
      from: dateFilter(query.from, 'from'),
      to: dateFilter(query.to, 'to'),
    };
    const page = { cursor: decodeCursor(query.cursor), limit: query.limit };
    return c.json(await listPosts(deps.db, granted, filters, page), 200);
  },
);

postsRouter.openapi(
  createRoute({
    method: 'get',
    path: `${base}/{postId}`,
    tags,
    security,
    summary: 'One post',
    request: { params: postParams },
    responses: { 200: jsonResponse(postSchema, 'The post'), ...standardErrors },
  }),
  async (c) => {
    const deps = c.get('deps');
    const { workspaceId, postId } = c.req.valid('param');
    const granted = await authorizeWorkspace(deps.db, c.get('actor'), workspaceId, 'read');
    return c.json(presentPost(await getPostRow(deps.db, granted.workspaceId, postId)), 200);
  },
);

postsRouter.openapi(
  createRoute({
    method: 'patch',
    path: `${base}/{postId}`,
    tags,
    security,
    summary: 'Edit a post (not while a publish attempt is under way)',
    description:
      'Content is checked against the platform rules (422 rule_violation). A published post only takes title and tags. A scheduled post stays scheduled; editing its content resets a given approval.',
    request: { params: postParams, body: jsonBody(updatePostBodySchema) },
    responses: { 200: jsonResponse(postSchema, 'The post'), ...standardErrors },
  }),
  async (c) => {
    const deps = c.get('deps');
    const { workspaceId, postId } = c.req.valid('param');
    const granted = await authorizeWorkspace(deps.db, c.get('actor'), workspaceId, 'write');
    return c.json(await updatePost(deps, auditContextOf(c), granted, postId, c.req.valid('json')), 200);
  },
);

postsRouter.openapi(
  createRoute({
    method: 'delete',
    path: `${base}/{postId}`,
    tags,
    security,
    summary: 'Delete a post (not while a publish attempt is under way)',
    request: { params: postParams },
    responses: { 204: { description: 'Deleted' }, ...standardErrors },
  }),
  async (c) => {
    const deps = c.get('deps');
    const { workspaceId, postId } = c.req.valid('param');
    const granted = await authorizeWorkspace(deps.db, c.get('actor'), workspaceId, 'write');
    await deletePost(deps, auditContextOf(c), granted, postId);
    return c.body(null, 204);
  },
);
