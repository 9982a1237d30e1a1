import { z } from '@hono/zod-openapi';
import { daySchema } from '../calendar/calendar.schemas.ts';

export const maxAnalyticsEventsPerRequest = 50;
export const maxSummaryDays = 366;

// The body is parsed by hand (any content type: navigator.sendBeacon sends text/plain), so the
// router's NUL check does not see it.
const text = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .refine((value) => !value.includes('\u0000'), 'Must not contain the NUL character (U+0000)');

const pageViewSchema = z
  .object({
    type: z.literal('page_view'),
    entryId: text(100).optional(),
    path: text(2000).optional().openapi({ description: 'The page path, e.g. /changelog/acme/entries/x' }),
    referrer: z
      .string()
      .max(2000)
      .optional()
      .openapi({ description: 'document.referrer; only its host is kept' }),
  })
  .strict()
  .refine((event) => event.entryId !== undefined || event.path !== undefined, {
    message: 'A page view names an entryId or a path',
    path: ['entryId'],
  });

const widgetEventSchema = z
  .object({
    type: z.enum(['widget_impression', 'widget_click']),
    widgetId: text(100),
    entryId: text(100).optional(),
  })
  .strict();

export const analyticsEventSchema = z.union([pageViewSchema, widgetEventSchema]);
export type AnalyticsEvent = z.infer<typeof analyticsEventSchema>;

export const analyticsEventsBodySchema = z
  .object({
    events: z.array(analyticsEventSchema).min(1).max(maxAnalyticsEventsPerRequest),
  })
  .strict()
  .openapi('AnalyticsEvents');

export const acceptedSchema = z.object({
  accepted: z
    .number()
    .int()
    .openapi({ description: 'Events that will be counted (bots and unknown entries are not)' }),
});

export const summaryQuerySchema = z.object({
  from: daySchema.optional().openapi({ description: 'First day (UTC); default 29 days before `to`' }),
  to: daySchema.optional().openapi({ description: 'Last day (UTC), inclusive; default today' }),
});

const widgetCounts = {
  widgetImpressions: z.number().int(),
  widgetClicks: z.number().int(),
};

export const analyticsSummarySchema = z
  .object({
    from: z.string(),
    to: z.string(),
    timezone: z.literal('UTC'),
    totals: z.object({
      views: z.number().int(),
      visitors: z.number().int().openapi({ description: 'Sum of each day’s unique visitors' }),
      ...widgetCounts,
      widgetCtr: z.number().openapi({ description: 'clicks / impressions, 0 without impressions' }),
    }),
    days: z.array(
      z.object({ day: z.string(), views: z.number().int(), visitors: z.number().int(), ...widgetCounts }),
    ),
    topEntries: z.array(
      z.object({
        entryId: z.string(),
        title: z.string(),
        slug: z.string(),
        views: z.number().int(),
        ...widgetCounts,
      }),
    ),
    referrers: z.array(z.object({ host: z.string(), views: z.number().int() })),
  })
  .openapi('AnalyticsSummary');
export type AnalyticsSummary = z.infer<typeof analyticsSummarySchema>;
