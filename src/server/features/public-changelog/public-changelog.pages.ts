// Server-rendered public pages: no script at all, one small inline stylesheet (light and dark),
// SEO and OpenGraph/Twitter tags. hono/html escapes every interpolated value; the only raw HTML is
// what renderMarkdownSafe produced.
import { html, raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import type { PublicEntry, PublicRepository, PublicWorkspace } from './public-changelog.service.ts';

type Html = HtmlEscapedString;

/** hono/html is synchronous unless a value is a Promise, which these pages never pass. */
function h(strings: TemplateStringsArray, ...values: unknown[]): Html {
  const out = html(strings, ...values);
  if (out instanceof Promise) throw new Error('public pages render synchronously');
  return out;
}

const styles = `:root{color-scheme:light dark;--bg:#fff;--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--accent:#4f46e5;--chip:#f1f3f5}
@media (prefers-color-scheme:dark){:root{--bg:#0d1117;--fg:#e6edf3;--muted:#9198a1;--line:#30363d;--accent:#8b8cf8;--chip:#21262d}}
*{box-sizing:border-box}body{margin:0;background:var(--bg);color:var(--fg);font:16px/1.6 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
main,header,footer{max-width:46rem;margin:0 auto;padding:0 1rem}header{padding-top:2.5rem}footer{padding:2rem 1rem;color:var(--muted);font-size:.875rem}
h1{font-size:1.9rem;line-height:1.2;margin:.2rem 0}h2{font-size:1.35rem;margin:0 0 .3rem}a{color:var(--accent)}
.sub{color:var(--muted);margin:.2rem 0 0}.feeds a{margin-right:.8rem}article{border-top:1px solid var(--line);padding:1.6rem 0}
.meta{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center;color:var(--muted);font-size:.875rem;margin-bottom:.4rem}
.chip{border-radius:999px;padding:.05rem .6rem;background:var(--chip);font-weight:600;font-size:.78rem}
.c-New{color:#1a7f37}.c-Fixed{color:#cf222e}.c-Improved{color:#0969da}.c-Other{color:var(--muted)}
@media (prefers-color-scheme:dark){.c-New{color:#3fb950}.c-Fixed{color:#f85149}.c-Improved{color:#58a6ff}}
.body img{max-width:100%;height:auto}.body pre{overflow-x:auto;background:var(--chip);padding:.8rem;border-radius:6px}
.body code{font-size:.9em}.prs{font-size:.875rem;color:var(--muted)}.prs a{margin-right:.6rem}
.subscribe{display:flex;flex-wrap:wrap;gap:.4rem;margin:1rem 0 0;align-items:center}.subscribe input,.subscribe select,.subscribe button{font:inherit;padding:.3rem .5rem;border:1px solid var(--line);border-radius:6px;background:var(--bg);color:var(--fg)}
.subscribe button{background:var(--accent);color:#fff;border-color:var(--accent)}
h2 a{color:inherit;text-decoration:none}h2 a:hover{text-decoration:underline}.more{display:inline-block;margin:1.5rem 0}
.upvote{display:flex;gap:.5rem;align-items:center;margin-top:.6rem;font-size:.875rem;color:var(--muted)}.upvote button{font:inherit;font-weight:600;padding:.15rem .7rem;border:1px solid var(--line);border-radius:999px;background:var(--chip);color:var(--fg);cursor:pointer}
@media (max-width:30rem){h1{font-size:1.5rem}header{padding-top:1.5rem}}`;

const categoryClass: Record<string, string> = {
  New: 'c-New',
  Fixed: 'c-Fixed',
  Improved: 'c-Improved',
  Other: 'c-Other',
};

interface PageMeta {
  title: string;
  description: string;
  canonical: string;
  siteName: string;
  ogType: 'website' | 'article';
  feeds?: { rss: string; atom: string };
  publishedAt?: Date;
  /** The "Powered by Herald" link, or null under white_label. */
  poweredBy: string | null;
}

function layout(meta: PageMeta, content: Html): string {
  return h`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${meta.title}</title><meta name="description" content="${meta.description}">
<link rel="canonical" href="${meta.canonical}"><meta name="color-scheme" content="light dark">
<meta property="og:type" content="${meta.ogType}"><meta property="og:title" content="${meta.title}">
<meta property="og:description" content="${meta.description}"><meta property="og:url" content="${meta.canonical}">
<meta property="og:site_name" content="${meta.siteName}">${meta.publishedAt ? h`<meta property="article:published_time" content="${meta.publishedAt.toISOString()}">` : ''}
<meta name="twitter:card" content="summary"><meta name="twitter:title" content="${meta.title}"><meta name="twitter:description" content="${meta.description}">
${meta.feeds ? h`<link rel="alternate" type="application/rss+xml" title="${meta.siteName} (RSS)" href="${meta.feeds.rss}"><link rel="alternate" type="application/atom+xml" title="${meta.siteName} (Atom)" href="${meta.feeds.atom}">` : ''}
<style>${raw(styles)}</style></head>
<body>${content}${meta.poweredBy ? h`<footer>Powered by <a href="${meta.poweredBy}">Herald</a></footer>` : ''}</body></html>`.toString();
}

const poweredByOf = (workspace: PublicWorkspace) => (workspace.whiteLabel ? null : workspace.homeUrl);

const dateFormat = new Intl.DateTimeFormat('en', { dateStyle: 'long', timeZone: 'UTC' });

function entryMeta(entry: PublicEntry): Html {
  return h`<div class="meta"><span class="chip ${categoryClass[entry.category] ?? 'c-Other'}">${entry.category}</span>${entry.major ? h`<span class="chip">Major</span>` : ''}<time datetime="${entry.publishedAt.toISOString()}">${dateFormat.format(entry.publishedAt)}</time>${entry.repository ? h`<a href="${entry.repository.url}">${entry.repository.fullName}</a>` : ''}</div>`;
}

function pullRequestLinks(entry: PublicEntry): Html | string {
  if (entry.pullRequests.length === 0) return '';
  const items = entry.pullRequests.map((pr) => {
    const label = pr.authorLogin ? `#${pr.number} by @${pr.authorLogin}` : `#${pr.number}`;
    return pr.url ? h`<a href="${pr.url}" rel="nofollow noopener">${label}</a>` : h`<span>${label}</span>`;
  });
  return h`<p class="prs">${items}</p>`;
}

// A plain form (no script): it posts to the subscribe endpoint, which answers with a "check your mail" page.
function subscribeForm(workspace: PublicWorkspace): Html {
  return h`<form class="subscribe" method="post" action="/api/public/changelog/${encodeURIComponent(workspace.slug)}/subscribe">
<label for="subscribe-email">Get updates by email</label><input id="subscribe-email" type="email" name="email" required maxlength="254" placeholder="you@example.com" autocomplete="email">
<select name="preference" aria-label="How often"><option value="all">Every update</option><option value="major">Major releases</option><option value="digest">Digest</option></select>
<button type="submit">Subscribe</button></form>`;
}

// Upvotes (features/upvotes): a plain form posting to the entry's vote route, which comes back here.
function upvoteForm(entry: PublicEntry, votes: number | undefined): Html | string {
  if (votes === undefined) return '';
  return h`<form class="upvote" method="post" action="${entry.url}/upvote"><button type="submit">▲ Upvote</button><span><span class="votes" data-votes="${votes}">${votes}</span> vote${votes === 1 ? '' : 's'}</span></form>`;
}

function entryArticle(entry: PublicEntry, votes?: Map<string, number>): Html {
  return h`<article id="${entry.slug}">${entryMeta(entry)}<h2><a href="${entry.url}">${entry.title}</a></h2>
<div class="body">${raw(entry.bodyHtml)}</div>${pullRequestLinks(entry)}${upvoteForm(entry, votes ? (votes.get(entry.id) ?? 0) : undefined)}</article>`;
}

export function renderChangelogPage(input: {
  workspace: PublicWorkspace;
  repository?: PublicRepository;
  entries: PublicEntry[];
  olderUrl: string | null;
  feeds: { rss: string; atom: string };
  /** Upvotes per entry id (each entry gets a vote form). */
  votes?: Map<string, number>;
}): string {
  const { workspace, repository } = input;
  const heading = repository ? `${repository.fullName} changelog` : `${workspace.name} changelog`;
  const description = repository
    ? `What changed in ${repository.fullName}, from ${workspace.name}.`
    : `New features, fixes and improvements from ${workspace.name}.`;
  const content = h`<header><h1>${heading}</h1><p class="sub">${description}</p>
<p class="sub feeds"><a href="${input.feeds.rss}">RSS</a><a href="${input.feeds.atom}">Atom</a>${repository ? h`<a href="${workspace.url}">All of ${workspace.name}</a>` : ''}</p>${subscribeForm(workspace)}</header>
<main>${input.entries.length === 0 ? h`<p class="sub">Nothing published yet.</p>` : input.entries.map((entry) => entryArticle(entry, input.votes))}
${input.olderUrl ? h`<a class="more" href="${input.olderUrl}">Older entries</a>` : ''}</main>`;
  return layout(
    {
      title: heading,
      description,
      canonical: repository?.url ?? workspace.url,
      siteName: workspace.name,
      ogType: 'website',
      feeds: input.feeds,
      poweredBy: poweredByOf(workspace),
    },
    content,
  );
}

export function renderEntryPage(input: {
  workspace: PublicWorkspace;
  entry: PublicEntry;
  feeds: { rss: string; atom: string };
  votes?: number;
}): string {
  const { workspace, entry } = input;
  const content = h`<header><p class="sub"><a href="${workspace.url}">← ${workspace.name} changelog</a></p></header>
<main><article>${entryMeta(entry)}<h1>${entry.title}</h1><div class="body">${raw(entry.bodyHtml)}</div>${pullRequestLinks(entry)}${upvoteForm(entry, input.votes)}</article></main>`;
  return layout(
    {
      title: `${entry.title} · ${workspace.name} changelog`,
      description: entry.description || `${entry.category}: ${entry.title}`,
      canonical: entry.url,
      siteName: workspace.name,
      ogType: 'article',
      feeds: input.feeds,
      publishedAt: entry.publishedAt,
      poweredBy: poweredByOf(workspace),
    },
    content,
  );
}

export function renderNotFoundPage(homeUrl: string): string {
  return h`<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Not found</title><meta name="robots" content="noindex"><style>${raw(styles)}</style></head>
<body><header><h1>Not found</h1><p class="sub">There is no public changelog or entry at this address.</p>
<p><a href="${homeUrl}">Herald</a></p></header></body></html>`.toString();
}
