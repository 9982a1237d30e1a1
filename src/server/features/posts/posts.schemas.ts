import { z } from '@hono/zod-openapi';
import { platforms } from '../../../shared/studio/studio-types.ts';
import { timestamp } from '../../http/schemas.ts';
import { pageQuerySchema } from '../../platform/pagination.ts';
import { approvalStates, postOrigins, postStatuses } from './posts.table.ts';

export const maxTags = 20;
export const maxMediaPerPost = 10;
export const maxTitleChars = 200;

export const tagSchema = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(/^[^;\p{Cc}]+$/u, 'A tag has no semicolon or control characters');

const contentSchema = z.record(z.string(), z.unknown()).openapi({
  description:
    "The platform's structured output, as in a generation (X: `{tweets, hashtags}`, LinkedIn: `{hook, body, cta, hashtags}`…). It must pass the platform's rules: otherwise 422 rule_violation with `details.violations`.",
  example: { tweets: ['Herald ships posts exactly once.'], hashtags: ['#herald'] },
});

export const postFieldsSchema = z.object({
  title: z.string().trim().max(maxTitleChars).nullable().optional(),
  tags: z.array(tagSchema).max(maxTags).optional(),
  mediaObjectIds: z
    .array(z.string().min(1).max(100))
    .max(maxMediaPerPost)
    .optional()
    .openapi({ description: 'Storage objects of this workspace, in order' }),
  needsApproval: z
    .boolean()
    .optional()
    .openapi({ description: 'When true, the post is not published until an approval link approves it' }),
});

export const createPostBodySchema = postFieldsSchema
  .extend({ platform: z.enum(platforms), content: contentSchema })
  .strict();
export type CreatePostBody = z.infer<typeof createPostBodySchema>;

export const updatePostBodySchema = postFieldsSchema
  .extend({
    content: contentSchema.optional(),
    expectedVersion: z
      .number()
      .int()
      .min(1)
      .optional()
      .openapi({ description: 'Refuse (409) if the post has changed since this version' }),
  })
  .strict();
export type UpdatePostBody = z.infer<typeof updatePostBodySchema>;

export const fromGenerationBodySchema = z
  .object({
    generationId: z.string().min(1).max(100),
    platforms: z.array(z.enum(platforms)).min(1).max(platforms.length).optional(),
  })
  .strict();

export const scheduleBodySchema = z
  .object({
    scheduledAt: z.string().min(16).max(40).openapi({
      description:
        "An instant with its offset (`2027-03-29T07:00:00Z`), or a wall-clock time without one (`2027-03-29T09:00`) read in the workspace's timezone. Must be in the future.",
      example: '2027-03-29T09:00',
    }),
    channelId: z.string().min(1).max(100).optional().openapi({
      description: "The channel to publish to; defaults to the post's current channel",
    }),
    expectedVersion: z.number().int().min(1).optional(),
  })
  .strict();

export const versionBodySchema = z.object({ expectedVersion: z.number().int().min(1).optional() }).strict();

const dateFilter = z
  .string()
  .max(40)
  .optional()
  .openapi({ description: 'ISO date or date-time; bounds are inclusive (from) and exclusive (to)' });

export const listPostsQuerySchema = pageQuerySchema.extend({
  status: z.enum(postStatuses).optional(),
  platform: z.enum(platforms).optional(),
  tag: tagSchema.optional(),
  dateField: z
    .enum(['scheduledAt', 'createdAt'])
    .default('createdAt')
    .openapi({ description: 'Which date `from` and `to` filter on' }),
  from: dateFilter,
  to: dateFilter,
});
export type ListPostsQuery = z.infer<typeof listPostsQuerySchema>;

export const postSchema = z
  .object({
    id: z.string(),
    workspaceId: z.string(),
    platform: z.enum(platforms),
    channelId: z.string().nullable(),
    status: z.enum(postStatuses),
    title: z.string().nullable(),
    content: z.record(z.string(), z.unknown()),
    parts: z.array(z.string()).openapi({ description: 'The texts as the platform receives them, in order' }),
    originType: z.enum(postOrigins),
    originId: z.string().nullable(),
    mediaObjectIds: z.array(z.string()),
    tags: z.array(z.string()),
    scheduledAt: timestamp().nullable(),
    publishedAt: timestamp().nullable(),
    externalId: z.string().nullable(),
    externalUrl: z.string().nullable(),
    lastError: z.string().nullable(),
    attemptCount: z.number().int(),
    needsApproval: z.boolean(),
    approvalState: z.enum(approvalStates),
    version: z.number().int(),
    createdBy: z.string().nullable(),
    createdAt: timestamp(),
    updatedAt: timestamp(),
  })
  .openapi('Post');
