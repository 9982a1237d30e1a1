import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, json } from '../../../../test/harness.ts';
import {
  attr,
  dangerousMarkup,
  elements,
  parseDocument,
  textContent,
} from '../../../../test/html-inspect.ts';
import { changelogOwner, insertEntry, insertRepository } from '../../../../test/public-changelog-fixtures.ts';

// Pull request titles and bodies are written by anyone who can open a PR. Each payload goes into an
// entry's title and body; every public surface is then read the way a browser or feed reader reads
// it (parse5, an XML parser) and must hold no script, no event handler and no script URL.

const payloads = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<svg onload=alert(1)><circle/></svg>',
  '<iframe src="javascript:alert(1)"></iframe>',
  '<a href="javascript:alert(1)">raw link</a>',
  '<div style="background:url(javascript:alert(1))">styled</div>',
  '<p style="width: expression(alert(1))">ie</p>',
  '<details open ontoggle=alert(1)>x</details>',
  '<object data="javascript:alert(1)"></object><embed src="javascript:alert(1)">',
  '<base href="javascript:alert(1)//"><meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<form action="javascript:alert(1)"><button>go</button></form>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '[plain](javascript:alert(1))',
  '[upper](JaVaScRiPt:alert(1))',
  '[decimal entity](&#106;avascript:alert(1))',
  '[hex entities](&#x6A;avascript&#x3A;alert(1))',
  '[tab entity](java&#x09;script:alert(1))',
  '[newline entity](jav&#x0A;ascript:alert(1))',
  '[control](\u0001javascript:alert(1))',
  '[percent](%6Aavascript:alert(1))',
  '[angle](<javascript:alert(1)>)',
  '<javascript:alert(1)>',
  '[vb](vbscript:msgbox(1))',
  '[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '![img](javascript:alert(1))',
  '![svg](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)',
  '![mail](mailto:a@example.com)',
  '![quote](https://example.com/x.png"onerror="alert(1))',
  '[title](https://example.com "t\\" onmouseover=\\"alert(1)")',
  '[ref][x]\n\n[x]: javascript:alert(1)',
  '"><script>alert(1)</script>',
  "' onmouseover='alert(1)' x='",
  '</title><script>alert(1)</script>',
  ']]><script>alert(1)</script><![CDATA[',
  '```"><script>alert(1)</script>\ncode\n```',
  '<!--><script>alert(1)</script>-->',
];

const t = await createTestApp({ workers: false });
afterAll(() => t.close());

interface Seeded {
  workspaceSlug: string;
  widgetId: string;
  titles: string[];
  slugs: string[];
}
const seeded: Seeded[] = [];

// The widget lists 10 entries, so payloads go to workspaces in groups of 10: every payload reaches
// every surface.
beforeAll(async () => {
  for (let start = 0; start < payloads.length; start += 10) {
    const owner = await changelogOwner(t, 'xss');
    const repo = await insertRepository(t, owner.workspaceId, 'acme/widgets');
    const group = payloads.slice(start, start + 10);
    const slugs: string[] = [];
    for (const [i, payload] of group.entries()) {
      const slug = `xss-${start + i}`;
      slugs.push(slug);
      await insertEntry(t, owner.workspaceId, {
        title: payload,
        body: `${payload}\n\nSecond paragraph: ${payload}\n\n- item ${payload}`,
        slug,
        repositoryId: repo.id,
        publishedAt: new Date(Date.now() - (i + 1) * 1000),
      });
    }
    const widget = await json<{ widget: { id: string } }>(
      await t.call('GET', `/api/v1/workspaces/${owner.workspaceId}/widget`, { cookie: owner.cookie }),
    );
    seeded.push({ workspaceSlug: owner.workspaceSlug, widgetId: widget.widget.id, titles: group, slugs });
  }
});

const isHttpUrl = (url: string) => /^https?:\/\//.test(url);

describe('XSS payloads in titles and bodies', () => {
  it('has at least 20 payloads', () => {
    expect(payloads.length).toBeGreaterThanOrEqual(20);
  });

  it('leave nothing dangerous on the HTML pages, and show titles as text', async () => {
    for (const group of seeded) {
      const base = `/changelog/${group.workspaceSlug}`;
      for (const path of [base, `${base}/repos/widgets`]) {
        const html = await (await t.call('GET', path)).text();
        expect(dangerousMarkup(html, true), path).toEqual([]);
        const headings = elements(parseDocument(html)).filter((e) => e.tagName === 'h2');
        expect(headings.map((h) => textContent(h))).toEqual(group.titles);
      }
      for (const [i, slug] of group.slugs.entries()) {
        const response = await t.call('GET', `${base}/entries/${slug}`);
        expect(response.status).toBe(200);
        const html = await response.text();
        expect(dangerousMarkup(html, true), slug).toEqual([]);
        const all = elements(parseDocument(html));
        expect(textContent(all.find((e) => e.tagName === 'h1') as never)).toBe(group.titles[i]);
        const title = all.find((e) => e.tagName === 'title');
        expect(textContent(title as never)).toContain(group.titles[i]);
        for (const meta of all.filter((e) => e.tagName === 'meta')) {
          expect(attr(meta, 'http-equiv')).toBeUndefined();
        }
      }
    }
  });

  it('leave the feeds well-formed, with only safe HTML in their content', async () => {
    const parser = new XMLParser({ ignoreAttributes: false, processEntities: true, htmlEntities: false });
    for (const group of seeded) {
      for (const kind of ['rss', 'atom']) {
        const xml = await (await t.call('GET', `/changelog/${group.workspaceSlug}/feed.${kind}`)).text();
        expect(XMLValidator.validate(xml), kind).toBe(true);
        const parsed = parser.parse(xml);
        const items: Array<Record<string, unknown>> =
          kind === 'rss' ? [parsed.rss.channel.item].flat() : [parsed.feed.entry].flat();
        expect(items).toHaveLength(group.titles.length);
        for (const item of items) {
          // Only the elements a feed has: a payload never became an XML element of its own.
          const allowed =
            kind === 'rss'
              ? ['title', 'link', 'guid', 'pubDate', 'category', 'description']
              : ['title', 'id', 'link', 'published', 'updated', 'category', 'summary', 'content'];
          expect(
            Object.keys(item).every((key) => allowed.includes(key)),
            JSON.stringify(Object.keys(item)),
          ).toBe(true);
          const content =
            kind === 'rss' ? item.description : (item.content as Record<string, string>)['#text'];
          expect(typeof content).toBe('string');
          expect(dangerousMarkup(content as string), String(content)).toEqual([]);
        }
        const titles = items.map((item) =>
          kind === 'rss' ? String(item.title) : String((item.title as Record<string, string>)['#text']),
        );
        // Control characters are dropped from feeds (XML cannot carry them); the rest is intact.
        const expected = group.titles.map((title) => title.replaceAll('\u0001', ''));
        expect(titles.map((title) => title.trim())).toEqual(expected.map((title) => title.trim()));
      }
    }
  });

  it('leave the JSON API and the widget data with only safe HTML and http(s) URLs', async () => {
    for (const group of seeded) {
      const api = await json<{
        entries: Array<{ title: string; url: string; bodyHtml: string; summaryHtml: string }>;
      }>(await t.call('GET', `/api/public/changelog/${group.workspaceSlug}/entries?limit=100`));
      const widget = await json<{
        changelogUrl: string;
        entries: Array<{ title: string; url: string; summaryHtml: string }>;
      }>(await t.call('GET', `/api/public/widget/${group.widgetId}`));
      expect(isHttpUrl(widget.changelogUrl)).toBe(true);
      for (const [list, fields] of [
        [api.entries, ['bodyHtml', 'summaryHtml']],
        [widget.entries, ['summaryHtml']],
      ] as const) {
        // Titles are plain text for textContent; they come back exactly as written.
        expect(list.map((e) => e.title)).toEqual(group.titles);
        for (const entry of list) {
          expect(isHttpUrl(entry.url)).toBe(true);
          for (const field of fields) {
            const value = (entry as Record<string, string>)[field] as string;
            expect(dangerousMarkup(value), `${field}: ${value}`).toEqual([]);
          }
        }
      }
    }
  });
});
