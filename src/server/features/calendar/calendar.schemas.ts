import { z } from '@hono/zod-openapi';
import { platforms } from '../../../shared/studio/studio-types.ts';
import { timestamp } from '../../http/schemas.ts';
import { approvalStates, postStatuses } from '../posts/posts.table.ts';
import { isRealDay } from './calendar.days.ts';

export const maxNoteChars = 2000;

export const daySchema = z
  .string()
  .max(10)
  .refine(isRealDay, 'A real date as YYYY-MM-DD (1970–9999)')
  .openapi({ example: '2027-03-29', description: 'A day in the workspace timezone, YYYY-MM-DD' });

const noteText = z.string().trim().min(1).max(maxNoteChars);

export const calendarQuerySchema = z.object({
  view: z.enum(['month', 'week']).default('month'),
  date: daySchema
    .optional()
    .openapi({ description: 'A day inside the month or week to show; defaults to today (workspace time)' }),
  platform: z.enum(platforms).optional(),
  status: z.enum(postStatuses).optional(),
});
export type CalendarQuery = z.infer<typeof calendarQuerySchema>;

export const createNoteBodySchema = z.object({ day: daySchema, note: noteText }).strict();
export const updateNoteBodySchema = z
  .object({ day: daySchema.optional(), note: noteText.optional() })
  .strict()
  .refine((body) => body.day !== undefined || body.note !== undefined, 'Give day, note or both');

export const calendarNoteSchema = z
  .object({
    id: z.string(),
    day: z.string(),
    note: z.string(),
    createdBy: z.string().nullable(),
    createdAt: timestamp(),
    updatedAt: timestamp(),
  })
  .openapi('CalendarNote');

export const postSummarySchema = z
  .object({
    id: z.string(),
    platform: z.enum(platforms),
    status: z.enum(postStatuses),
    title: z.string().nullable(),
    preview: z.string().openapi({ description: 'The first 120 characters of the text as posted' }),
    scheduledAt: timestamp().nullable(),
    publishedAt: timestamp().nullable(),
    channelId: z.string().nullable(),
    approvalState: z.enum(approvalStates),
    version: z.number().int(),
  })
  .openapi('PostSummary');

export const calendarSchema = z.object({
  timezone: z.string(),
  view: z.enum(['month', 'week']),
  from: z.string(),
  to: z.string(),
  days: z.array(
    z.object({ day: z.string(), posts: z.array(postSummarySchema), notes: z.array(calendarNoteSchema) }),
  ),
  truncated: z.boolean().openapi({
    description: 'True when the range held more posts than one answer carries (narrow the filters)',
  }),
});
