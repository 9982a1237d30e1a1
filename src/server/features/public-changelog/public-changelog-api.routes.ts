// The public changelog as JSON: no session, CORS open to any origin (it is public data), cacheable
// like the pages. Errors are the usual JSON envelope.
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../../app-context.ts';
import { createRouter, idParam, jsonResponse, standardErrors } from '../../http/router.ts';
import { notFound } from '../../platform/errors.ts';
import { decodeCursor } from '../../platform/pagination.ts';
import { cachedBody, memoizeByVersion, sendCached } from './public-cache.ts';
import {
  presentPublicEntry,
  presentPublicRepository,
  presentPublicWorkspace,
  publicEntryListQuerySchema,
  publicEntryListSchema,
  publicEntryResponseSchema,
} from './public-changelog.schemas.ts';
import {
  findPublicRepository,
  findPublicWorkspaceBySlug,
  getPublicEntry,
  listPublicEntries,
  type PublicWorkspace,
} from './public-changelog.service.ts';
import { publicFeedUrl } from './public-changelog.urls.ts';

const tags = ['Public changelog'];
const { 401: _unauthenticated, 403: _forbidden, 413: _tooLarge, ...publicErrors } = standardErrors;
const workspaceParams = z.object({ workspaceSlug: idParam('workspaceSlug') });
const jsonType = 'application/json; charset=utf-8';
const corsHeaders = { 'Access-Control-Allow-Origin': '*' };

export const publicChangelogApiRouter = createRouter();

async function workspaceOrThrow(c: Context<AppEnv>, slug: string) {
  const workspace = await findPublicWorkspaceBySlug(c.get('deps'), slug);
  if (!workspace) throw notFound('Changelog');
  return workspace;
}

function workspaceView(c: Context<AppEnv>, workspace: PublicWorkspace) {
  const { publicUrl } = c.get('deps').config;
  return presentPublicWorkspace(workspace, {
    rss: publicFeedUrl(publicUrl, workspace.slug, 'rss'),
    atom: publicFeedUrl(publicUrl, workspace.slug, 'atom'),
  });
}

publicChangelogApiRouter.openapi(
  createRoute({
    method: 'get',
    path: '/api/public/changelog/{workspaceSlug}/entries',
    tags,
    summary: "A workspace's published changelog entries, newest first (no account)",
    description:
      'Only published entries. `repo` (a repository slug) narrows to one repository. ETag and Cache-Control are sent; a matching If-None-Match answers 304. Bodies are sanitized HTML; titles are plain text.',
    request: { params: workspaceParams, query: publicEntryListQuerySchema },
    responses: {
      200: jsonResponse(publicEntryListSchema, 'Entries'),
      304: { description: 'Not modified' },
      ...publicErrors,
    },
  }),
  async (c) => {
    const deps = c.get('deps');
    const query = c.req.valid('query');
    const cursor = decodeCursor(query.cursor);
    const workspace = await workspaceOrThrow(c, c.req.valid('param').workspaceSlug);
    const repository = query.repo ? await findPublicRepository(deps, workspace, query.repo) : undefined;
    if (query.repo && !repository) throw notFound('Repository');
    const build = async () => {
      const page = await listPublicEntries(deps, workspace, {
        repositoryId: repository?.id,
        cursor,
        limit: query.limit,
      });
      const payload = {
        workspace: workspaceView(c, workspace),
        repository: presentPublicRepository(repository),
        entries: page.entries.map(presentPublicEntry),
        nextCursor: page.nextCursor,
      };
      return cachedBody(JSON.stringify(payload), jsonType);
    };
    // First pages only: later pages are keyed by a cursor anyone can make up.
    const body = query.cursor
      ? await build()
      : await memoizeByVersion(
          deps,
          `${workspace.id}|json|${repository?.id ?? ''}|${query.limit}`,
          workspace.version,
          build,
        );
    return sendCached(c, body, corsHeaders, query.cursor ? undefined : workspace.id);
  },
);

publicChangelogApiRouter.openapi(
  createRoute({
    method: 'get',
    path: '/api/public/changelog/{workspaceSlug}/entries/{entrySlug}',
    tags,
    summary: 'One published changelog entry (no account)',
    request: { params: workspaceParams.extend({ entrySlug: idParam('entrySlug') }) },
    responses: {
      200: jsonResponse(publicEntryResponseSchema, 'The entry'),
      304: { description: 'Not modified' },
      ...publicErrors,
    },
  }),
  async (c) => {
    const deps = c.get('deps');
    const { workspaceSlug, entrySlug } = c.req.valid('param');
    const workspace = await workspaceOrThrow(c, workspaceSlug);
    const body = await memoizeByVersion(
      deps,
      `${workspace.id}|json-entry|${entrySlug}`,
      workspace.version,
      async () => {
        const entry = await getPublicEntry(deps, workspace, entrySlug);
        if (!entry) return null;
        const payload = { workspace: workspaceView(c, workspace), entry: presentPublicEntry(entry) };
        return cachedBody(JSON.stringify(payload), jsonType);
      },
    );
    if (!body) throw notFound('Entry');
    return sendCached(c, body, corsHeaders, workspace.id);
  },
);
