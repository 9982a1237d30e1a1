// RSS 2.0 and Atom 1.0. The rendered (already sanitized) HTML goes in as escaped text rather than
// CDATA, so a body holding `]]>` cannot end a section early. XML 1.0 forbids most control characters
// (a single one makes the whole feed unreadable), so they are dropped from every value.
import type { PublicEntry, PublicRepository, PublicWorkspace } from './public-changelog.service.ts';

const invalidXmlChars =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const xmlEntities: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

export function escapeXml(value: string): string {
  return value.replace(invalidXmlChars, '').replace(/[&<>"']/g, (char) => xmlEntities[char] ?? char);
}

export interface FeedInput {
  workspace: PublicWorkspace;
  repository?: PublicRepository;
  entries: PublicEntry[];
  selfUrl: string;
  /** Used as the feed's date when there is no entry yet. */
  now: Date;
}

function titleOf(input: FeedInput): string {
  return input.repository ? `${input.repository.fullName} changelog` : `${input.workspace.name} changelog`;
}

const lastChange = (entry: PublicEntry) =>
  new Date(Math.max(entry.updatedAt.getTime(), entry.publishedAt.getTime()));

function feedUpdated(input: FeedInput): Date {
  const times = input.entries.map((e) => lastChange(e).getTime());
  return times.length > 0 ? new Date(Math.max(...times)) : input.now;
}

export function renderRss(input: FeedInput): string {
  const link = input.repository?.url ?? input.workspace.url;
  const items = input.entries.map(
    (entry) => `<item>
<title>${escapeXml(entry.title)}</title>
<link>${escapeXml(entry.url)}</link>
<guid isPermaLink="true">${escapeXml(entry.url)}</guid>
<pubDate>${entry.publishedAt.toUTCString()}</pubDate>
<category>${escapeXml(entry.category)}</category>
<description>${escapeXml(entry.bodyHtml)}</description>
</item>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">
<channel>
<title>${escapeXml(titleOf(input))}</title>
<link>${escapeXml(link)}</link>
<description>${escapeXml(`New features, fixes and improvements from ${input.workspace.name}.`)}</description>
<atom:link href="${escapeXml(input.selfUrl)}" rel="self" type="application/rss+xml"/>
<lastBuildDate>${feedUpdated(input).toUTCString()}</lastBuildDate>
${items.join('\n')}
</channel>
</rss>
`;
}

export function renderAtom(input: FeedInput): string {
  const link = input.repository?.url ?? input.workspace.url;
  const entries = input.entries.map(
    (entry) => `<entry>
<title type="text">${escapeXml(entry.title)}</title>
<id>${escapeXml(entry.url)}</id>
<link rel="alternate" type="text/html" href="${escapeXml(entry.url)}"/>
<published>${entry.publishedAt.toISOString()}</published>
<updated>${lastChange(entry).toISOString()}</updated>
<category term="${escapeXml(entry.category)}"/>
<summary type="text">${escapeXml(entry.description)}</summary>
<content type="html">${escapeXml(entry.bodyHtml)}</content>
</entry>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
<title type="text">${escapeXml(titleOf(input))}</title>
<id>${escapeXml(link)}</id>
<link rel="alternate" type="text/html" href="${escapeXml(link)}"/>
<link rel="self" type="application/atom+xml" href="${escapeXml(input.selfUrl)}"/>
<updated>${feedUpdated(input).toISOString()}</updated>
<author><name>${escapeXml(input.workspace.name)}</name></author>
${entries.join('\n')}
</feed>
`;
}
