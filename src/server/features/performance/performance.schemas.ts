import { z } from '@hono/zod-openapi';
import { platforms } from '../../../shared/studio/studio-types.ts';
import { timestamp } from '../../http/schemas.ts';
import { daySchema } from '../calendar/calendar.schemas.ts';
import { metricSources } from './performance.table.ts';

/** Larger counts than any platform reports; keeps sums exact in a double. */
export const maxCount = 1_000_000_000_000;
export const maxImportRows = 5000;
export const maxSummaryDays = 366;

const count = z.number().int().min(0).max(maxCount).default(0);

export const metricsBodySchema = z
  .object({
    recordedAt: z.string().max(40).optional().openapi({
      description:
        'When the numbers were read, ISO 8601 with an offset; default now. Same time again replaces.',
      example: '2027-03-29T18:00:00Z',
    }),
    views: count,
    likes: count,
    shares: count,
    comments: count,
    reach: count,
  })
  .strict();
export type MetricsBody = z.infer<typeof metricsBodySchema>;

export const snapshotSchema = z
  .object({
    id: z.string(),
    postId: z.string(),
    platform: z.enum(platforms),
    recordedAt: timestamp(),
    views: z.number().int(),
    likes: z.number().int(),
    shares: z.number().int(),
    comments: z.number().int(),
    reach: z.number().int(),
    source: z.enum(metricSources),
    engagementRate: z.number().nullable(),
  })
  .openapi('MetricSnapshot');

export const postMetricsSchema = z.object({
  latest: snapshotSchema.nullable(),
  engagementRate: z.number().nullable().openapi({
    description: '(likes + shares + comments) / reach, or / views when reach is 0; null when both are 0',
  }),
  series: z.array(snapshotSchema).openapi({ description: 'Oldest first (the latest 1000)' }),
});

export const importResultSchema = z.object({
  accepted: z.number().int().openapi({ description: 'Rows written' }),
  rejected: z.array(
    z.object({
      row: z.number().int().openapi({ description: '1 = the first row after the header' }),
      errors: z.array(z.object({ path: z.string(), message: z.string() })),
    }),
  ),
});

export const summaryQuerySchema = z.object({
  from: daySchema
    .optional()
    .openapi({ description: 'First day (workspace timezone); default 29 days before `to`' }),
  to: daySchema.optional().openapi({ description: 'Last day, inclusive; default today' }),
  platform: z.enum(platforms).optional(),
});

const totals = {
  views: z.number().int(),
  likes: z.number().int(),
  shares: z.number().int(),
  comments: z.number().int(),
  reach: z.number().int(),
};

export const summarySchema = z.object({
  from: z.string(),
  to: z.string(),
  timezone: z.string(),
  perPlatform: z.array(
    z.object({
      platform: z.enum(platforms),
      posts: z.number().int(),
      ...totals,
      engagementRate: z.number().nullable(),
    }),
  ),
  series: z.array(
    z.object({
      day: z.string(),
      platform: z.enum(platforms),
      views: z.number().int(),
      engagement: z.number().int().openapi({ description: 'likes + shares + comments' }),
    }),
  ),
});
