import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, json, testOrigin } from '../../../../test/harness.ts';
import { attr, elements, parseDocument, textContent } from '../../../../test/html-inspect.ts';
import {
  type ChangelogOwner,
  changelogOwner,
  insertEntry,
  insertPullRequest,
  insertRepository,
  touchEntry,
} from '../../../../test/public-changelog-fixtures.ts';
import { createManualClock } from '../../platform/clock.ts';
import { versionCheckIntervalMs } from './public-cache.ts';
import { invalidatePublicChangelog } from './public-changelog.service.ts';

// The public changelog through HTTP: pages, feeds and JSON, only published entries, caching headers.

// The clock only moves when a test moves it: looked-up versions are trusted for a while on it.
const clock = createManualClock(new Date());
const t = await createTestApp({ workers: false, clock });
afterAll(() => t.close());

const day = 86_400_000;
const ago = (days: number) => new Date(clock.now().getTime() - days * day);
let owner: ChangelogOwner;
let repoEntrySlug: string;

interface PublicList {
  workspace: { name: string; slug: string; url: string; feeds: { rss: string; atom: string } };
  repository: { slug: string } | null;
  entries: Array<{ slug: string; title: string; url: string; bodyHtml: string; pullRequests: unknown[] }>;
  nextCursor: string | null;
}

beforeAll(async () => {
  owner = await changelogOwner(t);
  const repo = await insertRepository(t, owner.workspaceId, 'acme/Rocket');
  for (let i = 1; i <= 5; i++) {
    await insertEntry(t, owner.workspaceId, {
      title: `Published ${i}`,
      body: `Body **${i}**`,
      slug: `published-${i}`,
      publishedAt: ago(10 - i),
      category: i % 2 ? 'New' : 'Fixed',
    });
  }
  const fromRepo = await insertEntry(t, owner.workspaceId, {
    title: 'Rocket goes faster',
    body: 'Launch time halved.\n\nSecond paragraph.',
    slug: 'rocket-faster-42',
    repositoryId: repo.id,
    publishedAt: ago(0.5),
    category: 'Improved',
  });
  repoEntrySlug = fromRepo.slug;
  await insertPullRequest(t, fromRepo, { number: 42, authorLogin: 'octocat' });
  await insertEntry(t, owner.workspaceId, { title: 'Secret draft', slug: 'secret-draft', status: 'draft' });
  await insertEntry(t, owner.workspaceId, {
    title: 'Scheduled later',
    slug: 'scheduled-later',
    status: 'scheduled',
    publishedAt: null,
  });
  // Published status but a future time: not shown until then.
  await insertEntry(t, owner.workspaceId, {
    title: 'Future one',
    slug: 'future-one',
    publishedAt: new Date(clock.now().getTime() + day),
  });
});

const base = () => `/changelog/${owner.workspaceSlug}`;

describe('HTML pages', () => {
  it('lists only published entries, newest first, with SEO and feed links, no script', async () => {
    const response = await t.call('GET', base());
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(response.headers.get('cache-control')).toMatch(/public, max-age=\d+, stale-while-revalidate=\d+/);
    expect(response.headers.get('etag')).toMatch(/^"[^"]+"$/);
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await response.text();
    const doc = parseDocument(html);
    const all = elements(doc);
    const titles = all.filter((e) => e.tagName === 'h2').map((e) => textContent(e));
    expect(titles).toEqual([
      'Rocket goes faster',
      'Published 5',
      'Published 4',
      'Published 3',
      'Published 2',
      'Published 1',
    ]);
    expect(html).not.toContain('Secret draft');
    expect(html).not.toContain('Scheduled later');
    expect(html).not.toContain('Future one');
    const meta = (key: string) =>
      all.find((e) => e.tagName === 'meta' && (attr(e, 'property') === key || attr(e, 'name') === key));
    const canonical = all.find((e) => e.tagName === 'link' && attr(e, 'rel') === 'canonical');
    expect(attr(canonical as never, 'href')).toBe(`${testOrigin}${base()}`);
    expect(attr(meta('og:url') as never, 'content')).toBe(`${testOrigin}${base()}`);
    expect(attr(meta('og:title') as never, 'content')).toContain('changelog');
    expect(meta('description')).toBeDefined();
    expect(meta('twitter:card')).toBeDefined();
    const alternates = all.filter((e) => e.tagName === 'link' && attr(e, 'rel') === 'alternate');
    expect(alternates.map((e) => attr(e, 'href'))).toEqual([
      `${testOrigin}${base()}/feed.rss`,
      `${testOrigin}${base()}/feed.atom`,
    ]);
    expect(all.some((e) => e.tagName === 'script')).toBe(false);
    expect(html).toContain('<strong>5</strong>');
  });

  it('has a page per entry with its own canonical URL and pull request links', async () => {
    const response = await t.call('GET', `${base()}/entries/${repoEntrySlug}`);
    expect(response.status).toBe(200);
    const all = elements(parseDocument(await response.text()));
    expect(textContent(all.find((e) => e.tagName === 'h1') as never)).toBe('Rocket goes faster');
    const canonical = all.find((e) => e.tagName === 'link' && attr(e, 'rel') === 'canonical');
    expect(attr(canonical as never, 'href')).toBe(`${testOrigin}${base()}/entries/${repoEntrySlug}`);
    const ogType = all.find((e) => e.tagName === 'meta' && attr(e, 'property') === 'og:type');
    expect(attr(ogType as never, 'content')).toBe('article');
    const description = all.find((e) => e.tagName === 'meta' && attr(e, 'name') === 'description');
    expect(attr(description as never, 'content')).toContain('Launch time halved.');
    const prLink = all.find(
      (e) => e.tagName === 'a' && attr(e, 'href') === 'https://github.com/acme/app/pull/42',
    );
    expect(textContent(prLink as never)).toBe('#42 by @octocat');
  });

  it('has a page per repository with only its entries', async () => {
    const response = await t.call('GET', `${base()}/repos/rocket`);
    expect(response.status).toBe(200);
    const all = elements(parseDocument(await response.text()));
    expect(all.filter((e) => e.tagName === 'h2').map((e) => textContent(e))).toEqual(['Rocket goes faster']);
    expect(textContent(all.find((e) => e.tagName === 'h1') as never)).toBe('acme/Rocket changelog');
  });

  it('answers unknown workspaces, entries and repositories, drafts and future entries with a 404 page', async () => {
    for (const path of [
      '/changelog/no-such-workspace',
      `${base()}/entries/nope`,
      `${base()}/entries/secret-draft`,
      `${base()}/entries/scheduled-later`,
      `${base()}/entries/future-one`,
      `${base()}/repos/nope`,
      `${base()}/repos/nope/feed.rss`,
      '/changelog/no-such-workspace/feed.atom',
      `${base()}/whatever/else`,
      `${base()}?cursor=not-a-cursor`,
      `/changelog/${'x'.repeat(300)}`,
      `${base()}/entries/a%00b`,
    ]) {
      const response = await t.call('GET', path);
      expect(response.status, path).toBe(404);
      expect(response.headers.get('content-type'), path).toContain('text/html');
      expect(await response.text(), path).toContain('Not found');
    }
  });

  it('sends a path with a trailing slash to the page without it', async () => {
    const response = await t.call('GET', `${base()}/entries/${repoEntrySlug}/`);
    expect(response.status).toBe(301);
    expect(response.headers.get('location')).toBe(`${base()}/entries/${repoEntrySlug}`);
    expect((await t.call('GET', `${base()}/?cursor=x`)).headers.get('location')).toBe(`${base()}?cursor=x`);
  });

  it('answers 304 with no body when If-None-Match matches, and a new ETag after an edit', async () => {
    const first = await t.call('GET', base());
    const etag = first.headers.get('etag') as string;
    const again = await t.call('GET', base(), { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(again.headers.get('etag')).toBe(etag);
    expect(again.headers.get('cache-control')).toContain('public');
    expect(await again.text()).toBe('');
    const weak = await t.call('GET', base(), { headers: { 'if-none-match': `"other", W/${etag}` } });
    expect(weak.status).toBe(304);

    const entry = await insertEntry(t, owner.workspaceId, {
      title: 'Edited later',
      slug: 'edited-later',
      status: 'draft',
    });
    // A change from another process (a worker, another server) shows once the version is read again.
    await touchEntry(t, entry.id, {
      status: 'published',
      publishedAt: new Date(clock.now().getTime() - 1000),
    });
    clock.advance(versionCheckIntervalMs);
    const changed = await t.call('GET', base(), { headers: { 'if-none-match': etag } });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
    expect(await changed.text()).toContain('Edited later');
    // One made here and announced through invalidatePublicChangelog shows at once.
    await touchEntry(t, entry.id, { status: 'draft', publishedAt: null });
    invalidatePublicChangelog(t.deps, owner.workspaceId);
    expect(await (await t.call('GET', base())).text()).not.toContain('Edited later');
    expect(await (await t.call('GET', `${base()}/entries/edited-later`)).status).toBe(404);
  });
});

describe('feeds', () => {
  const parser = new XMLParser({ ignoreAttributes: false });

  it('serves RSS 2.0 that parses as XML with the entries as escaped HTML', async () => {
    const response = await t.call('GET', `${base()}/feed.rss`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/rss+xml');
    expect(response.headers.get('etag')).toBeTruthy();
    const xml = await response.text();
    expect(XMLValidator.validate(xml)).toBe(true);
    const rss = parser.parse(xml).rss;
    expect(rss['@_version']).toBe('2.0');
    const items = rss.channel.item as Array<Record<string, string>>;
    expect(items.map((i) => i.title)).toContain('Rocket goes faster');
    expect(items.map((i) => i.title)).not.toContain('Secret draft');
    const rocket = items.find((i) => i.title === 'Rocket goes faster') as Record<string, string>;
    expect(rocket.link).toBe(`${testOrigin}${base()}/entries/${repoEntrySlug}`);
    expect(rocket.description).toContain('<p>Launch time halved.</p>');
    const etag = response.headers.get('etag') as string;
    expect((await t.call('GET', `${base()}/feed.rss`, { headers: { 'if-none-match': etag } })).status).toBe(
      304,
    );
  });

  it('serves Atom that parses as XML, per workspace and per repository', async () => {
    for (const path of [`${base()}/feed.atom`, `${base()}/repos/rocket/feed.atom`]) {
      const response = await t.call('GET', path);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-type')).toContain('application/atom+xml');
      const xml = await response.text();
      expect(XMLValidator.validate(xml)).toBe(true);
      const feed = parser.parse(xml).feed;
      expect(feed['@_xmlns']).toBe('http://www.w3.org/2005/Atom');
      const entries = [feed.entry].flat() as Array<Record<string, unknown>>;
      expect(entries.length).toBeGreaterThan(0);
    }
    const repoFeed = await (await t.call('GET', `${base()}/repos/rocket/feed.rss`)).text();
    expect(XMLValidator.validate(repoFeed)).toBe(true);
    expect(repoFeed).toContain('Rocket goes faster');
    expect(repoFeed).not.toContain('Published 1');
  });
});

describe('JSON API', () => {
  const api = () => `/api/public/changelog/${owner.workspaceSlug}/entries`;

  it('pages through published entries with a cursor', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `?limit=2&cursor=${encodeURIComponent(cursor)}` : '?limit=2';
      const response = await t.call('GET', `${api()}${query}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('access-control-allow-origin')).toBe('*');
      const page = await json<PublicList>(response);
      expect(page.entries.length).toBeLessThanOrEqual(2);
      seen.push(...page.entries.map((e) => e.slug));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([
      'rocket-faster-42',
      'published-5',
      'published-4',
      'published-3',
      'published-2',
      'published-1',
    ]);
  });

  it('narrows to a repository, answers one entry, and 404s what is not public', async () => {
    const repo = await json<PublicList>(await t.call('GET', `${api()}?repo=rocket`));
    expect(repo.repository?.slug).toBe('rocket');
    expect(repo.entries.map((e) => e.slug)).toEqual(['rocket-faster-42']);
    expect(repo.entries[0]?.pullRequests).toEqual([
      { number: 42, url: 'https://github.com/acme/app/pull/42', authorLogin: 'octocat' },
    ]);
    const one = await t.call('GET', `${api()}/rocket-faster-42`);
    expect(one.status).toBe(200);
    const body = await json<{ entry: { title: string; bodyHtml: string; url: string } }>(one);
    expect(body.entry.title).toBe('Rocket goes faster');
    expect(body.entry.url).toBe(`${testOrigin}${base()}/entries/rocket-faster-42`);
    for (const path of [
      `${api()}/secret-draft`,
      `${api()}/future-one`,
      `${api()}?repo=nope`,
      '/api/public/changelog/nope/entries',
    ]) {
      const response = await t.call('GET', path);
      expect(response.status, path).toBe(404);
      expect((await json<{ error: { code: string } }>(response)).error.code).toBe('not_found');
    }
    const bad = await t.call('GET', `${api()}?cursor=garbage`);
    expect(bad.status).toBe(422);
    expect((await t.call('GET', `${api()}?limit=0`)).status).toBe(422);
  });

  it('answers 304 to a matching If-None-Match', async () => {
    const first = await t.call('GET', api());
    const etag = first.headers.get('etag') as string;
    expect(first.headers.get('cache-control')).toContain('stale-while-revalidate');
    const again = await t.call('GET', api(), { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
  });
});
