import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { platforms, tones } from '../../../shared/studio/studio-types.ts';
import type { AppEnv } from '../../app-context.ts';
import {
  createRouter,
  idParam,
  jsonBody,
  jsonResponse,
  security,
  standardErrors,
} from '../../http/router.ts';
import { AppError } from '../../platform/errors.ts';
import { decodeCursor, nextCursorOf, pageQuerySchema } from '../../platform/pagination.ts';
import { describeEngine } from '../ai-providers/ai-providers.service.ts';
import { requireFeature } from '../plans/plans.service.ts';
import { authorizeWorkspace } from '../workspaces/workspace-access.ts';
import { streamGenerationEvents } from './generations.events.ts';
import { maxInputChars } from './generations.input.ts';
import {
  createGenerationBodySchema,
  draftBodySchema,
  generationPageSchema,
  generationSchema,
  presentGeneration,
  studioRulesSchema,
} from './generations.schemas.ts';
import {
  createGeneration,
  getGeneration,
  listWorkspaceGenerations,
  saveDraft,
  studioLimits,
} from './generations.service.ts';
import { generationStatuses } from './generations.table.ts';

const tags = ['Studio'];
const aliasQuery = z.object({ workspaceId: z.string().min(1).max(100).optional() });
const generationId = idParam('generationId');
export const generationsRouter = createRouter();

/** Each generation route twice: in the workspace's path, and at /generations for API keys. */
const variants = [
  { prefix: '/workspaces/{workspaceId}', isAlias: false },
  { prefix: '', isAlias: true },
] as const;

const paramsOf = (isAlias: boolean, extra: Record<string, z.ZodType> = {}) =>
  z.object(isAlias ? extra : { workspaceId: idParam('workspaceId'), ...extra });

/** The workspace a request is about: the path's; on an alias the API key's own, or `?workspaceId=`. */
function workspaceIdOf(c: Context<AppEnv>, isAlias: boolean): string {
  if (!isAlias) return c.req.param('workspaceId') ?? '';
  const actor = c.get('actor');
  const queryId = c.req.query('workspaceId');
  if (actor.type === 'anonymous') throw new AppError('unauthenticated', 'Sign in or send an API key');
  if (actor.type === 'api_key') return queryId ?? actor.workspaceId;
  if (!queryId) {
    throw new AppError('validation_failed', 'Say which workspace', [
      { path: 'workspaceId', message: 'Required when signed in with a session' },
    ]);
  }
  return queryId;
}

for (const { prefix, isAlias } of variants) {
  const aliasNote = isAlias ? ' (the API key’s workspace, or ?workspaceId=)' : '';

  generationsRouter.openapi(
    createRoute({
      method: 'post',
      path: `${prefix}/generations`,
      tags,
      security,
      summary: `Generate posts for several platforms from one text${aliasNote}`,
      description: `Text up to ${maxInputChars} characters. The local engine answers at once (201); an LLM provider runs as a job (202, pending: poll or stream /events). An identical request within STUDIO_CACHE_WINDOW_SECONDS answers the earlier result (200, cached, charged nothing). Quota and credits for every platform are checked first (402, 429: nothing written); each delivered platform is charged once.`,
      request: {
        params: paramsOf(isAlias),
        ...(isAlias ? { query: aliasQuery } : {}),
        body: jsonBody(createGenerationBodySchema),
      },
      responses: {
        200: jsonResponse(generationSchema, 'An identical earlier result (cached: true)'),
        201: jsonResponse(generationSchema, 'Finished (completed, partial or failed)'),
        202: jsonResponse(generationSchema, 'Pending: runs as a job'),
        402: { description: 'Not enough credits' },
        ...standardErrors,
      },
    }),
    async (c) => {
      const deps = c.get('deps');
      const actor = c.get('actor');
      const granted = await authorizeWorkspace(deps.db, actor, workspaceIdOf(c, isAlias), 'write');
      const body = c.req.valid('json');
      // One source for several platforms at once is the multi-platform feature; one platform is not.
      if (new Set(body.platforms).size > 1)
        await requireFeature(deps.db, granted.workspaceId, 'multi_platform_optimization');
      const created = await createGeneration(
        deps,
        { workspaceId: granted.workspaceId, actor },
        body,
        c.get('request'),
      );
      return c.json(created.generation, created.httpStatus);
    },
  );

  generationsRouter.openapi(
    createRoute({
      method: 'get',
      path: `${prefix}/generations`,
      tags,
      security,
      summary: `Generations, newest first${aliasNote}`,
      request: {
        params: paramsOf(isAlias),
        query: pageQuerySchema.extend({
          status: z.enum(generationStatuses).optional(),
          ...(isAlias ? aliasQuery.shape : {}),
        }),
      },
      responses: { 200: jsonResponse(generationPageSchema, 'A page of generations'), ...standardErrors },
    }),
    async (c) => {
      const deps = c.get('deps');
      const granted = await authorizeWorkspace(deps.db, c.get('actor'), workspaceIdOf(c, isAlias), 'read');
      const { cursor, limit, status } = c.req.valid('query');
      const rows = await listWorkspaceGenerations(deps, granted.workspaceId, {
        cursor: decodeCursor(cursor),
        limit,
        status,
      });
      const items = rows.slice(0, limit).map((row) => presentGeneration(row));
      return c.json({ items, nextCursor: nextCursorOf(rows, limit) }, 200);
    },
  );

  generationsRouter.openapi(
    createRoute({
      method: 'get',
      path: `${prefix}/generations/{generationId}`,
      tags,
      security,
      summary: `One generation${aliasNote}`,
      request: { params: paramsOf(isAlias, { generationId }), ...(isAlias ? { query: aliasQuery } : {}) },
      responses: { 200: jsonResponse(generationSchema, 'The generation'), ...standardErrors },
    }),
    async (c) => {
      const deps = c.get('deps');
      const granted = await authorizeWorkspace(deps.db, c.get('actor'), workspaceIdOf(c, isAlias), 'read');
      const row = await getGeneration(deps, granted.workspaceId, c.req.param('generationId') ?? '');
      return c.json(presentGeneration(row), 200);
    },
  );

  generationsRouter.openapi(
    createRoute({
      method: 'get',
      path: `${prefix}/generations/{generationId}/events`,
      tags,
      security,
      summary: `Server-sent events of a generation until it finishes${aliasNote}`,
      description:
        '`event: generation` with the Generation as JSON at once and on every change; `: heartbeat` comments every 15 s while pending; the stream ends after completed, partial or failed.',
      request: { params: paramsOf(isAlias, { generationId }), ...(isAlias ? { query: aliasQuery } : {}) },
      responses: {
        200: { description: 'text/event-stream', content: { 'text/event-stream': { schema: z.string() } } },
        ...standardErrors,
      },
    }),
    async (c) => {
      const deps = c.get('deps');
      const granted = await authorizeWorkspace(deps.db, c.get('actor'), workspaceIdOf(c, isAlias), 'read');
      const row = await getGeneration(deps, granted.workspaceId, c.req.param('generationId') ?? '');
      return streamGenerationEvents(c, row) as never;
    },
  );
}

generationsRouter.openapi(
  createRoute({
    method: 'put',
    path: '/workspaces/{workspaceId}/generations/{generationId}/drafts/{platform}',
    tags,
    security,
    summary: 'Save your edit of one platform’s output as its draft',
    description:
      "The body is that platform's output (the shape in Generation.outputs). It is checked like engine output; one that breaks the platform's rules is refused with 422 rule_violation and details.violations, and nothing is saved.",
    request: {
      params: paramsOf(false, {
        generationId,
        platform: z
          .string()
          .min(1)
          .max(40)
          .openapi({
            param: { name: 'platform', in: 'path' },
            example: 'x',
            description: platforms.join(', '),
          }),
      }),
      body: jsonBody(draftBodySchema),
    },
    responses: { 200: jsonResponse(generationSchema, 'The generation with the draft'), ...standardErrors },
  }),
  async (c) => {
    const deps = c.get('deps');
    const granted = await authorizeWorkspace(
      deps.db,
      c.get('actor'),
      c.req.param('workspaceId') ?? '',
      'write',
    );
    const row = await saveDraft(
      deps,
      granted.workspaceId,
      c.req.param('generationId') ?? '',
      c.req.param('platform') ?? '',
      c.req.valid('json'),
    );
    return c.json(presentGeneration(row), 200);
  },
);

generationsRouter.openapi(
  createRoute({
    method: 'get',
    path: '/workspaces/{workspaceId}/studio/rules',
    tags,
    security,
    summary: 'The platform limits in force, the input limit, platforms, tones and the workspace engine',
    request: { params: paramsOf(false) },
    responses: { 200: jsonResponse(studioRulesSchema, 'Studio rules'), ...standardErrors },
  }),
  async (c) => {
    const deps = c.get('deps');
    const granted = await authorizeWorkspace(
      deps.db,
      c.get('actor'),
      c.req.param('workspaceId') ?? '',
      'read',
    );
    const engine = await describeEngine(deps, granted.workspaceId);
    return c.json(
      {
        limits: studioLimits(deps),
        maxInputChars,
        platforms: [...platforms],
        tones: [...tones],
        engine: { kind: engine.kind, model: engine.model },
      },
      200,
    );
  },
);
