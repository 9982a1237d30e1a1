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
import { decodeCursor } from '../../platform/pagination.ts';
import { authorizeWorkspace } from '../workspaces/workspace-access.ts';
import {
  createEntryBodySchema,
  entryResponseSchema,
  entrySchema,
  listEntriesQuerySchema,
  updateEntryBodySchema,
} from './changelog.schemas.ts';
import { createEntry, deleteEntry, getEntry, listEntries, updateEntry } from './changelog.service.ts';

export const changelogTags = ['Changelog'];
export const workspaceParams = z.object({ workspaceId: idParam('workspaceId') });
export const entryParams = workspaceParams.extend({ entryId: idParam('entryId') });
export const entriesBase = '/workspaces/{workspaceId}/changelog/entries';
const tags = changelogTags;

export const changelogRouter = createRouter();

changelogRouter.openapi(
  createRoute({
    method: 'get',
    path: entriesBase,
    tags,
    security,
    summary: 'Changelog entries, newest first, with filters',
    request: { params: workspaceParams, query: listEntriesQuerySchema },
    responses: {
      200: jsonResponse(
        z.object({ entries: z.array(entrySchema), nextCursor: z.string().nullable() }),
        'Entries',
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
      'read',
    );
    const query = c.req.valid('query');
    const filters = {
      status: query.status,
      category: query.category,
      repositoryId: query.repositoryId,
      q: query.q || undefined,
    };
    const page = { cursor: decodeCursor(query.cursor), limit: query.limit };
    return c.json(await listEntries(deps, granted, filters, page), 200);
  },
);

changelogRouter.openapi(
  createRoute({
    method: 'post',
    path: entriesBase,
    tags,
    security,
    summary: 'Write a draft entry by hand',
    request: { params: workspaceParams, body: jsonBody(createEntryBodySchema) },
    responses: { 201: jsonResponse(entryResponseSchema, 'Created'), ...standardErrors },
  }),
  async (c) => {
    const deps = c.get('deps');
    const granted = await authorizeWorkspace(
      deps.db,
      c.get('actor'),
      c.req.valid('param').workspaceId,
      'write',
    );
    const entry = await createEntry(deps, auditContextOf(c), granted, c.req.valid('json'));
    return c.json({ entry }, 201);
  },
);

changelogRouter.openapi(
  createRoute({
    method: 'get',
    path: `${entriesBase}/{entryId}`,
    tags,
    security,
    summary: 'One entry',
    request: { params: entryParams },
    responses: { 200: jsonResponse(entryResponseSchema, 'The entry'), ...standardErrors },
  }),
  async (c) => {
    const deps = c.get('deps');
    const { workspaceId, entryId } = c.req.valid('param');
    const granted = await authorizeWorkspace(deps.db, c.get('actor'), workspaceId, 'read');
    return c.json({ entry: await getEntry(deps, granted, entryId) }, 200);
  },
);

changelogRouter.openapi(
  createRoute({
    method: 'patch',
    path: `${entriesBase}/{entryId}`,
    tags,
    security,
    summary: 'Edit an entry',
    description:
      'Editing title, body or category marks the entry `editedByUser`: later edits of its pull request no longer overwrite it. The slug follows the title until the entry is published.',
    request: { params: entryParams, body: jsonBody(updateEntryBodySchema) },
    responses: { 200: jsonResponse(entryResponseSchema, 'The entry'), ...standardErrors },
  }),
  async (c) => {
    const deps = c.get('deps');
    const { workspaceId, entryId } = c.req.valid('param');
    const granted = await authorizeWorkspace(deps.db, c.get('actor'), workspaceId, 'write');
    const entry = await updateEntry(deps, auditContextOf(c), granted, entryId, c.req.valid('json'));
    return c.json({ entry }, 200);
  },
);

changelogRouter.openapi(
  createRoute({
    method: 'delete',
    path: `${entriesBase}/{entryId}`,
    tags,
    security,
    summary: 'Delete an unpublished entry (409 when published)',
    description: 'Its pull requests stay recorded, so a redelivery of them does not bring the draft back.',
    request: { params: entryParams },
    responses: { 204: { description: 'Deleted' }, ...standardErrors },
  }),
  async (c) => {
    const deps = c.get('deps');
    const { workspaceId, entryId } = c.req.valid('param');
    const granted = await authorizeWorkspace(deps.db, c.get('actor'), workspaceId, 'write');
    await deleteEntry(deps, auditContextOf(c), granted, entryId);
    return c.body(null, 204);
  },
);
