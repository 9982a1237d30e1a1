import { z } from '@hono/zod-openapi';
import { tones } from '../../../shared/studio/studio-types.ts';
import { timestamp } from '../../http/schemas.ts';
import { pageQuerySchema } from '../../platform/pagination.ts';
import { changelogCategories } from '../github/github.table.ts';
import { entryStatuses } from './changelog.table.ts';

export const maxEntryTitleChars = 200;
export const maxEntryBodyChars = 20_000;
export const maxGroupEntries = 50;

const titleSchema = z
  .string()
  .trim()
  .min(1)
  .max(maxEntryTitleChars)
  .regex(/^[^\p{Cc}]*$/u, 'A title is one line without control characters');
const bodySchema = z
  .string()
  .max(maxEntryBodyChars)
  .openapi({ description: 'Markdown; rendered through the sanitizer on public pages' });

export const createEntryBodySchema = z
  .object({
    title: titleSchema,
    body: bodySchema.optional(),
    category: z.enum(changelogCategories),
    major: z.boolean().optional(),
  })
  .strict();
export type CreateEntryBody = z.infer<typeof createEntryBodySchema>;

export const updateEntryBodySchema = z
  .object({
    title: titleSchema.optional(),
    body: bodySchema.optional(),
    category: z.enum(changelogCategories).optional(),
    major: z.boolean().optional(),
  })
  .strict()
  .refine((body) => Object.values(body).some((value) => value !== undefined), {
    message: 'Give at least one of title, body, category, major',
  });
export type UpdateEntryBody = z.infer<typeof updateEntryBodySchema>;

const idSchema = z.string().min(1).max(100);

export const groupEntriesBodySchema = z
  .object({
    entryIds: z.array(idSchema).min(2).max(maxGroupEntries).openapi({
      description: 'Distinct ids; the first entry is kept, the others are merged into it and deleted',
    }),
    title: titleSchema.optional(),
  })
  .strict();

export const publishEntryBodySchema = z
  .object({
    at: z.string().min(20).max(40).optional().openapi({
      description:
        'Publish later: an ISO 8601 instant with its offset (`2027-03-29T07:00:00Z`), in the future',
      example: '2027-03-29T07:00:00Z',
    }),
  })
  .strict();

export const socialPostsBodySchema = z
  .object({
    platforms: z
      .array(z.enum(['x', 'linkedin']))
      .min(1)
      .max(2)
      .optional()
      .openapi({ description: 'Defaults to both: an X thread and a LinkedIn post' }),
    tone: z.enum(tones).optional().openapi({ description: 'Defaults to conversational' }),
  })
  .strict();

export const listEntriesQuerySchema = pageQuerySchema.extend({
  status: z.enum(entryStatuses).optional(),
  category: z.enum(changelogCategories).optional(),
  repositoryId: idSchema.optional(),
  q: z
    .string()
    .trim()
    .max(200)
    .optional()
    .openapi({ description: 'Words to find in the title or body (case-insensitive)' }),
});

export const entryPullRequestSchema = z.object({
  number: z.number().int(),
  url: z.string(),
  title: z.string(),
  authorLogin: z.string().nullable(),
  labels: z.array(z.string()),
  mergedAt: timestamp(),
  breaking: z.boolean(),
});

export const entrySchema = z
  .object({
    id: z.string(),
    repositoryId: z.string().nullable(),
    repositoryFullName: z.string().nullable(),
    title: z.string(),
    body: z.string(),
    category: z.enum(changelogCategories),
    status: z.enum(entryStatuses),
    slug: z.string(),
    major: z.boolean(),
    editedByUser: z.boolean(),
    aiRewrittenAt: timestamp().nullable(),
    scheduledAt: timestamp().nullable(),
    publishedAt: timestamp().nullable(),
    publicUrl: z.string().nullable().openapi({ description: 'The public entry page, once published' }),
    pullRequests: z.array(entryPullRequestSchema),
    version: z.number().int().openapi({ description: 'Grows on every change' }),
    createdAt: timestamp(),
    updatedAt: timestamp(),
  })
  .openapi('ChangelogEntry');
export type EntryView = z.infer<typeof entrySchema>;

export const entryResponseSchema = z.object({ entry: entrySchema });
