import { z } from '@hono/zod-openapi';
import { changelogCategories } from '../github/github.table.ts';
import { type WidgetConfig, widgetPositions, widgetSizes } from './widget.table.ts';

// Colors reach the widget's CSS: only `#rrggbb`, nothing a stylesheet could be tricked by.
const color = z
  .string()
  .regex(/^#[0-9a-fA-F]{6}$/, 'Must be a color written #rrggbb')
  .transform((value) => value.toLowerCase());

export const widgetConfigSchema = z
  .object({
    title: z.string().trim().min(1).max(60),
    colors: z.object({ primary: color, background: color, text: color }),
    position: z.enum(widgetPositions),
    size: z.enum(widgetSizes),
    showDate: z.boolean(),
    showCategory: z.boolean(),
    showNewBadge: z.boolean(),
  })
  .openapi('WidgetConfig');

export const defaultWidgetConfig: WidgetConfig = {
  title: "What's new",
  colors: { primary: '#4f46e5', background: '#ffffff', text: '#1f2328' },
  position: 'bottom-right',
  size: 'medium',
  showDate: true,
  showCategory: true,
  showNewBadge: true,
};

/** PUT takes any part of the configuration; what is left out keeps its current value. */
export const updateWidgetBodySchema = z.object({
  config: widgetConfigSchema.extend({ colors: widgetConfigSchema.shape.colors.partial() }).partial().strict(),
});
export type UpdateWidgetBody = z.infer<typeof updateWidgetBodySchema>;

export const widgetSchema = z
  .object({
    id: z.string().openapi({ description: 'The public id in the embed snippet' }),
    config: widgetConfigSchema,
    impressions: z.number().int(),
    clicks: z.number().int(),
    embedSnippet: z.string(),
    publicChangelogUrl: z.string(),
  })
  .openapi('Widget');

export const widgetStatsSchema = z.object({
  totals: z.object({ impressions: z.number().int(), clicks: z.number().int() }),
  entries: z.array(
    z.object({
      entryId: z.string(),
      title: z.string(),
      impressions: z.number().int(),
      clicks: z.number().int(),
    }),
  ),
});

export const widgetDataSchema = z.object({
  config: widgetConfigSchema,
  changelogUrl: z.string(),
  entries: z.array(
    z.object({
      id: z.string(),
      slug: z.string(),
      title: z.string().openapi({ description: 'Plain text' }),
      category: z.enum(changelogCategories),
      publishedAt: z.string(),
      url: z.string(),
      summaryHtml: z.string().openapi({ description: 'Sanitized HTML' }),
      votes: z.number().int().openapi({ description: 'Upvotes so far' }),
      upvoteUrl: z
        .string()
        .openapi({ description: 'POST `{ voterId }` here to upvote (DELETE takes it back); CORS *' }),
    }),
  ),
});

export const maxEventsPerBatch = 50;

export const widgetEventsBodySchema = z.object({
  events: z
    .array(
      z
        .object({
          type: z.enum(['impression', 'click']),
          // The body is parsed by hand (any content type), so the router's NUL check does not see it.
          entryId: z
            .string()
            .min(1)
            .max(100)
            .refine((id) => !id.includes('\u0000'), 'Must not contain the NUL character (U+0000)')
            .optional(),
        })
        .strict(),
    )
    .max(maxEventsPerBatch),
});
export type WidgetEvents = z.infer<typeof widgetEventsBodySchema>['events'];
