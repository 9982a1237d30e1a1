import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../../app-context.ts';
import type { Config } from '../../config.ts';
import {
  auditContextOf,
  createRouter,
  idParam,
  jsonResponse,
  security,
  standardErrors,
} from '../../http/router.ts';
import { AppError } from '../../platform/errors.ts';
import { decodeCursor, nextCursorOf, pageQuerySchema } from '../../platform/pagination.ts';
import { authorizeWorkspace } from '../workspaces/workspace-access.ts';
import { largestMediaLimit } from './storage.media.ts';
import { deleteStorageObject, listStorageObjects, uploadMedia } from './storage.objects.ts';
import {
  presentStorageObject,
  storageObjectPageSchema,
  storageObjectSchema,
  storagePurposes,
  uploadFormDoc,
  uploadFormSchema,
} from './storage.schemas.ts';
import { contentDisposition, getStorageObject, readStorageObject } from './storage.service.ts';

const tags = ['Storage'];
const workspaceParams = z.object({ workspaceId: idParam('workspaceId') });
const objectParams = workspaceParams.extend({ objectId: idParam('objectId') });

export const storageRouter = createRouter();

/**
 * The upload route takes files up to the largest per-kind limit (video by default), so it gets
 * that plus BODY_LIMIT_BYTES for the other fields instead of the JSON limit; app.ts applies it.
 */
export function storageUploadBodyLimits(config: Config): Array<{ pattern: RegExp; maxBytes: number }> {
  return [
    {
      pattern: /^\/api\/v1\/workspaces\/[^/]+\/storage-objects$/,
      maxBytes: largestMediaLimit(config) + config.BODY_LIMIT_BYTES,
    },
  ];
}

const errorContent = standardErrors[400].content;

/**
 * Reads the multipart body after access was checked. Hono's parseBody holds the body in memory,
 * bounded by the route's body limit. A repeated field arrives as an array and fails the schema.
 */
async function readUploadForm(c: Context<AppEnv>) {
  if (!/^multipart\/form-data\s*;/i.test(c.req.header('content-type') ?? '')) {
    throw new AppError('unsupported_media_type', 'Send the upload as multipart/form-data');
  }
  let body: Record<string, unknown>;
  try {
    body = await c.req.parseBody({ all: true });
  } catch {
    throw new AppError('bad_request', 'The multipart body is malformed');
  }
  if (
    Object.entries(body).some(
      ([key, value]) => key.includes('\u0000') || (typeof value === 'string' && value.includes('\u0000')),
    )
  ) {
    throw new AppError('validation_failed', 'The request is not valid', [
      { path: 'body', message: 'Must not contain the NUL character (U+0000)' },
    ]);
  }
  const parsed = uploadFormSchema.safeParse(body);
  if (!parsed.success) throw parsed.error;
  return parsed.data;
}

storageRouter.openapi(
  createRoute({
    method: 'post',
    path: '/workspaces/{workspaceId}/storage-objects',
    tags,
    security,
    summary: 'Upload a file for posts (picture, video or audio)',
    description:
      "multipart/form-data. `file`: jpeg, png, webp or gif (at most IMAGE_MAX_BYTES), mp4 video (VIDEO_MAX_BYTES), or audio: webm, ogg, mp3, wav, m4a (VOICE_NOTE_MAX_BYTES). The type is recognised from the bytes; a declared type that disagrees, or any other format, is a 415; over the limit is a 413. The plan's storage limit (`storage_bytes`, the bytes of live objects) is checked before anything is stored: 429 `quota_exceeded`; so is the monthly `videos` limit for an mp4 (each counts one; a delete does not give it back). Nothing is stored when refused.",
    request: {
      params: workspaceParams,
      body: { required: true, content: { 'multipart/form-data': { schema: uploadFormDoc } } },
    },
    responses: {
      201: jsonResponse(storageObjectSchema, 'The stored object'),
      ...standardErrors,
      413: { description: 'The file (or the body) is over its size limit', content: errorContent },
      415: { description: 'Not multipart, or not an accepted format', content: errorContent },
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
    const form = await readUploadForm(c);
    const object = await uploadMedia(deps, auditContextOf(c), granted, form);
    return c.json(presentStorageObject(deps.config, object), 201);
  },
);

storageRouter.openapi(
  createRoute({
    method: 'get',
    path: '/workspaces/{workspaceId}/storage-objects',
    tags,
    security,
    summary: 'Uploaded files, newest first (deleted ones are not listed)',
    request: {
      params: workspaceParams,
      query: pageQuerySchema.extend({ purpose: z.enum(storagePurposes).optional() }),
    },
    responses: { 200: jsonResponse(storageObjectPageSchema, 'A page of storage objects'), ...standardErrors },
  }),
  async (c) => {
    const deps = c.get('deps');
    const granted = await authorizeWorkspace(
      deps.db,
      c.get('actor'),
      c.req.valid('param').workspaceId,
      'read',
    );
    const { cursor, limit, purpose } = c.req.valid('query');
    const rows = await listStorageObjects(deps, granted.workspaceId, {
      cursor: decodeCursor(cursor),
      limit,
      purpose,
    });
    return c.json(
      {
        items: rows.slice(0, limit).map((row) => presentStorageObject(deps.config, row)),
        nextCursor: nextCursorOf(rows, limit),
      },
      200,
    );
  },
);

storageRouter.openapi(
  createRoute({
    method: 'delete',
    path: '/workspaces/{workspaceId}/storage-objects/{objectId}',
    tags,
    security,
    summary: 'Delete an uploaded file',
    description:
      'Soft delete: the file disappears from lists, its content route answers 404 and it no longer counts toward the storage limit; its bytes are removed by the daily `storage.purge` job STORAGE_PURGE_AFTER_DAYS later. 409 while a scheduled post uses it (cancel the post or remove the file from it first).',
    request: { params: objectParams },
    responses: {
      204: { description: 'Deleted' },
      ...standardErrors,
      409: {
        description: 'A scheduled post uses the file; details.postIds names them',
        content: errorContent,
      },
    },
  }),
  async (c) => {
    const deps = c.get('deps');
    const { workspaceId, objectId } = c.req.valid('param');
    const granted = await authorizeWorkspace(deps.db, c.get('actor'), workspaceId, 'write');
    await deleteStorageObject(deps, auditContextOf(c), granted, objectId);
    return c.body(null, 204);
  },
);

storageRouter.openapi(
  createRoute({
    method: 'get',
    path: '/workspaces/{workspaceId}/storage-objects/{objectId}/content',
    tags,
    security,
    summary: 'The bytes of an uploaded file (voice note, photo), with the type Herald detected',
    description:
      'Members of the workspace only (viewers too). Sent `inline` with `X-Content-Type-Options: nosniff` and a sandboxing Content-Security-Policy, so a browser shows it but never runs it.',
    request: { params: objectParams },
    responses: {
      200: {
        description: 'The file',
        content: { 'application/octet-stream': { schema: z.string().openapi({ format: 'binary' }) } },
      },
      ...standardErrors,
    },
  }),
  async (c) => {
    const deps = c.get('deps');
    const { workspaceId, objectId } = c.req.valid('param');
    const granted = await authorizeWorkspace(deps.db, c.get('actor'), workspaceId, 'read');
    const object = await getStorageObject(deps.db, granted.workspaceId, objectId);
    const bytes = await readStorageObject(deps, object);
    return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
      'Content-Type': object.contentType,
      'Content-Length': String(bytes.byteLength),
      'Content-Disposition': contentDisposition(object.fileName),
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': "default-src 'none'; sandbox",
      // Objects never change under their id; private because they are not public files.
      'Cache-Control': 'private, max-age=3600',
      ETag: `"${object.sha256}"`,
    });
  },
);
