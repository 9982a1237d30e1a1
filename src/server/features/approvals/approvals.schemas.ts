import { z } from '@hono/zod-openapi';
import { platforms } from '../../../shared/studio/studio-types.ts';
import { timestamp } from '../../http/schemas.ts';
import { approvalStates, postStatuses } from '../posts/posts.table.ts';
import { approvalEventKinds } from './approvals.table.ts';

export const maxPostsPerLink = 50;
export const maxReviewMessageChars = 2000;
export const maxReviewerNameChars = 80;
export const defaultLinkHours = 168;
export const maxLinkHours = 720;

export const createLinkBodySchema = z
  .object({
    postIds: z
      .array(z.string().min(1).max(100))
      .min(1)
      .max(maxPostsPerLink)
      .openapi({ description: `1 to ${maxPostsPerLink} posts of this workspace` }),
    expiresInHours: z.number().int().min(1).max(maxLinkHours).default(defaultLinkHours),
    note: z
      .string()
      .trim()
      .max(maxReviewMessageChars)
      .optional()
      .openapi({ description: 'Shown to the reviewer' }),
  })
  .strict();
export type CreateLinkBody = z.infer<typeof createLinkBodySchema>;

export const linkSchema = z
  .object({
    id: z.string(),
    postIds: z.array(z.string()),
    note: z.string().nullable(),
    createdBy: z.string().nullable(),
    expiresAt: timestamp(),
    revokedAt: timestamp().nullable(),
    createdAt: timestamp(),
    state: z.enum(['active', 'expired', 'revoked']),
  })
  .openapi('ApprovalLink');

export const createdLinkSchema = z.object({
  id: z.string(),
  url: z.string().openapi({ description: 'The page to send the reviewer; holds the token' }),
  token: z.string().openapi({ description: 'Shown once; Herald keeps only its hash' }),
  expiresAt: timestamp(),
  postIds: z.array(z.string()),
});

export const approvalEventSchema = z
  .object({
    id: z.string(),
    postId: z.string(),
    kind: z.enum(approvalEventKinds),
    reviewerName: z.string(),
    message: z.string().nullable(),
    createdAt: timestamp(),
  })
  .openapi('ApprovalEvent');

export const reviewPostSchema = z
  .object({
    id: z.string(),
    platform: z.enum(platforms),
    title: z.string().nullable(),
    status: z.enum(postStatuses),
    scheduledAt: timestamp().nullable(),
    parts: z.array(z.string()),
    content: z.record(z.string(), z.unknown()),
    approvalState: z.enum(approvalStates),
    version: z.number().int(),
    events: z.array(approvalEventSchema),
  })
  .openapi('ReviewPost');

export const reviewSchema = z.object({
  workspaceName: z.string(),
  note: z.string().nullable(),
  expiresAt: timestamp(),
  posts: z.array(reviewPostSchema),
});

export const reviewActionBodySchema = z
  .object({
    action: z.enum(['approve', 'request_changes', 'comment']),
    reviewerName: z.string().trim().min(1).max(maxReviewerNameChars),
    message: z.string().trim().max(maxReviewMessageChars).optional(),
    version: z
      .number()
      .int()
      .min(1)
      .optional()
      .openapi({ description: 'The version the reviewer read; refused (409) if the post changed since' }),
  })
  .strict()
  .refine((body) => body.action === 'approve' || (body.message ?? '') !== '', {
    message: 'A message is required to request changes or comment',
    path: ['message'],
  });
export type ReviewActionBody = z.infer<typeof reviewActionBodySchema>;

export const linkStateOf = (
  link: { revokedAt: Date | null; expiresAt: Date },
  now: Date,
): 'active' | 'expired' | 'revoked' =>
  link.revokedAt ? 'revoked' : link.expiresAt.getTime() <= now.getTime() ? 'expired' : 'active';
