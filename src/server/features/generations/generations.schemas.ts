import { z } from '@hono/zod-openapi';
import {
  analysisSchema,
  languages,
  platformOutputSchemas,
  platforms,
  tones,
} from '../../../shared/studio/studio-types.ts';
import { iso } from '../../http/router.ts';
import { timestamp } from '../../http/schemas.ts';
import { maxInputChars } from './generations.input.ts';
import type { GenerationRow } from './generations.queries.ts';
import { generationSourceTypes, generationStatuses } from './generations.table.ts';

const exampleArticle =
  'Herald turns one article into posts for every platform. Paste it once, pick the platforms and a tone, and each output is checked against its platform rules before it is stored.';

export const createGenerationBodySchema = z
  .object({
    text: z
      .string()
      .min(1)
      .max(maxInputChars)
      .openapi({
        description: `Plain text or Markdown, at most ${maxInputChars} characters. Normalized (NFC, line endings, trailing spaces, runs of blank lines) before use.`,
        example: exampleArticle,
      }),
    platforms: z
      .array(z.enum(platforms))
      .min(1)
      .max(platforms.length)
      .refine((list) => new Set(list).size === list.length, 'Each platform at most once')
      .openapi({ example: ['x', 'linkedin'] }),
    tone: z.enum(tones),
    language: z.enum(languages).optional().openapi({ description: 'Detected from the text when omitted' }),
    engine: z.enum(['local', 'workspace']).optional().openapi({
      description:
        "`workspace` (default): the workspace's configured provider, which is the local engine unless set; `local`: the built-in engine",
    }),
  })
  .strict();
export type CreateGenerationBody = z.infer<typeof createGenerationBodySchema>;

const outputsSchema = z.object(
  Object.fromEntries(platforms.map((p) => [p, platformOutputSchemas[p].optional()])) as {
    [P in (typeof platforms)[number]]: z.ZodOptional<(typeof platformOutputSchemas)[P]>;
  },
);

const viralScoreSchema = z.object({
  score: z.number().int().min(1).max(10),
  reasons: z.array(
    z.object({
      factor: z.enum(['hook', 'length', 'hashtags', 'readability', 'structure']),
      points: z.number(),
      note: z.string(),
    }),
  ),
});

export const generationSchema = z
  .object({
    id: z.string(),
    workspaceId: z.string(),
    status: z.enum(generationStatuses),
    sourceType: z.enum(generationSourceTypes),
    sourceId: z.string().nullable(),
    input: z.string(),
    language: z.enum(languages),
    platforms: z.array(z.enum(platforms)),
    tone: z.enum(tones),
    engine: z.string(),
    model: z.string().nullable(),
    analysis: analysisSchema.nullable(),
    outputs: outputsSchema,
    viralScores: z.partialRecord(z.enum(platforms), viralScoreSchema),
    failures: z.partialRecord(z.enum(platforms), z.string()),
    drafts: outputsSchema,
    error: z.string().nullable(),
    tokensInput: z.number().int(),
    tokensOutput: z.number().int(),
    costUsdMicros: z.number().int(),
    creditsCharged: z.number().int(),
    durationMs: z.number().int().nullable(),
    cached: z.boolean().openapi({ description: 'An identical earlier result, charged nothing' }),
    createdAt: timestamp(),
    completedAt: timestamp().nullable(),
  })
  .openapi('Generation');
export type GenerationView = z.infer<typeof generationSchema>;

export const generationPageSchema = z.object({
  items: z.array(generationSchema),
  nextCursor: z.string().nullable(),
});

export function presentGeneration(row: GenerationRow, cached = false): GenerationView {
  return {
    id: row.id,
    workspaceId: row.workspaceId,
    status: row.status,
    sourceType: row.sourceType,
    sourceId: row.sourceId,
    input: row.input,
    language: row.language,
    platforms: row.platforms,
    tone: row.tone,
    engine: row.engine,
    model: row.model,
    analysis: row.analysis,
    outputs: row.outputs,
    viralScores: row.viralScores,
    failures: row.failures,
    drafts: row.drafts,
    error: row.error,
    tokensInput: row.tokensInput,
    tokensOutput: row.tokensOutput,
    costUsdMicros: row.costUsdMicros,
    creditsCharged: row.creditsCharged,
    durationMs: row.durationMs,
    cached,
    createdAt: row.createdAt.toISOString(),
    completedAt: iso(row.completedAt),
  };
}

/**
 * One platform's output, in the shape Generation.outputs has for it. Each shape is strict (no other
 * keys, no free-form nesting), so the body is one of the seven exactly; which one the path's platform
 * needs, and its rules, are checked by the service.
 */
export const draftBodySchema = z
  .union([
    platformOutputSchemas.x.strict(),
    platformOutputSchemas.threads.strict(),
    platformOutputSchemas.linkedin.strict(),
    platformOutputSchemas.instagram.strict(),
    platformOutputSchemas.tiktok.strict(),
    platformOutputSchemas.facebook.strict(),
    platformOutputSchemas.email.strict(),
  ])
  .openapi('DraftOutput', {
    description:
      'The output of the platform named in the path: X `{ tweets, hashtags }`, Threads `{ posts }`, LinkedIn `{ hook, body, cta, hashtags }`, Instagram `{ caption, hashtags }`, TikTok `{ hook, talkingPoints, cta, caption, hashtags }`, Facebook `{ text, hashtags }`, email `{ subject, previewText, html, text }`.',
    example: { tweets: ['Herald writes one post per platform from one article.'], hashtags: ['#herald'] },
  });

const count = z.number().int();
export const studioRulesSchema = z
  .object({
    limits: z.object({
      x: z.object({ maxWeightedLength: count, maxTweets: count }),
      threads: z.object({ maxChars: count, maxLinks: count, maxPosts: count }),
      linkedin: z.object({ maxChars: count }),
      instagram: z.object({ maxChars: count, maxHashtags: count }),
      tiktok: z.object({ maxCaptionChars: count, maxHashtags: count }),
      facebook: z.object({ maxChars: count }),
      email: z.object({ maxSubjectChars: count, maxPreviewChars: count }),
    }),
    maxInputChars: count,
    platforms: z.array(z.enum(platforms)),
    tones: z.array(z.enum(tones)),
    engine: z.object({
      kind: z.enum(['local', 'openai', 'anthropic', 'openai-compatible']),
      model: z.string(),
    }),
  })
  .openapi('StudioRules');
