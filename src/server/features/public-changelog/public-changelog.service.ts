// What the public changelog shows, for the pages, the feeds, the JSON API and the widget: only
// published entries whose time has come, their bodies rendered by renderMarkdownSafe. Nothing here
// needs an actor: everything it returns is public.
import type { AppDeps } from '../../app-context.ts';
import { type Cursor, encodeCursor } from '../../platform/pagination.ts';
import { can } from '../plans/plans.service.ts';
import { isHttpUrl, markdownToText, renderMarkdownSafe, renderSummarySafe } from './markdown.ts';
import { forgetWorkspaceLookups, recentLookup } from './public-cache.ts';
import {
  findPublicWorkspace,
  findPublishedEntry,
  findRepositoryBySlug,
  listPublishedEntries,
  type PublishedEntryRow,
  pullRequestsOfEntries,
} from './public-changelog.queries.ts';
import { publicChangelogUrl, publicEntryUrl, publicRepositoryUrl } from './public-changelog.urls.ts';

type PublicDeps = Pick<AppDeps, 'db' | 'clock' | 'config'>;

export interface PublicWorkspace {
  id: string;
  name: string;
  slug: string;
  url: string;
  /** Changes whenever what the public surfaces show may have changed: the key of cached bodies. */
  version: string;
  /** white_label: the pages leave out the "Powered by Herald" footer link. */
  whiteLabel: boolean;
  /** The Herald instance the footer links to. */
  homeUrl: string;
}

export interface PublicRepository {
  id: string;
  fullName: string;
  slug: string;
  url: string;
}

export interface PublicEntry {
  id: string;
  slug: string;
  title: string;
  category: string;
  major: boolean;
  publishedAt: Date;
  updatedAt: Date;
  url: string;
  repository: { fullName: string; slug: string; url: string } | null;
  bodyHtml: string;
  summaryHtml: string;
  /** Plain text for meta descriptions and feed summaries. */
  description: string;
  pullRequests: Array<{ number: number; url: string | null; authorLogin: string | null }>;
}

// Path segments come straight from the URL: an absurd or NUL-holding one is simply not found (the
// database would refuse the NUL with an error).
const isSaneSegment = (value: string) => value.length > 0 && value.length <= 200 && !value.includes('\u0000');

export async function findPublicWorkspaceBySlug(deps: PublicDeps, slug: string) {
  if (!isSaneSegment(slug)) return undefined;
  return recentWorkspace(deps, `slug|${slug}`, { slug });
}

export async function findPublicWorkspaceById(deps: PublicDeps, id: string) {
  if (!isSaneSegment(id)) return undefined;
  return recentWorkspace(deps, `id|${id}`, { id });
}

async function recentWorkspace(deps: PublicDeps, key: string, by: { slug: string } | { id: string }) {
  const now = deps.clock.now();
  return recentLookup(deps, `workspace|${key}`, now.getTime(), async () => {
    const row = await findPublicWorkspace(deps.db, by, now);
    const whiteLabel = row ? await can(deps.db, row.id, 'white_label') : false;
    const workspace = toWorkspace(deps, row, whiteLabel);
    return workspace && { value: workspace, workspaceId: workspace.id };
  });
}

function toWorkspace(
  deps: PublicDeps,
  row: Awaited<ReturnType<typeof findPublicWorkspace>>,
  whiteLabel: boolean,
): PublicWorkspace | undefined {
  if (!row) return undefined;
  return {
    ...row,
    // A plan change alters the footer, so it is part of the key of cached pages.
    version: `${row.version}|${whiteLabel ? 'wl' : 'brand'}`,
    whiteLabel,
    homeUrl: deps.config.publicUrl,
    url: publicChangelogUrl(deps.config.publicUrl, row.slug),
  };
}

export async function findPublicRepository(
  deps: PublicDeps,
  workspace: PublicWorkspace,
  slug: string,
): Promise<PublicRepository | undefined> {
  if (!isSaneSegment(slug)) return undefined;
  const key = `repository|${workspace.id}|${workspace.version}|${slug}`;
  return recentLookup(deps, key, deps.clock.now().getTime(), async () => {
    const row = await findRepositoryBySlug(deps.db, workspace.id, slug);
    if (!row) return undefined;
    const value = { ...row, url: publicRepositoryUrl(deps.config.publicUrl, workspace.slug, row.slug) };
    return { value, workspaceId: workspace.id };
  });
}

/**
 * Makes the workspace's next public request read its data version again, so a change committed in
 * this process shows at once (other processes' changes show within versionCheckIntervalMs). For the
 * services that publish, unpublish or edit entries, or change what the pages name.
 */
export function invalidatePublicChangelog(deps: object, workspaceId: string): void {
  forgetWorkspaceLookups(deps, workspaceId);
}

export async function listPublicEntries(
  deps: PublicDeps,
  workspace: PublicWorkspace,
  page: { repositoryId?: string; cursor?: Cursor; limit: number },
): Promise<{ entries: PublicEntry[]; nextCursor: string | null }> {
  const rows = await listPublishedEntries(deps.db, {
    workspaceId: workspace.id,
    repositoryId: page.repositoryId,
    now: deps.clock.now(),
    cursor: page.cursor,
    limit: page.limit,
  });
  const shown = rows.slice(0, page.limit);
  const last = shown.at(-1);
  return {
    entries: await presentEntries(deps, workspace, shown),
    nextCursor:
      rows.length > page.limit && last ? encodeCursor({ createdAt: last.publishedAt, id: last.id }) : null,
  };
}

export async function getPublicEntry(
  deps: PublicDeps,
  workspace: PublicWorkspace,
  slug: string,
): Promise<PublicEntry | undefined> {
  if (!isSaneSegment(slug)) return undefined;
  const row = await findPublishedEntry(deps.db, workspace.id, slug, deps.clock.now());
  if (!row) return undefined;
  const [entry] = await presentEntries(deps, workspace, [row]);
  return entry;
}

async function presentEntries(
  deps: PublicDeps,
  workspace: PublicWorkspace,
  rows: PublishedEntryRow[],
): Promise<PublicEntry[]> {
  const publicUrl = deps.config.publicUrl;
  const pullRequests = await pullRequestsOfEntries(
    deps.db,
    rows.map((r) => r.id),
  );
  return rows.map((row) => ({
    id: row.id,
    slug: row.slug,
    title: row.title,
    category: row.category,
    major: row.major,
    publishedAt: row.publishedAt,
    updatedAt: row.updatedAt,
    url: publicEntryUrl(publicUrl, workspace.slug, row.slug),
    repository:
      row.repositoryFullName && row.repositorySlug
        ? {
            fullName: row.repositoryFullName,
            slug: row.repositorySlug,
            url: publicRepositoryUrl(publicUrl, workspace.slug, row.repositorySlug),
          }
        : null,
    bodyHtml: renderMarkdownSafe(row.body),
    summaryHtml: renderSummarySafe(row.body),
    description: markdownToText(row.body, 200),
    pullRequests: pullRequests
      .filter((pr) => pr.entryId === row.id)
      // The URL came in a webhook payload: shown only when it is a plain http(s) link.
      .map((pr) => ({
        number: pr.number,
        url: isHttpUrl(pr.url) ? pr.url : null,
        authorLogin: pr.authorLogin,
      })),
  }));
}
