import type { Actor, AppDeps } from '../../app-context.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import type { Cursor } from '../../platform/pagination.ts';
import { type AuditContext, recordAudit } from '../audit/audit.service.ts';
import { detectOrRefuse, readUpload } from '../conversations/conversations.uploads.ts';
import { checkQuota, recordUsage } from '../usage/usage.service.ts';
import type { WorkspaceAccess } from '../workspaces/workspace-access.ts';
import { assertWithinLimit, detectMedia, kindOf, largestMediaLimit, mediaTypes } from './storage.media.ts';
import {
  listStorageObjectRows,
  lockLiveStorageObject,
  markStorageObjectDeleted,
  scheduledPostsUsing,
} from './storage.queries.ts';
import { type StorageDeps, withStoredObject } from './storage.service.ts';

// Post media through /storage-objects: upload (type from the bytes, size per kind, the plan's
// storage limit), list, and soft delete. Bytes of a deleted object stay until `storage.purge`.

const uploaderOf = (actor: Actor) => (actor.type === 'anonymous' ? null : actor.userId);

export async function uploadMedia(
  deps: StorageDeps & Pick<AppDeps, 'queue'>,
  audit: AuditContext,
  access: WorkspaceAccess,
  form: { file: File; purpose: 'media' },
) {
  const bytes = await readUpload(form.file, largestMediaLimit(deps.config), 'file');
  const media = detectOrRefuse(bytes, form.file, 'file', detectMedia, mediaTypes);
  assertWithinLimit(deps.config, media, bytes.byteLength);
  // A video counts against the monthly `videos` quota: checked before any byte is written, then
  // counted in the row's transaction (a race past the limit rolls the row back and drops the file).
  // A later delete does not give it back.
  const isVideo = kindOf(media) === 'video';
  if (isVideo) await checkQuota(deps.db, access.workspaceId, 'videos', 1, deps.clock.now());
  return withStoredObject(
    deps,
    {
      workspaceId: access.workspaceId,
      uploadedBy: uploaderOf(audit.actor),
      purpose: form.purpose,
      fileName: form.file.name,
      contentType: media.contentType,
      extension: media.extension,
      bytes,
    },
    async (object, tx) => {
      if (isVideo) {
        await recordUsage(deps, tx, {
          workspaceId: access.workspaceId,
          unit: 'videos',
          quantity: 1,
          operationType: 'video_upload',
          idempotencyKey: `video:${object.id}`,
          request: audit.request,
        });
      }
      await recordAudit(tx, audit, {
        action: 'storage_object.uploaded',
        entityType: 'storage_object',
        entityId: object.id,
        workspaceId: access.workspaceId,
        details: { contentType: object.contentType, sizeBytes: object.sizeBytes, kind: kindOf(media) },
      });
      return object;
    },
  );
}

export function listStorageObjects(
  deps: Pick<StorageDeps, 'db'>,
  workspaceId: string,
  filters: { cursor?: Cursor; limit: number; purpose?: string },
) {
  return listStorageObjectRows(deps.db, workspaceId, filters);
}

/**
 * Soft delete: the row is hidden (lists, the content route, new posts) at once, the bytes stay
 * until the purge window ends. Refused while a scheduled post uses the object, since its publish
 * would lose the media; the row lock makes a concurrent second delete wait and then find nothing.
 */
export async function deleteStorageObject(
  deps: StorageDeps,
  audit: AuditContext,
  access: WorkspaceAccess,
  objectId: string,
) {
  await deps.db.transaction(async (tx) => {
    const object = await lockLiveStorageObject(tx, access.workspaceId, objectId);
    if (!object) throw notFound('Storage object');
    const postIds = await scheduledPostsUsing(tx, access.workspaceId, objectId);
    if (postIds.length > 0) {
      throw new AppError(
        'conflict',
        'A scheduled post uses this file: cancel the post or remove the file from it first',
        { postIds },
      );
    }
    await markStorageObjectDeleted(tx, objectId, deps.clock.now());
    await recordAudit(tx, audit, {
      action: 'storage_object.deleted',
      entityType: 'storage_object',
      entityId: objectId,
      workspaceId: access.workspaceId,
      details: { contentType: object.contentType, sizeBytes: object.sizeBytes },
    });
  });
}
