import { z } from '@hono/zod-openapi';
import { timestamp } from '../../http/schemas.ts';
import { roadmapImportStatuses, roadmapStatuses } from './roadmap.table.ts';

// GitHub caps label names at 50 characters.
const labelName = z.string().trim().min(1).max(50);

export const roadmapStatusSchema = z.enum(roadmapStatuses);

export const roadmapMappingSchema = z
  .object({
    labels: z
      .array(labelName)
      .min(1)
      .max(20)
      .openapi({ description: 'Issues carrying any of these labels (case-insensitive) are roadmap items' }),
    planned: labelName.openapi({ description: 'The label meaning planned' }),
    inProgress: labelName.openapi({ description: 'The label meaning in progress' }),
    completed: labelName
      .nullable()
      .openapi({ description: 'A label meaning completed (optional: a closed issue is completed anyway)' }),
    closeOnComplete: z.boolean().openapi({
      description: 'Moving an item to completed in Herald also closes the issue (and back reopens it)',
    }),
  })
  .strict()
  .openapi('RoadmapMapping');

export const roadmapRepositorySchema = z
  .object({
    repositoryId: z.string(),
    fullName: z.string(),
    enabled: z.boolean(),
    mapping: roadmapMappingSchema,
    importStatus: z.enum(roadmapImportStatuses),
    importedCount: z.number().int(),
    importError: z.string().nullable(),
  })
  .openapi('RoadmapRepository');

export const roadmapItemSchema = z
  .object({
    id: z.string(),
    repositoryId: z.string(),
    repositoryFullName: z.string(),
    issueNumber: z.number().int(),
    title: z.string(),
    url: z.string(),
    labels: z.array(z.string()),
    issueState: z.enum(['open', 'closed']),
    status: roadmapStatusSchema,
    votes: z.number().int(),
    closedByPr: z.number().int().nullable(),
    entry: z.object({ id: z.string(), title: z.string(), slug: z.string(), status: z.string() }).nullable(),
    completedAt: timestamp().nullable(),
    updatedAt: timestamp(),
  })
  .openapi('RoadmapItem');

export const roadmapSchema = z
  .object({ repositories: z.array(roadmapRepositorySchema), items: z.array(roadmapItemSchema) })
  .openapi('Roadmap');

export const updateRoadmapRepositoryBodySchema = z
  .object({ enabled: z.boolean().optional(), mapping: roadmapMappingSchema.optional() })
  .strict();

export const updateRoadmapItemBodySchema = z.object({ status: roadmapStatusSchema }).strict();

export const publicRoadmapItemSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    status: roadmapStatusSchema,
    url: z.string(),
    votes: z.number().int(),
    entryUrl: z.string().nullable(),
  })
  .openapi('PublicRoadmapItem');

export const publicRoadmapSchema = z
  .object({
    workspace: z.object({ name: z.string(), slug: z.string(), url: z.string() }),
    items: z.array(publicRoadmapItemSchema),
  })
  .openapi('PublicRoadmap');

export const roadmapVoteBodySchema = z
  .object({
    voterId: z
      .string()
      .regex(/^[A-Za-z0-9_-]{16,128}$/)
      .optional()
      .openapi({
        description: 'A random id the page or widget keeps (e.g. in localStorage); not needed when signed in',
      }),
    email: z.string().trim().max(254).email().optional().openapi({
      description: 'Tell me when it ships: one mail when the entry that completes the item is published',
    }),
  })
  .strict();
