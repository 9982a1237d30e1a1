// The one Markdown renderer of every public surface (pages, feeds, JSON API, widget). Entry bodies
// come from pull requests anyone can open, so the output must never carry script: raw HTML is off
// (markdown-it prints it as text), and every link and image URL must parse as an absolute URL with an
// allowed scheme. The WHATWG URL parser is the judge because it is what the browser runs: it strips
// tabs, newlines and leading control characters and lower-cases the scheme, so `JaVa\tScRiPt:` and
// entity-encoded forms (markdown-it decodes entities first) are all seen as `javascript:`.
import MarkdownIt from 'markdown-it';

const linkSchemes = new Set(['http:', 'https:', 'mailto:']);
const imageSchemes = new Set(['http:', 'https:']);
/** PR bodies are at most 65,536 characters on GitHub; anything longer is cut before parsing. */
const maxMarkdownChars = 100_000;

export function isSafeUrl(url: string, kind: 'link' | 'image' = 'link'): boolean {
  let parsed: URL;
  try {
    // No base: a relative or scheme-less URL is refused rather than resolved against some page.
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (kind === 'image' ? imageSchemes : linkSchemes).has(parsed.protocol);
}

/** A plain http(s) URL: where a link from outside (a PR's address) may point. */
export const isHttpUrl = (url: string) => isSafeUrl(url, 'image');

const md = new MarkdownIt({ html: false, linkify: true, typographer: false });
type Token = ReturnType<typeof md.parse>[number];
md.validateLink = (url) => isSafeUrl(url, 'link');

const defaultLinkOpen = md.renderer.rules.link_open;
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  // Links in PR text are the contributor's, not the workspace's: no ranking credit, no opener.
  tokens[idx]?.attrSet('rel', 'nofollow ugc noopener noreferrer');
  return defaultLinkOpen
    ? defaultLinkOpen(tokens, idx, options, env, self)
    : self.renderToken(tokens, idx, options);
};

const defaultImage = md.renderer.rules.image;
md.renderer.rules.image = (tokens, idx, options, env, self) => {
  const token = tokens[idx] as Token;
  // validateLink already let mailto: through (it is shared with links); images take http(s) only.
  if (!isSafeUrl(String(token.attrGet('src') ?? ''), 'image')) {
    return md.utils.escapeHtml(self.renderInlineAsText(token.children ?? [], options, env));
  }
  token.attrSet('loading', 'lazy');
  token.attrSet('referrerpolicy', 'no-referrer');
  return defaultImage
    ? defaultImage(tokens, idx, options, env, self)
    : self.renderToken(tokens, idx, options);
};

// PR templates are full of HTML comments; with raw HTML off they would show as text. Removing them
// cannot create markup: whatever is left is still printed as text.
function prepare(markdown: string): string {
  return markdown.slice(0, maxMarkdownChars).replace(/<!--[\s\S]*?(?:-->|$)/g, '');
}

/** Safe HTML for a Markdown body: no raw HTML, only http(s)/mailto links and http(s) images. */
export function renderMarkdownSafe(markdown: string): string {
  return md.render(prepare(markdown));
}

function textOf(tokens: Token[]): string {
  let text = '';
  for (const token of tokens) {
    if (token.type === 'text' || token.type === 'code_inline') text += token.content;
    else if (token.type === 'softbreak' || token.type === 'hardbreak') text += ' ';
    else if (token.children) text += textOf(token.children);
  }
  return text;
}

function shorten(text: string, maxChars: number): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length <= maxChars) return clean;
  const cut = clean.slice(0, maxChars - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > maxChars * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** Plain text of a Markdown body (page descriptions, feed summaries), at most `maxChars`. */
export function markdownToText(markdown: string, maxChars = 300): string {
  const tokens = md.parse(prepare(markdown), {});
  const blocks = tokens.filter((t) => t.type === 'inline').map((t) => textOf(t.children ?? []));
  return shorten(blocks.join(' '), maxChars);
}

/**
 * The first paragraph as safe HTML (widget cards): kept with its links and emphasis when short,
 * otherwise as shortened plain text. Empty when the body has no paragraph.
 */
export function renderSummarySafe(markdown: string, maxChars = 280): string {
  const tokens = md.parse(prepare(markdown), {});
  const open = tokens.findIndex((t) => t.type === 'paragraph_open');
  const inline = open >= 0 ? tokens[open + 1] : undefined;
  if (inline?.type !== 'inline') return '';
  const children = inline.children ?? [];
  if (textOf(children).length <= maxChars) {
    return `<p>${md.renderer.renderInline(children, md.options, {})}</p>`;
  }
  return `<p>${md.utils.escapeHtml(shorten(textOf(children), maxChars))}</p>`;
}
