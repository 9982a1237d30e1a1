import { storageDriverFor } from '../../platform/storage.ts';
import { deleteStorageObjectRow, purgeableStorageObjects } from './storage.queries.ts';
import type { StorageDeps } from './storage.service.ts';

const batchSize = 200;

/**
 * Removes the bytes and then the row of every object deleted more than STORAGE_PURGE_AFTER_DAYS
 * ago. Bytes go first: a crash in between leaves a row whose delete is repeated next run (deleting
 * a missing object is not an error), never bytes no row points to. An object whose bytes cannot be
 * deleted (storage down, S3 settings removed) keeps its row and is tried again on the next run.
 */
export async function purgeDeletedStorageObjects(
  deps: StorageDeps,
): Promise<{ purged: number; failed: number }> {
  const cutoff = new Date(deps.clock.now().getTime() - deps.config.STORAGE_PURGE_AFTER_DAYS * 86_400_000);
  let purged = 0;
  let failed = 0;
  let afterId = '';
  for (;;) {
    const rows = await purgeableStorageObjects(deps.db, cutoff, afterId, batchSize);
    for (const row of rows) {
      try {
        await storageDriverFor(deps, row.driver).delete(row.key);
        await deleteStorageObjectRow(deps.db, row.id);
        purged += 1;
      } catch (error) {
        failed += 1;
        deps.log.warn(
          { err: error, objectId: row.id, driver: row.driver },
          'could not purge a deleted storage object',
        );
      }
    }
    const last = rows.at(-1);
    if (!last || rows.length < batchSize) break;
    afterId = last.id;
  }
  return { purged, failed };
}
