import { describe, expect, it } from 'vitest';
import { isSafeUrl, markdownToText, renderMarkdownSafe, renderSummarySafe } from './markdown.ts';

describe('isSafeUrl', () => {
  it.each([
    ['https://example.com/a?b=c', 'link', true],
    ['http://example.com', 'link', true],
    ['mailto:someone@example.com', 'link', true],
    ['mailto:someone@example.com', 'image', false],
    ['https://example.com/x.png', 'image', true],
    ['javascript:alert(1)', 'link', false],
    ['JaVaScRiPt:alert(1)', 'link', false],
    [' \u0001javascript:alert(1)', 'link', false],
    ['java\tscript:alert(1)', 'link', false],
    ['java\nscript:alert(1)', 'link', false],
    ['vbscript:msgbox(1)', 'link', false],
    ['data:text/html,<script>alert(1)</script>', 'link', false],
    ['data:image/png;base64,AAAA', 'image', false],
    ['//evil.example/x', 'link', false],
    ['/relative/path', 'link', false],
    ['ftp://example.com/file', 'link', false],
  ] as const)('%s as %s → %s', (url, kind, safe) => {
    expect(isSafeUrl(url, kind)).toBe(safe);
  });
});

describe('renderMarkdownSafe', () => {
  it('renders ordinary Markdown, links marked nofollow', () => {
    expect(renderMarkdownSafe('Hello **world**, see [docs](https://example.com/docs).')).toBe(
      '<p>Hello <strong>world</strong>, see <a href="https://example.com/docs" rel="nofollow ugc noopener noreferrer">docs</a>.</p>\n',
    );
    expect(renderMarkdownSafe('Visit https://example.com now')).toContain('<a href="https://example.com"');
    expect(renderMarkdownSafe('![logo](https://example.com/l.png)')).toContain(
      '<img src="https://example.com/l.png" alt="logo"',
    );
  });

  it('prints raw HTML as text and drops HTML comments of PR templates', () => {
    expect(renderMarkdownSafe('<script>alert(1)</script>')).toBe(
      '<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n',
    );
    expect(renderMarkdownSafe('<!-- Describe your change -->\nFixed the thing')).toBe(
      '<p>Fixed the thing</p>\n',
    );
  });

  it('keeps links and images with a refused URL as text', () => {
    expect(renderMarkdownSafe('[x](&#106;avascript:alert(1))')).not.toContain('<a');
    expect(renderMarkdownSafe('![x](mailto:a@example.com)')).toBe('<p>x</p>\n');
    expect(renderMarkdownSafe('<javascript:alert(1)>')).not.toContain('<a');
  });
});

describe('summaries and plain text', () => {
  const body = '## Summary\n\nAdds **dark mode** to [settings](https://example.com).\n\nDetails follow.';

  it('takes the first paragraph as safe HTML', () => {
    expect(renderSummarySafe(body)).toBe(
      '<p>Adds <strong>dark mode</strong> to <a href="https://example.com" rel="nofollow ugc noopener noreferrer">settings</a>.</p>',
    );
    expect(renderSummarySafe('# Only a heading')).toBe('');
  });

  it('shortens a long first paragraph to plain text at a word boundary', () => {
    const summary = renderSummarySafe(`${'word '.repeat(100)}end`, 50);
    expect(summary.startsWith('<p>word word')).toBe(true);
    expect(summary.endsWith('…</p>')).toBe(true);
    expect(summary.length).toBeLessThanOrEqual(60);
  });

  it('gives plain text for descriptions', () => {
    expect(markdownToText(body)).toBe('Summary Adds dark mode to settings. Details follow.');
    expect(markdownToText('<b>bold</b> & more')).toBe('<b>bold</b> & more');
  });
});
