// The public roadmap: the page `/roadmap/{workspace}` (no script; vote forms post back here) and its
// JSON with the vote routes under /api/public/roadmap (CORS *). A workspace without the `roadmap`
// plan feature has no public roadmap: 404, like an unknown one.
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../../app-context.ts';
import {
  auditContextOf,
  createRouter,
  idParam,
  jsonBody,
  jsonResponse,
  standardErrors,
} from '../../http/router.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { can } from '../plans/plans.service.ts';
import { renderNotFoundPage } from '../public-changelog/public-changelog.pages.ts';
import {
  findPublicWorkspaceBySlug,
  invalidatePublicChangelog,
  type PublicWorkspace,
} from '../public-changelog/public-changelog.service.ts';
import { publicChangelogUrl, publicEntryUrl } from '../public-changelog/public-changelog.urls.ts';
import {
  formBodyLimit,
  formFields,
  formVoterId,
  publicCors,
  requireVoter,
  resolveActor,
  voterOf,
} from '../upvotes/upvotes.http.ts';
import { castVote, countVotes, removeVote, type VoteTarget } from '../upvotes/upvotes.service.ts';
import { renderRoadmapPage } from './roadmap.pages.ts';
import { findWorkspaceItem, listPublicItems } from './roadmap.queries.ts';
import { publicRoadmapSchema, roadmapVoteBodySchema } from './roadmap.schemas.ts';
import { publicRoadmapUrl } from './roadmap.urls.ts';

const tags = ['Roadmap'];
const { 401: _unauthenticated, 403: _forbidden, ...publicErrors } = standardErrors;
const workspaceParams = z.object({ workspaceSlug: idParam('workspaceSlug') });
const itemParams = workspaceParams.extend({ itemId: idParam('itemId') });
const voteResultSchema = z.object({ votes: z.number().int(), voted: z.boolean(), counted: z.boolean() });
const pageHeaders = {
  'Content-Security-Policy':
    "default-src 'none'; img-src http: https:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'self'",
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  'Cache-Control': 'no-cache',
};

export const publicRoadmapRouter = createRouter();
for (const path of [
  '/api/public/roadmap/:workspaceSlug',
  '/api/public/roadmap/:workspaceSlug/items/:itemId/upvote',
]) {
  publicRoadmapRouter.use(path, publicCors);
}
publicRoadmapRouter.use('/api/public/roadmap/:workspaceSlug/items/:itemId/upvote', resolveActor);

async function roadmapWorkspace(c: Context<AppEnv>, slug: string): Promise<PublicWorkspace | undefined> {
  const deps = c.get('deps');
  const workspace = await findPublicWorkspaceBySlug(deps, slug);
  if (!workspace || !(await can(deps.db, workspace.id, 'roadmap'))) return undefined;
  return workspace;
}

async function publicItems(c: Context<AppEnv>, workspace: PublicWorkspace) {
  const deps = c.get('deps');
  const rows = await listPublicItems(deps.db, workspace.id);
  const votes = await countVotes(
    deps.db,
    'item',
    rows.map((r) => r.id),
  );
  return rows.map((row) => ({
    id: row.id,
    title: row.title,
    status: row.status,
    url: row.url,
    votes: votes.get(row.id) ?? 0,
    entryUrl:
      row.entrySlug && row.entryStatus === 'published'
        ? publicEntryUrl(deps.config.publicUrl, workspace.slug, row.entrySlug)
        : null,
  }));
}

/** The item a public path names, as a vote target; 404 for another workspace's or a hidden item. */
async function itemTarget(c: Context<AppEnv>, workspaceSlug: string, itemId: string) {
  const workspace = await roadmapWorkspace(c, workspaceSlug);
  if (!workspace || itemId.length > 100 || itemId.includes('\u0000')) throw notFound('Roadmap item');
  const item = await findWorkspaceItem(c.get('deps').db, workspace.id, itemId);
  const shown = item?.tracked && (await publicItems(c, workspace)).some((i) => i.id === item.id);
  if (!item || !shown) throw notFound('Roadmap item');
  const target: VoteTarget = { kind: 'item', id: item.id, workspaceId: workspace.id };
  return { workspace, target };
}

publicRoadmapRouter.get('/roadmap/:workspaceSlug', async (c) => {
  const deps = c.get('deps');
  const workspace = await roadmapWorkspace(c, c.req.param('workspaceSlug'));
  if (!workspace) {
    return c.html(renderNotFoundPage(deps.config.publicUrl), 404, { ...pageHeaders });
  }
  const page = renderRoadmapPage({
    workspace: { name: workspace.name, url: publicRoadmapUrl(deps.config.publicUrl, workspace.slug) },
    items: await publicItems(c, workspace),
    voteUrl: (id) =>
      `${publicRoadmapUrl(deps.config.publicUrl, workspace.slug)}/items/${encodeURIComponent(id)}/upvote`,
    changelogUrl: publicChangelogUrl(deps.config.publicUrl, workspace.slug),
    poweredBy: workspace.whiteLabel ? null : deps.config.publicUrl,
  });
  return c.html(page, 200, pageHeaders);
});

publicRoadmapRouter.post(
  '/roadmap/:workspaceSlug/items/:itemId/upvote',
  formBodyLimit,
  resolveActor,
  async (c) => {
    const deps = c.get('deps');
    const fields = await formFields(c);
    const { workspace, target } = await itemTarget(c, c.req.param('workspaceSlug'), c.req.param('itemId'));
    const email = fields.email?.trim() ? fields.email.trim() : undefined;
    const parsed = roadmapVoteBodySchema.safeParse({ email });
    if (!parsed.success) {
      const message = 'Not an email address';
      throw new AppError('validation_failed', message, [{ path: 'email', message }]);
    }
    const voter = voterOf(c, null);
    if (!voter.userId) voter.voterId = formVoterId(c);
    const result =
      fields.remove === '1'
        ? await removeVote(deps, auditContextOf(c), target, voter)
        : await castVote(deps, auditContextOf(c), target, voter, parsed.data.email);
    if (result.counted) invalidatePublicChangelog(deps, workspace.id);
    return c.redirect(`${publicRoadmapUrl(deps.config.publicUrl, workspace.slug)}#item-${target.id}`, 303);
  },
);

publicRoadmapRouter.openapi(
  createRoute({
    method: 'get',
    path: '/api/public/roadmap/{workspaceSlug}',
    tags,
    summary: "A workspace's public roadmap: items with their status and votes (no account, CORS *)",
    request: { params: workspaceParams },
    responses: { 200: jsonResponse(publicRoadmapSchema, 'The roadmap'), ...publicErrors },
  }),
  async (c) => {
    const deps = c.get('deps');
    const workspace = await roadmapWorkspace(c, c.req.valid('param').workspaceSlug);
    if (!workspace) throw notFound('Roadmap');
    return c.json(
      {
        workspace: {
          name: workspace.name,
          slug: workspace.slug,
          url: publicRoadmapUrl(deps.config.publicUrl, workspace.slug),
        },
        items: await publicItems(c, workspace),
      },
      200,
    );
  },
);

for (const method of ['post', 'delete'] as const) {
  publicRoadmapRouter.openapi(
    createRoute({
      method,
      path: '/api/public/roadmap/{workspaceSlug}/items/{itemId}/upvote',
      tags,
      summary:
        method === 'post'
          ? 'Upvote a roadmap item, once per visitor or signed-in user; optionally leave an email to be told when it ships (CORS *)'
          : 'Take back an upvote on a roadmap item (CORS *)',
      description:
        'Anonymous callers send `voterId`; a session cookie votes as that user. Voting again with an email adds the email. Bots are answered with the count and nothing is written.',
      request: { params: itemParams, body: { ...jsonBody(roadmapVoteBodySchema), required: false } },
      responses: { 200: jsonResponse(voteResultSchema, 'The count after the vote'), ...publicErrors },
    }),
    async (c) => {
      const deps = c.get('deps');
      const params = c.req.valid('param');
      const body = c.req.valid('json') ?? {};
      const { target } = await itemTarget(c, params.workspaceSlug, params.itemId);
      const voter = voterOf(c, body.voterId);
      requireVoter(voter);
      const result =
        method === 'post'
          ? await castVote(deps, auditContextOf(c), target, voter, body.email)
          : await removeVote(deps, auditContextOf(c), target, voter);
      if (result.counted) invalidatePublicChangelog(deps, target.workspaceId);
      return c.json(result, 200);
    },
  );
}
