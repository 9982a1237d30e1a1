import { z } from '@hono/zod-openapi';
import type { Config } from '../../config.ts';
import { timestamp } from '../../http/schemas.ts';
import type { StorageObjectRow } from './storage.queries.ts';

/** What an object was uploaded for: `media` through /storage-objects, the others by voice notes and photos. */
export const storagePurposes = ['media', 'voice_note', 'image'] as const;

export const storageObjectSchema = z
  .object({
    id: z.string(),
    purpose: z.enum(storagePurposes),
    fileName: z.string(),
    contentType: z.string(),
    sizeBytes: z.number().int(),
    /** The content route, absolute. */
    url: z.string(),
    createdAt: timestamp(),
  })
  .openapi('StorageObject');

export const storageObjectPageSchema = z.object({
  items: z.array(storageObjectSchema),
  nextCursor: z.string().nullable(),
});

// Multipart fields arrive as strings or Files; an empty purpose counts as absent.
export const uploadFormSchema = z.object({
  file: z.instanceof(File, { message: 'Attach the file as the multipart field `file`' }),
  purpose: z.preprocess((value) => (value === '' ? undefined : value), z.enum(['media']).default('media')),
});

export const uploadFormDoc = {
  type: 'object' as const,
  required: ['file'],
  properties: {
    file: {
      type: 'string' as const,
      format: 'binary',
      description: 'jpeg, png, webp, gif, mp4, or audio (webm, ogg, mp3, wav, m4a)',
    },
    purpose: { type: 'string' as const, enum: ['media'], description: 'Default `media`' },
  },
};

export function presentStorageObject(config: Pick<Config, 'publicUrl'>, row: StorageObjectRow) {
  return {
    id: row.id,
    purpose: row.purpose as (typeof storagePurposes)[number],
    fileName: row.fileName,
    contentType: row.contentType,
    sizeBytes: row.sizeBytes,
    url: `${config.publicUrl}/api/v1/workspaces/${row.workspaceId}/storage-objects/${row.id}/content`,
    createdAt: row.createdAt.toISOString(),
  };
}
