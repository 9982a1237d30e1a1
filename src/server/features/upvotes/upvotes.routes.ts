// Upvotes on published changelog entries: JSON for scripts (CORS *) and the no-JS form of the public
// entry page. Roadmap item votes are in features/roadmap (they need the roadmap plan feature).
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
import { notFound } from '../../platform/errors.ts';
import { findPublishedEntry } from '../public-changelog/public-changelog.queries.ts';
import {
  findPublicWorkspaceBySlug,
  invalidatePublicChangelog,
} from '../public-changelog/public-changelog.service.ts';
import { publicEntryUrl } from '../public-changelog/public-changelog.urls.ts';
import {
  formBodyLimit,
  formFields,
  formVoterId,
  publicCors,
  requireVoter,
  resolveActor,
  voterIdDescription,
  voterOf,
} from './upvotes.http.ts';
import { castVote, countVotes, removeVote, type VoteTarget } from './upvotes.service.ts';

const tags = ['Upvotes'];
const { 401: _unauthenticated, 403: _forbidden, ...publicErrors } = standardErrors;
const entryParams = z.object({
  workspaceSlug: idParam('workspaceSlug'),
  entrySlug: idParam('entrySlug'),
});
export const voteBodySchema = z
  .object({
    voterId: z
      .string()
      .regex(/^[A-Za-z0-9_-]{16,128}$/)
      .optional()
      .openapi({ description: voterIdDescription }),
  })
  .strict();
export const voteResultSchema = z
  .object({
    votes: z.number().int(),
    voted: z.boolean(),
    counted: z.boolean().openapi({ description: 'false: nothing was written (a bot, or already counted)' }),
  })
  .openapi('VoteResult');

export const upvotesRouter = createRouter();
for (const path of [
  '/api/public/changelog/:workspaceSlug/entries/:entrySlug/upvote',
  '/api/public/changelog/:workspaceSlug/entries/:entrySlug/upvotes',
]) {
  upvotesRouter.use(path, publicCors);
  upvotesRouter.use(path, resolveActor);
}

/** The published entry a public path names, as a vote target; 404 otherwise. */
async function entryTarget(c: Context<AppEnv>, workspaceSlug: string, entrySlug: string) {
  const deps = c.get('deps');
  const workspace = await findPublicWorkspaceBySlug(deps, workspaceSlug);
  const entry =
    workspace && entrySlug.length <= 200 && !entrySlug.includes('\u0000')
      ? await findPublishedEntry(deps.db, workspace.id, entrySlug, deps.clock.now())
      : undefined;
  if (!workspace || !entry) throw notFound('Entry');
  const target: VoteTarget = { kind: 'entry', id: entry.id, workspaceId: workspace.id };
  return { workspace, entry, target };
}

const voteRoute = (method: 'post' | 'delete') =>
  createRoute({
    method,
    path: '/api/public/changelog/{workspaceSlug}/entries/{entrySlug}/upvote',
    tags,
    summary:
      method === 'post'
        ? 'Upvote a published changelog entry, once per visitor or signed-in user (CORS *)'
        : 'Take back an upvote on a changelog entry (CORS *)',
    description:
      'Anonymous callers send `voterId`; a session cookie votes as that user. Bots are answered with the count and nothing is written.',
    request: { params: entryParams, body: { ...jsonBody(voteBodySchema), required: false } },
    responses: { 200: jsonResponse(voteResultSchema, 'The count after the vote'), ...publicErrors },
  });

for (const method of ['post', 'delete'] as const) {
  upvotesRouter.openapi(voteRoute(method), async (c) => {
    const deps = c.get('deps');
    const params = c.req.valid('param');
    const body = c.req.valid('json') ?? {};
    const { target } = await entryTarget(c, params.workspaceSlug, params.entrySlug);
    const voter = voterOf(c, body.voterId);
    requireVoter(voter);
    const result =
      method === 'post'
        ? await castVote(deps, auditContextOf(c), target, voter)
        : await removeVote(deps, auditContextOf(c), target, voter);
    if (result.counted) invalidatePublicChangelog(deps, target.workspaceId);
    return c.json(result, 200);
  });
}

upvotesRouter.openapi(
  createRoute({
    method: 'get',
    path: '/api/public/changelog/{workspaceSlug}/entries/{entrySlug}/upvotes',
    tags,
    summary: "A published entry's upvote count (CORS *)",
    request: { params: entryParams },
    responses: { 200: jsonResponse(z.object({ votes: z.number().int() }), 'The count'), ...publicErrors },
  }),
  async (c) => {
    const params = c.req.valid('param');
    const { target } = await entryTarget(c, params.workspaceSlug, params.entrySlug);
    const votes = (await countVotes(c.get('deps').db, 'entry', [target.id])).get(target.id) ?? 0;
    return c.json({ votes }, 200, { 'Access-Control-Allow-Origin': '*' });
  },
);

// The public entry page's form (no script): votes, or takes the vote back with `remove=1`, then goes
// back to the page. Outside the OpenAPI document, like the pages.
upvotesRouter.post(
  '/changelog/:workspaceSlug/entries/:entrySlug/upvote',
  formBodyLimit,
  resolveActor,
  async (c) => {
    const deps = c.get('deps');
    const fields = await formFields(c);
    const { workspace, entry, target } = await entryTarget(
      c,
      c.req.param('workspaceSlug'),
      c.req.param('entrySlug'),
    );
    const voter = voterOf(c, null);
    if (!voter.userId) voter.voterId = formVoterId(c);
    const result =
      fields.remove === '1'
        ? await removeVote(deps, auditContextOf(c), target, voter)
        : await castVote(deps, auditContextOf(c), target, voter);
    if (result.counted) invalidatePublicChangelog(deps, target.workspaceId);
    return c.redirect(publicEntryUrl(deps.config.publicUrl, workspace.slug, entry.slug), 303);
  },
);
