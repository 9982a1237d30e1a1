// The public changelog's pages and feeds: no session, server-rendered, cacheable. Mounted at the root
// of the app before the web UI (which answers index.html for every other GET).
import type { Context } from 'hono';
import type { AppEnv } from '../../app-context.ts';
import { createRouter } from '../../http/router.ts';
import { type Cursor, decodeCursor } from '../../platform/pagination.ts';
import { recordServedPageView } from '../analytics/analytics.service.ts';
import { countVotes } from '../upvotes/upvotes.service.ts';
import { type CachedBody, cachedBody, memoizeByVersion, sendCached } from './public-cache.ts';
import { renderAtom, renderRss } from './public-changelog.feeds.ts';
import { renderChangelogPage, renderEntryPage, renderNotFoundPage } from './public-changelog.pages.ts';
import {
  findPublicRepository,
  findPublicWorkspaceBySlug,
  getPublicEntry,
  listPublicEntries,
  type PublicRepository,
  type PublicWorkspace,
} from './public-changelog.service.ts';
import { type FeedKind, publicFeedUrl } from './public-changelog.urls.ts';

const pageSize = 30;
const feedSize = 50;
const htmlType = 'text/html; charset=utf-8';
const feedTypes: Record<FeedKind, string> = {
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
};
// The pages carry no script; the policy makes sure none could run even if one slipped through. Forms
// (the subscribe form) post only to Herald itself.
const pageHeaders = {
  'Content-Security-Policy':
    "default-src 'none'; img-src http: https:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'self'",
  'Referrer-Policy': 'strict-origin-when-cross-origin',
};

export const publicChangelogRouter = createRouter();

function notFoundPage(c: Context<AppEnv>) {
  return c.html(renderNotFoundPage(c.get('deps').config.publicUrl), 404, {
    'Cache-Control': 'no-cache',
    ...pageHeaders,
  });
}

interface Scope {
  workspace: PublicWorkspace;
  repository?: PublicRepository;
}

/** The workspace (and repository) a path names, or undefined when either is unknown. */
async function scopeOf(c: Context<AppEnv>): Promise<Scope | undefined> {
  const deps = c.get('deps');
  const workspace = await findPublicWorkspaceBySlug(deps, c.req.param('workspaceSlug') ?? '');
  if (!workspace) return undefined;
  const repoSlug = c.req.param('repoSlug');
  if (repoSlug === undefined) return { workspace };
  const repository = await findPublicRepository(deps, workspace, repoSlug);
  return repository ? { workspace, repository } : undefined;
}

const feedsOf = (c: Context<AppEnv>, scope: Scope) => {
  const { publicUrl } = c.get('deps').config;
  return {
    rss: publicFeedUrl(publicUrl, scope.workspace.slug, 'rss', scope.repository?.slug),
    atom: publicFeedUrl(publicUrl, scope.workspace.slug, 'atom', scope.repository?.slug),
  };
};

// Only first pages are kept in memory: an older page's cursor is anyone's input, and caching every
// cursor would let a crawler fill the cache.
async function cachedOrBuilt<T extends CachedBody | null>(
  c: Context<AppEnv>,
  scope: Scope,
  key: string | null,
  build: () => Promise<T>,
): Promise<T> {
  if (key === null) return build();
  return memoizeByVersion(c.get('deps'), `${scope.workspace.id}|${key}`, scope.workspace.version, build);
}

async function changelogPage(c: Context<AppEnv>) {
  const scope = await scopeOf(c);
  if (!scope) return notFoundPage(c);
  const rawCursor = c.req.query('cursor');
  let cursor: Cursor | undefined;
  try {
    cursor = decodeCursor(rawCursor);
  } catch {
    return notFoundPage(c);
  }
  const deps = c.get('deps');
  const key = rawCursor ? null : `page|${scope.repository?.id ?? ''}`;
  const body = await cachedOrBuilt(c, scope, key, async () => {
    const page = await listPublicEntries(deps, scope.workspace, {
      repositoryId: scope.repository?.id,
      cursor,
      limit: pageSize,
    });
    const base = scope.repository?.url ?? scope.workspace.url;
    const olderUrl = page.nextCursor ? `${base}?cursor=${encodeURIComponent(page.nextCursor)}` : null;
    const votes = await countVotes(
      deps.db,
      'entry',
      page.entries.map((entry) => entry.id),
    );
    const html = renderChangelogPage({
      ...scope,
      entries: page.entries,
      olderUrl,
      feeds: feedsOf(c, scope),
      votes,
    });
    return cachedBody(html, htmlType);
  });
  // Counted on the server (the page has no script); a 304 revalidation is a view too.
  await recordServedPageView(deps, c.get('request'), scope.workspace, { referrer: c.req.header('referer') });
  return sendCached(c, body, pageHeaders);
}

async function entryPage(c: Context<AppEnv>) {
  const scope = await scopeOf(c);
  if (!scope) return notFoundPage(c);
  const deps = c.get('deps');
  const entrySlug = c.req.param('entrySlug') ?? '';
  const body = await cachedOrBuilt(c, scope, `entry|${entrySlug}`, async () => {
    const entry = await getPublicEntry(deps, scope.workspace, entrySlug);
    if (!entry) return null;
    return cachedBody(
      renderEntryPage({
        workspace: scope.workspace,
        entry,
        feeds: feedsOf(c, scope),
        votes: (await countVotes(deps.db, 'entry', [entry.id])).get(entry.id) ?? 0,
      }),
      htmlType,
    );
  });
  if (!body) return notFoundPage(c);
  await recordServedPageView(deps, c.get('request'), scope.workspace, {
    entrySlug,
    referrer: c.req.header('referer'),
  });
  return sendCached(c, body, pageHeaders);
}

function feed(kind: FeedKind) {
  return async (c: Context<AppEnv>) => {
    const scope = await scopeOf(c);
    if (!scope) return notFoundPage(c);
    const deps = c.get('deps');
    const body = await cachedOrBuilt(c, scope, `feed|${kind}|${scope.repository?.id ?? ''}`, async () => {
      const page = await listPublicEntries(deps, scope.workspace, {
        repositoryId: scope.repository?.id,
        limit: feedSize,
      });
      const input = {
        ...scope,
        entries: page.entries,
        selfUrl: feedsOf(c, scope)[kind],
        now: deps.clock.now(),
      };
      return cachedBody(kind === 'rss' ? renderRss(input) : renderAtom(input), feedTypes[kind]);
    });
    return sendCached(c, body, { 'Access-Control-Allow-Origin': '*' });
  };
}

publicChangelogRouter.get('/changelog/:workspaceSlug', changelogPage);
publicChangelogRouter.get('/changelog/:workspaceSlug/feed.rss', feed('rss'));
publicChangelogRouter.get('/changelog/:workspaceSlug/feed.atom', feed('atom'));
publicChangelogRouter.get('/changelog/:workspaceSlug/entries/:entrySlug', entryPage);
publicChangelogRouter.get('/changelog/:workspaceSlug/repos/:repoSlug', changelogPage);
publicChangelogRouter.get('/changelog/:workspaceSlug/repos/:repoSlug/feed.rss', feed('rss'));
publicChangelogRouter.get('/changelog/:workspaceSlug/repos/:repoSlug/feed.atom', feed('atom'));
// A trailing slash is the same page; anything else under /changelog/ is a missing page, not the web UI.
publicChangelogRouter.get('/changelog', notFoundPage);
publicChangelogRouter.get('/changelog/*', (c) => {
  const path = c.req.path;
  if (path.length > '/changelog/'.length && path.endsWith('/') && !path.endsWith('//')) {
    const query = new URL(c.req.url).search;
    return c.redirect(`${path.slice(0, -1)}${query}`, 301);
  }
  return notFoundPage(c);
});
