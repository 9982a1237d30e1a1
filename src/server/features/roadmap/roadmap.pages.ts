// The public roadmap page: server-rendered, no script; each item has a vote form (with an optional
// "tell me when it ships" address) that posts to this origin and comes back here.
import { html, raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import type { RoadmapStatus } from './roadmap.table.ts';

type Html = HtmlEscapedString;

function h(strings: TemplateStringsArray, ...values: unknown[]): Html {
  const out = html(strings, ...values);
  if (out instanceof Promise) throw new Error('public pages render synchronously');
  return out;
}

export interface PublicRoadmapItem {
  id: string;
  title: string;
  status: RoadmapStatus;
  url: string;
  votes: number;
  entryUrl: string | null;
}

const styles = `:root{color-scheme:light dark;--bg:#fff;--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--accent:#4f46e5;--card:#f6f8fa}
@media (prefers-color-scheme:dark){:root{--bg:#0d1117;--fg:#e6edf3;--muted:#9198a1;--line:#30363d;--accent:#8b8cf8;--card:#161b22}}
*{box-sizing:border-box}body{margin:0;background:var(--bg);color:var(--fg);font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
header,main,footer{max-width:72rem;margin:0 auto;padding:0 1rem}header{padding-top:2.5rem}footer{padding:2rem 1rem;color:var(--muted);font-size:.875rem}
h1{font-size:1.9rem;margin:.2rem 0}.sub{color:var(--muted);margin:.2rem 0 1.5rem}a{color:var(--accent)}
.cols{display:grid;grid-template-columns:repeat(auto-fit,minmax(18rem,1fr));gap:1rem}
section h2{font-size:1.05rem;margin:0 0 .6rem;display:flex;justify-content:space-between}section h2 span{color:var(--muted);font-weight:400}
.item{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:.8rem;margin-bottom:.7rem}
.item h3{font-size:1rem;margin:0 0 .4rem}.item h3 a{color:inherit;text-decoration:none}.votes{font-weight:700}
form{display:flex;flex-wrap:wrap;gap:.4rem;align-items:center;margin-top:.4rem}form label{display:flex;flex:1 1 100%}input[type=email]{flex:1;min-width:9rem;padding:.3rem .5rem;border:1px solid var(--line);border-radius:6px;background:var(--bg);color:var(--fg)}
button{padding:.3rem .8rem;border-radius:6px;border:1px solid var(--accent);background:var(--accent);color:#fff;font-weight:600;cursor:pointer}
.shipped{font-size:.875rem;color:var(--muted)}.empty{color:var(--muted);font-size:.9rem}`;

const columns: Array<{ status: RoadmapStatus; title: string }> = [
  { status: 'planned', title: 'Planned' },
  { status: 'in-progress', title: 'In progress' },
  { status: 'completed', title: 'Completed' },
];

function itemCard(item: PublicRoadmapItem, voteUrl: (id: string) => string): Html {
  const votes = h`<span class="votes" data-votes="${item.votes}">${item.votes}</span> vote${item.votes === 1 ? '' : 's'}`;
  return h`<article class="item" id="item-${item.id}"><h3>${item.url ? h`<a href="${item.url}" rel="nofollow noopener">${item.title}</a>` : item.title}</h3>
<div>${votes}</div>${item.entryUrl ? h`<p class="shipped">Shipped: <a href="${item.entryUrl}">read the changelog</a></p>` : ''}
<form method="post" action="${voteUrl(item.id)}"><label class="sr"><input type="email" name="email" maxlength="254" placeholder="Email: tell me when it ships (optional)" aria-label="Email to be told when it ships"></label><button type="submit">Upvote</button></form></article>`;
}

export function renderRoadmapPage(input: {
  workspace: { name: string; url: string };
  items: PublicRoadmapItem[];
  voteUrl: (itemId: string) => string;
  changelogUrl: string;
  poweredBy: string | null;
}): string {
  const title = `${input.workspace.name} roadmap`;
  const description = `What ${input.workspace.name} has planned, is building and has shipped. Vote for what you want next.`;
  const content = h`<header><h1>${title}</h1><p class="sub">${description} <a href="${input.changelogUrl}">Changelog</a></p></header>
<main class="cols">${columns.map((column) => {
    const items = input.items.filter((item) => item.status === column.status);
    return h`<section data-status="${column.status}"><h2>${column.title} <span>${items.length}</span></h2>${items.length === 0 ? h`<p class="empty">Nothing here yet.</p>` : items.map((item) => itemCard(item, input.voteUrl))}</section>`;
  })}</main>`;
  return h`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${title}</title><meta name="description" content="${description}"><link rel="canonical" href="${input.workspace.url}">
<meta property="og:type" content="website"><meta property="og:title" content="${title}"><meta property="og:description" content="${description}"><meta property="og:url" content="${input.workspace.url}">
<style>${raw(styles)}</style></head>
<body>${content}${input.poweredBy ? h`<footer>Powered by <a href="${input.poweredBy}">Herald</a></footer>` : ''}</body></html>`.toString();
}
