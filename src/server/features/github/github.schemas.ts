import { z } from '@hono/zod-openapi';
import { timestamp } from '../../http/schemas.ts';
import { defaultCategoryMapping } from './categorize.ts';
import { backfillStatuses, changelogCategories, repositoryAuthTypes } from './github.table.ts';

const category = z.enum(changelogCategories);
// GitHub caps label names at 50 characters.
const labelName = z.string().trim().min(1).max(50);
const maxMappingKeys = 100;
const atMost = (max: number) => (record: Record<string, unknown>) => Object.keys(record).length <= max;

export const categoryMappingSchema = z
  .object({
    labels: z
      .record(labelName, category)
      .refine(atMost(maxMappingKeys), `At most ${maxMappingKeys} labels`)
      .openapi({ description: 'Label (case-insensitive) → category; looked at first' }),
    prefixes: z
      .record(
        z.string().regex(/^[A-Za-z][A-Za-z0-9-]{0,29}$/, 'A Conventional Commits type such as feat or fix'),
        category,
      )
      .refine(atMost(maxMappingKeys), `At most ${maxMappingKeys} prefixes`)
      .openapi({
        description: 'Conventional Commits type of the title (`feat` in `feat(api)!:`) → category',
      }),
    skipLabels: z
      .array(labelName)
      .max(50)
      .openapi({ description: 'PRs with any of these labels are left out' }),
  })
  .strict()
  .openapi('CategoryMapping', { example: defaultCategoryMapping });

export const fullNameSchema = z
  .string()
  .regex(
    /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})\/(?!\.\.?$)[A-Za-z0-9._-]{1,100}$/,
    'Must be a GitHub repository as owner/name',
  )
  .openapi({ example: 'octo-org/herald' });

const githubToken = z
  .string()
  .min(8)
  .max(255)
  .regex(/^[\x21-\x7e]+$/, 'A GitHub token has no spaces or other characters outside ASCII');

const installationId = z
  .union([z.string().regex(/^\d{1,20}$/, 'An installation id is digits only'), z.number().int().min(1)])
  .openapi({ example: '4201' });

export const repositoryAuthSchema = z
  .discriminatedUnion('type', [
    z.object({ type: z.literal('token'), token: githubToken }).strict(),
    z.object({ type: z.literal('app'), installationId }).strict(),
  ])
  .openapi('RepositoryAuth', { example: { type: 'token', token: 'github_pat_11AAAAAAA0example' } });

const isoDate = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/,
    'An ISO date (2026-01-31) or instant with its offset',
  )
  .refine((value) => {
    const time = Date.parse(value);
    return !Number.isNaN(time) && time >= 0 && time < Date.UTC(10000, 0, 1);
  }, 'Not a real date');

export const backfillRequestSchema = z
  .union([
    z.object({ count: z.number().int().min(1).max(1000) }).strict(),
    z
      .object({ since: isoDate, until: isoDate.optional() })
      .strict()
      .refine((range) => !range.until || Date.parse(range.since) <= Date.parse(range.until), {
        message: 'since must not be after until',
        path: ['until'],
      }),
  ])
  .openapi('BackfillRequest', { example: { count: 50 } });
export type BackfillRequest = z.infer<typeof backfillRequestSchema>;

export const connectRepositorySchema = z
  .object({
    fullName: fullNameSchema,
    auth: repositoryAuthSchema,
    backfill: backfillRequestSchema.optional(),
    categoryMapping: categoryMappingSchema.optional(),
  })
  .strict()
  .openapi('ConnectRepository');
export type ConnectRepositoryInput = z.infer<typeof connectRepositorySchema>;

export const updateRepositorySchema = z
  .object({ categoryMapping: categoryMappingSchema.optional(), token: githubToken.optional() })
  .strict()
  .refine((body) => body.categoryMapping !== undefined || body.token !== undefined, {
    message: 'Send categoryMapping, token or both',
  })
  .openapi('UpdateRepository');

export const repositorySchema = z
  .object({
    id: z.string(),
    fullName: z.string(),
    slug: z.string(),
    authType: z.enum(repositoryAuthTypes),
    installationId: z.string().nullable(),
    tokenHint: z.string().nullable().openapi({ description: 'The last four characters: `…abcd`' }),
    categoryMapping: categoryMappingSchema,
    webhookUrl: z.string(),
    publicUrl: z.string(),
    lastDelivery: z.object({ at: timestamp(), event: z.string(), error: z.string().nullable() }).nullable(),
    backfill: z.object({
      status: z.enum(backfillStatuses),
      request: z
        .object({ count: z.number().optional(), since: z.string().optional(), until: z.string().optional() })
        .nullable(),
      imported: z.number().int(),
      error: z.string().nullable(),
      finishedAt: timestamp().nullable(),
    }),
    entryCount: z.number().int(),
    createdAt: timestamp(),
  })
  .openapi('Repository');

export const webhookSetupSchema = z
  .object({
    url: z.string(),
    secret: z.string().openapi({ description: 'Shown here and on rotation only' }),
    contentType: z.literal('application/json'),
    events: z.array(z.literal('pull_request')),
  })
  .openapi('GithubWebhookSetup');
