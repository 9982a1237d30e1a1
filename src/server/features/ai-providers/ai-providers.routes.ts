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
import { requireUser } from '../auth/actor.ts';
import { requireFeature } from '../plans/plans.service.ts';
import { authorizeWorkspace } from '../workspaces/workspace-access.ts';
import { aiProviderSchema, updateAiProviderBodySchema } from './ai-providers.schemas.ts';
import { getAiProvider, updateAiProvider } from './ai-providers.service.ts';

const tags = ['AI provider'];
const workspaceParams = z.object({ workspaceId: idParam('workspaceId') });

export const aiProvidersRouter = createRouter();

aiProvidersRouter.openapi(
  createRoute({
    method: 'get',
    path: '/workspaces/{workspaceId}/ai-provider',
    tags,
    security,
    summary: "The workspace's AI provider (the key itself is never returned)",
    request: { params: workspaceParams },
    responses: { 200: jsonResponse(aiProviderSchema, 'AI provider settings'), ...standardErrors },
  }),
  async (c) => {
    const { db } = c.get('deps');
    const granted = await authorizeWorkspace(db, c.get('actor'), c.req.valid('param').workspaceId, 'read');
    return c.json(await getAiProvider(db, granted), 200);
  },
);

aiProvidersRouter.openapi(
  createRoute({
    method: 'put',
    path: '/workspaces/{workspaceId}/ai-provider',
    tags,
    security,
    summary: 'Set the AI provider: local engine, OpenAI, Anthropic or an OpenAI-compatible server (admin)',
    request: { params: workspaceParams, body: jsonBody(updateAiProviderBodySchema) },
    responses: { 200: jsonResponse(aiProviderSchema, 'Saved'), ...standardErrors },
  }),
  async (c) => {
    const deps = c.get('deps');
    const granted = await authorizeWorkspace(
      deps.db,
      c.get('actor'),
      c.req.valid('param').workspaceId,
      'manage',
    );
    const user = requireUser(c);
    const body = c.req.valid('json');
    // The local engine is every plan's; OpenAI, Anthropic and model servers are the LLM feature.
    if (body.kind !== 'local') await requireFeature(deps.db, granted.workspaceId, 'llm_providers');
    const view = await updateAiProvider(deps, auditContextOf(c), granted, body, user.userId);
    return c.json(view, 200);
  },
);
