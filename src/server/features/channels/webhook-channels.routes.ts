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
import { timestamp } from '../../http/schemas.ts';
import { requireFeature } from '../plans/plans.service.ts';
import { authorizeWorkspace } from '../workspaces/workspace-access.ts';
import { channelStatuses } from './channels.table.ts';
import { createWebhookChannel, rotateWebhookSecret } from './webhook-channels.service.ts';

const tags = ['Channels'];
const workspaceParams = z.object({ workspaceId: idParam('workspaceId') });

const webhookChannelSchema = z.object({
  id: z.string(),
  kind: z.literal('webhook'),
  name: z.string(),
  status: z.enum(channelStatuses),
  webhookUrl: z.string().nullable().openapi({ description: "The receiver's origin only" }),
  lastError: z.string().nullable(),
  createdAt: timestamp(),
  updatedAt: timestamp(),
});

const withSecret = z.object({
  channel: webhookChannelSchema,
  secret: z.string().openapi({
    description:
      'The signing secret, in this response only. Deliveries carry `Herald-Signature: t=<unix>,v1=<hex HMAC-SHA256 of "<t>.<body>">`.',
  }),
});

const createBodySchema = z
  .object({
    name: z.string().trim().min(1).max(80),
    url: z.string().trim().min(1).max(2000).openapi({
      description:
        'http(s) URL of the receiver. Loopback, private and link-local addresses are refused unless OUTBOUND_ALLOW_PRIVATE_NETWORKS is set.',
      example: 'https://hooks.zapier.com/hooks/catch/123/abc/',
    }),
  })
  .strict();

export const webhookChannelsRouter = createRouter();

webhookChannelsRouter.openapi(
  createRoute({
    method: 'post',
    path: '/workspaces/{workspaceId}/channels/webhook',
    tags,
    security,
    summary: 'Add an outbound webhook channel; its signing secret is in this response only',
    description:
      'Each delivery is a POST of `{event: "post.published", post: {id, platform, parts, content, media}, idempotencyKey}` with `Herald-Signature` and `Herald-Idempotency-Key` headers. The key is the same for every attempt of one version of a post: receivers must ignore a key they have already processed.',
    request: { params: workspaceParams, body: jsonBody(createBodySchema) },
    responses: { 201: jsonResponse(withSecret, 'Created'), ...standardErrors },
  }),
  async (c) => {
    const deps = c.get('deps');
    const actor = c.get('actor');
    const granted = await authorizeWorkspace(deps.db, actor, c.req.valid('param').workspaceId, 'manage');
    await requireFeature(deps.db, granted.workspaceId, 'custom_integrations');
    const body = c.req.valid('json');
    const createdBy = actor.type === 'user' ? actor.userId : null;
    return c.json(await createWebhookChannel(deps, auditContextOf(c), granted, { ...body, createdBy }), 201);
  },
);

webhookChannelsRouter.openapi(
  createRoute({
    method: 'post',
    path: '/workspaces/{workspaceId}/channels/{channelId}/rotate-secret',
    tags,
    security,
    summary: "Replace a webhook channel's signing secret; the new one is in this response only",
    request: { params: workspaceParams.extend({ channelId: idParam('channelId') }) },
    responses: { 200: jsonResponse(withSecret, 'Rotated'), ...standardErrors },
  }),
  async (c) => {
    const deps = c.get('deps');
    const { workspaceId, channelId } = c.req.valid('param');
    const granted = await authorizeWorkspace(deps.db, c.get('actor'), workspaceId, 'manage');
    return c.json(await rotateWebhookSecret(deps, auditContextOf(c), granted, channelId), 200);
  },
);
