import { z } from '@hono/zod-openapi';
import { changelogCategories } from '../github/github.table.ts';
import type { PublicEntry, PublicRepository, PublicWorkspace } from './public-changelog.service.ts';

const repositorySchema = z.object({ fullName: z.string(), slug: z.string(), url: z.string() });

export const publicEntrySchema = z
  .object({
    id: z.string(),
    slug: z.string(),
    title: z.string().openapi({ description: 'Plain text: show it as text, never as HTML' }),
    category: z.enum(changelogCategories),
    major: z.boolean(),
    publishedAt: z.string(),
    updatedAt: z.string(),
    url: z.string().openapi({ description: 'The entry page' }),
    repository: repositorySchema.nullable(),
    bodyHtml: z.string().openapi({ description: 'The body rendered from Markdown and sanitized' }),
    summaryHtml: z.string().openapi({ description: 'The first paragraph, sanitized HTML' }),
    pullRequests: z.array(
      z.object({ number: z.number().int(), url: z.string().nullable(), authorLogin: z.string().nullable() }),
    ),
  })
  .openapi('PublicChangelogEntry');

const workspaceSchema = z.object({
  name: z.string(),
  slug: z.string(),
  url: z.string(),
  feeds: z.object({ rss: z.string(), atom: z.string() }),
});

export const publicEntryListSchema = z.object({
  workspace: workspaceSchema,
  repository: repositorySchema.nullable(),
  entries: z.array(publicEntrySchema),
  nextCursor: z.string().nullable(),
});

export const publicEntryResponseSchema = z.object({ workspace: workspaceSchema, entry: publicEntrySchema });

export const publicEntryListQuerySchema = z.object({
  repo: z.string().max(200).optional().openapi({ description: "A repository's slug: only its entries" }),
  cursor: z.string().max(200).optional().openapi({ description: 'Opaque cursor from `nextCursor`' }),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export function presentPublicEntry(entry: PublicEntry): z.infer<typeof publicEntrySchema> {
  return {
    id: entry.id,
    slug: entry.slug,
    title: entry.title,
    category: entry.category as z.infer<typeof publicEntrySchema>['category'],
    major: entry.major,
    publishedAt: entry.publishedAt.toISOString(),
    updatedAt: entry.updatedAt.toISOString(),
    url: entry.url,
    repository: entry.repository,
    bodyHtml: entry.bodyHtml,
    summaryHtml: entry.summaryHtml,
    pullRequests: entry.pullRequests,
  };
}

export function presentPublicWorkspace(workspace: PublicWorkspace, feeds: { rss: string; atom: string }) {
  return { name: workspace.name, slug: workspace.slug, url: workspace.url, feeds };
}

export function presentPublicRepository(repository: PublicRepository | undefined) {
  return repository ? { fullName: repository.fullName, slug: repository.slug, url: repository.url } : null;
}
