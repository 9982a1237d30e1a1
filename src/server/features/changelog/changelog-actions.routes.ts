// Entry actions: group, AI rewrite, publish (now or at a time), unpublish, social posts.
import { createRoute, z } from '@hono/zod-openapi';
import {
  auditContextOf,
  createRouter,
  errorSchema,
  jsonBody,
  jsonResponse,
  security,
  standardErrors,
} from '../../http/router.ts';
import { requireFeature } from '../plans/plans.service.ts';
import { postSchema } from '../posts/posts.schemas.ts';
import { authorizeWorkspace } from '../workspaces/workspace-access.ts';
import { groupEntries } from './changelog.group.ts';
import { publishEntry, unpublishEntry } from './changelog.publish.ts';
import { rewriteEntry } from './changelog.rewrite.ts';
import { entriesBase, entryParams, changelogTags as tags, workspaceParams } from './changelog.routes.ts';
import {
  entryResponseSchema,
  entrySchema,
  groupEntriesBodySchema,
  publishEntryBodySchema,
  socialPostsBodySchema,
} from './changelog.schemas.ts';
import { createSocialPosts } from './changelog.social.ts';

const errorContent = { 'application/json': { schema: errorSchema } };
const meteredErrors = {
  402: { description: 'Not enough credits', content: errorContent },
  409: {
    description: 'The entry changed meanwhile, or is not in a state that allows this',
    content: errorContent,
  },
};

export const changelogActionsRouter = createRouter();

changelogActionsRouter.openapi(
  createRoute({
    method: 'post',
    path: `${entriesBase}/group`,
    tags,
    security,
    summary: 'Group drafts into one entry',
    description:
      "The first id is kept; the others' pull requests move to it and the others are deleted. All must be drafts (409). Unless the kept entry was edited by a person, its body becomes a linked list of the pull requests.",
    request: { params: workspaceParams, body: jsonBody(groupEntriesBodySchema) },
    responses: {
      200: jsonResponse(entryResponseSchema, 'The grouped entry'),
      ...standardErrors,
      ...meteredErrors,
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
    const entry = await groupEntries(deps, auditContextOf(c), granted, c.req.valid('json'));
    return c.json({ entry }, 200);
  },
);

changelogActionsRouter.openapi(
  createRoute({
    method: 'post',
    path: `${entriesBase}/{entryId}/rewrite`,
    tags,
    security,
    summary: "Rewrite the entry for readers with the workspace's Studio engine",
    description:
      'Metered as one `ai_rewrite` (credits and the `ai_rewrites` monthly counter), checked before any work (402 / 429). Charged once per entry version. Answers the previous title and body so the editor can undo.',
    request: { params: entryParams },
    responses: {
      200: jsonResponse(
        z.object({ entry: entrySchema, previous: z.object({ title: z.string(), body: z.string() }) }),
        'The rewritten entry',
      ),
      ...standardErrors,
      ...meteredErrors,
    },
  }),
  async (c) => {
    const deps = c.get('deps');
    const { workspaceId, entryId } = c.req.valid('param');
    const granted = await authorizeWorkspace(deps.db, c.get('actor'), workspaceId, 'write');
    return c.json(await rewriteEntry(deps, auditContextOf(c), granted, entryId), 200);
  },
);

changelogActionsRouter.openapi(
  createRoute({
    method: 'post',
    path: `${entriesBase}/{entryId}/publish`,
    tags,
    security,
    summary: 'Publish now, or at a time',
    description:
      "Without `at`: published now, counted against the plan's monthly `entries_published` limit (429 `quota_exceeded` when it is reached; an entry counts once per month however often it is republished). With `at`: `scheduled`, published by a job at that time (the limit is checked then; over it, the entry returns to drafts and admins are notified).",
    request: { params: entryParams, body: jsonBody(publishEntryBodySchema) },
    responses: { 200: jsonResponse(entryResponseSchema, 'The entry'), ...standardErrors, ...meteredErrors },
  }),
  async (c) => {
    const deps = c.get('deps');
    const { workspaceId, entryId } = c.req.valid('param');
    const granted = await authorizeWorkspace(deps.db, c.get('actor'), workspaceId, 'write');
    const body = c.req.valid('json');
    // Publishing now is every plan's; publishing at a time is scheduled publishing.
    if (body.at !== undefined) await requireFeature(deps.db, granted.workspaceId, 'scheduled_publishing');
    const entry = await publishEntry(deps, auditContextOf(c), granted, entryId, body);
    return c.json({ entry }, 200);
  },
);

changelogActionsRouter.openapi(
  createRoute({
    method: 'post',
    path: `${entriesBase}/{entryId}/unpublish`,
    tags,
    security,
    summary: 'Back to draft (from published or scheduled)',
    request: { params: entryParams },
    responses: { 200: jsonResponse(entryResponseSchema, 'The entry'), ...standardErrors, ...meteredErrors },
  }),
  async (c) => {
    const deps = c.get('deps');
    const { workspaceId, entryId } = c.req.valid('param');
    const granted = await authorizeWorkspace(deps.db, c.get('actor'), workspaceId, 'write');
    return c.json({ entry: await unpublishEntry(deps, auditContextOf(c), granted, entryId) }, 200);
  },
);

const socialPostsResponse = z.object({ generationId: z.string(), posts: z.array(postSchema) });

changelogActionsRouter.openapi(
  createRoute({
    method: 'post',
    path: `${entriesBase}/{entryId}/social-posts`,
    tags,
    security,
    summary: 'Write an X thread and a LinkedIn post about the entry, saved as library drafts',
    description:
      'A Studio generation from the entry (metered as generations). With the local engine the posts come back at once (201). With an LLM engine the generation runs as a job (202, `posts` empty): the posts appear in the library, with originType `changelog_entry`, when it finishes. Any entry status is accepted, so posts can be prepared before the entry goes out.',
    request: { params: entryParams, body: jsonBody(socialPostsBodySchema) },
    responses: {
      201: jsonResponse(socialPostsResponse, 'The generation and the saved posts'),
      202: jsonResponse(
        socialPostsResponse,
        'The generation runs as a job; the posts are saved when it ends',
      ),
      ...standardErrors,
      ...meteredErrors,
    },
  }),
  async (c) => {
    const deps = c.get('deps');
    const { workspaceId, entryId } = c.req.valid('param');
    const granted = await authorizeWorkspace(deps.db, c.get('actor'), workspaceId, 'write');
    const { httpStatus, ...result } = await createSocialPosts(
      deps,
      auditContextOf(c),
      granted,
      entryId,
      c.req.valid('json'),
    );
    return c.json(result, httpStatus);
  },
);
