import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../../app-context.ts';
import type { Config } from '../../config.ts';
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
import { requireFeature } from '../plans/plans.service.ts';
import { authorizeWorkspace } from '../workspaces/workspace-access.ts';
import {
  conversationPageSchema,
  conversationSchema,
  imageFormDoc,
  imageFormSchema,
  presentConversation,
  transcriptBodySchema,
  voiceNoteFormDoc,
  voiceNoteFormSchema,
} from './conversations.schemas.ts';
import {
  createImageNote,
  createVoiceNote,
  getConversation,
  listWorkspaceConversations,
} from './conversations.service.ts';
import { submitTranscript } from './conversations.transcript.ts';

const tags = ['Voice notes and photos'];
const workspaceParams = z.object({ workspaceId: idParam('workspaceId') });
const conversationParams = workspaceParams.extend({ conversationId: idParam('conversationId') });
export const conversationsRouter = createRouter();

/**
 * Upload routes take a file, so the app's JSON body limit (BODY_LIMIT_BYTES) does not fit them: each
 * gets its file limit plus BODY_LIMIT_BYTES for the other fields. app.ts applies these instead.
 */
export function uploadBodyLimits(config: Config): Array<{ pattern: RegExp; maxBytes: number }> {
  return [
    {
      pattern: /^\/api\/v1\/(workspaces\/[^/]+\/)?voice-notes$/,
      maxBytes: config.VOICE_NOTE_MAX_BYTES + config.BODY_LIMIT_BYTES,
    },
    {
      pattern: /^\/api\/v1\/workspaces\/[^/]+\/images$/,
      maxBytes: config.IMAGE_MAX_BYTES + config.BODY_LIMIT_BYTES,
    },
  ];
}

const errorContent = standardErrors[400].content;
const uploadErrors = {
  ...standardErrors,
  402: { description: 'Not enough credits (nothing stored)', content: errorContent },
  413: {
    description: 'The file (or the body) is over its size limit (nothing stored)',
    content: errorContent,
  },
  415: {
    description: 'Not multipart, or the file is not an accepted format (checked from its bytes)',
    content: errorContent,
  },
};

/**
 * Reads a multipart body after access was checked. Hono's parseBody holds the whole body in memory,
 * which the per-route body limit bounds (uploadBodyLimits). Repeated fields arrive as arrays and
 * are refused by the schema, except `platforms`, which may be repeated.
 */
async function readForm<T extends z.ZodType>(c: Context<AppEnv>, schema: T): Promise<z.infer<T>> {
  const type = c.req.header('content-type') ?? '';
  if (!/^multipart\/form-data\s*;/i.test(type)) {
    throw new AppError('unsupported_media_type', 'Send the upload as multipart/form-data');
  }
  let body: Record<string, unknown>;
  try {
    body = await c.req.parseBody({ all: true });
  } catch {
    throw new AppError('bad_request', 'The multipart body is malformed');
  }
  const withNul = Object.entries(body)
    .filter(
      ([key, value]) => key.includes('\u0000') || (typeof value === 'string' && value.includes('\u0000')),
    )
    .map(([key]) => ({
      path: key.replaceAll('\u0000', ''),
      message: 'Must not contain the NUL character (U+0000)',
    }));
  if (withNul.length > 0) throw new AppError('validation_failed', 'The request is not valid', withNul);
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw parsed.error;
  return parsed.data;
}

/** `POST /voice-notes`: an API key's own workspace, or `?workspaceId=` (required with a session). */
function aliasWorkspaceId(c: Context<AppEnv>): string {
  const actor = c.get('actor');
  if (actor.type === 'anonymous') throw new AppError('unauthenticated', 'Sign in or send an API key');
  const queryId = c.req.query('workspaceId');
  if (queryId !== undefined && (queryId.length === 0 || queryId.length > 100 || queryId.includes('\u0000'))) {
    throw new AppError('validation_failed', 'The request is not valid', [
      { path: 'workspaceId', message: 'Not a workspace id' },
    ]);
  }
  if (actor.type === 'api_key') return queryId ?? actor.workspaceId;
  if (!queryId) {
    throw new AppError('validation_failed', 'Say which workspace', [
      { path: 'workspaceId', message: 'Required when signed in with a session' },
    ]);
  }
  return queryId;
}

const voiceNoteDescription =
  'multipart/form-data. `audio`: webm, ogg, mp3, wav or m4a, recognized from its bytes (a declared type that disagrees is a 415), at most VOICE_NOTE_MAX_BYTES (413) and VOICE_NOTE_MAX_SECONDS long (422; a WAV is measured from its header, other formats by `durationSeconds` and then by the transcription provider). With `transcript` the generation starts at once (status `completed`); else with a transcription provider the job `conversations.transcribe` runs (`transcribing`; voice minutes charged when transcribed); else `needs_transcript`. Nothing is stored when refused.';

for (const path of ['/workspaces/{workspaceId}/voice-notes', '/voice-notes'] as const) {
  const isAlias = path === '/voice-notes';
  conversationsRouter.openapi(
    createRoute({
      method: 'post',
      path,
      tags,
      security,
      summary: isAlias
        ? 'Upload a voice note to the API key’s workspace (or ?workspaceId=)'
        : 'Upload a voice note',
      description: voiceNoteDescription,
      request: {
        ...(isAlias
          ? { query: z.object({ workspaceId: z.string().min(1).max(100).optional() }) }
          : { params: workspaceParams }),
        body: { required: true, content: { 'multipart/form-data': { schema: voiceNoteFormDoc } } },
      },
      responses: { 202: jsonResponse(conversationSchema, 'The conversation'), ...uploadErrors },
    }),
    async (c) => {
      const deps = c.get('deps');
      const actor = c.get('actor');
      const workspaceId = isAlias ? aliasWorkspaceId(c) : (c.req.param('workspaceId') ?? '');
      const granted = await authorizeWorkspace(deps.db, actor, workspaceId, 'write');
      await requireFeature(deps.db, granted.workspaceId, 'voice_content_creation');
      const form = await readForm(c, voiceNoteFormSchema);
      const row = await createVoiceNote(
        deps,
        { workspaceId: granted.workspaceId, actor },
        form,
        c.get('request'),
      );
      return c.json(presentConversation(row), 202);
    },
  );
}

conversationsRouter.openapi(
  createRoute({
    method: 'post',
    path: '/workspaces/{workspaceId}/images',
    tags,
    security,
    summary: 'Upload a photo to post about',
    description:
      'multipart/form-data. `image`: jpeg, png or webp, recognized from its bytes, at most IMAGE_MAX_BYTES. With `description` the generation starts at once; else with a vision model the job `conversations.describe-image` describes it (`transcribing`; the `image` operation is charged); else `needs_transcript` (post the description to /transcript). The generation text is `text`, a blank line, then the description.',
    request: {
      params: workspaceParams,
      body: { required: true, content: { 'multipart/form-data': { schema: imageFormDoc } } },
    },
    responses: { 202: jsonResponse(conversationSchema, 'The conversation'), ...uploadErrors },
  }),
  async (c) => {
    const deps = c.get('deps');
    const actor = c.get('actor');
    const granted = await authorizeWorkspace(deps.db, actor, c.req.param('workspaceId') ?? '', 'write');
    const form = await readForm(c, imageFormSchema);
    const row = await createImageNote(
      deps,
      { workspaceId: granted.workspaceId, actor },
      form,
      c.get('request'),
    );
    return c.json(presentConversation(row), 202);
  },
);

conversationsRouter.openapi(
  createRoute({
    method: 'get',
    path: '/workspaces/{workspaceId}/conversations',
    tags,
    security,
    summary: 'Voice notes and photos, newest first',
    request: { params: workspaceParams, query: pageQuerySchema },
    responses: { 200: jsonResponse(conversationPageSchema, 'A page of conversations'), ...standardErrors },
  }),
  async (c) => {
    const deps = c.get('deps');
    const granted = await authorizeWorkspace(
      deps.db,
      c.get('actor'),
      c.req.valid('param').workspaceId,
      'read',
    );
    const { cursor, limit } = c.req.valid('query');
    const rows = await listWorkspaceConversations(deps, granted.workspaceId, {
      cursor: decodeCursor(cursor),
      limit,
    });
    return c.json(
      { items: rows.slice(0, limit).map(presentConversation), nextCursor: nextCursorOf(rows, limit) },
      200,
    );
  },
);

conversationsRouter.openapi(
  createRoute({
    method: 'get',
    path: '/workspaces/{workspaceId}/conversations/{conversationId}',
    tags,
    security,
    summary: 'One voice note or photo and what came of it',
    request: { params: conversationParams },
    responses: { 200: jsonResponse(conversationSchema, 'The conversation'), ...standardErrors },
  }),
  async (c) => {
    const deps = c.get('deps');
    const { workspaceId, conversationId } = c.req.valid('param');
    const granted = await authorizeWorkspace(deps.db, c.get('actor'), workspaceId, 'read');
    return c.json(presentConversation(await getConversation(deps, granted.workspaceId, conversationId)), 200);
  },
);

conversationsRouter.openapi(
  createRoute({
    method: 'post',
    path: '/workspaces/{workspaceId}/conversations/{conversationId}/transcript',
    tags,
    security,
    summary: 'Type the transcript (or the photo description) of a conversation that needs one',
    description: 'Only while the status is `needs_transcript` (else 409). Starts the generation.',
    request: { params: conversationParams, body: jsonBody(transcriptBodySchema) },
    responses: {
      200: jsonResponse(conversationSchema, 'The conversation, with its generation'),
      ...standardErrors,
      402: { description: 'Not enough credits for the generation', content: errorContent },
      409: { description: 'The conversation does not need a transcript', content: errorContent },
    },
  }),
  async (c) => {
    const deps = c.get('deps');
    const actor = c.get('actor');
    const { workspaceId, conversationId } = c.req.valid('param');
    const granted = await authorizeWorkspace(deps.db, actor, workspaceId, 'write');
    const row = await submitTranscript(
      deps,
      { workspaceId: granted.workspaceId, actor },
      conversationId,
      c.req.valid('json'),
      c.get('request'),
    );
    return c.json(presentConversation(row), 200);
  },
);
