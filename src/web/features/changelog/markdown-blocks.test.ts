import { describe, expect, it } from 'vitest';
import { type Inline, parseInline, parseMarkdown, safeHref } from './markdown-blocks';

function links(nodes: Inline[]): string[] {
  return nodes.flatMap((node) =>
    node.type === 'link'
      ? [node.href, ...links(node.children)]
      : node.type === 'strong' || node.type === 'em'
        ? links(node.children)
        : [],
  );
}

describe('the editor preview Markdown reader', () => {
  it('reads headings, lists, quotes, code fences, rules and paragraphs', () => {
    const blocks = parseMarkdown(
      '## What changed\n\n- one\n- two\n\n1. first\n2. second\n\n> quoted\n\n```\nconst a = 1;\n```\n\n---\nline one\nline two',
    );
    expect(blocks.map((block) => block.type)).toEqual([
      'heading',
      'list',
      'list',
      'quote',
      'code',
      'rule',
      'paragraph',
    ]);
    expect(blocks[0]).toMatchObject({
      type: 'heading',
      level: 2,
      children: [{ type: 'text', text: 'What changed' }],
    });
    expect(blocks[2]).toMatchObject({ type: 'list', ordered: true });
    expect(blocks[4]).toEqual({ type: 'code', text: 'const a = 1;' });
    expect(blocks[6]).toMatchObject({
      type: 'paragraph',
      lines: [[{ text: 'line one' }], [{ text: 'line two' }]],
    });
  });

  it('reads emphasis, inline code and links', () => {
    expect(parseInline('a **bold** and *it* with `x<y>` [docs](https://example.com/d)')).toEqual([
      { type: 'text', text: 'a ' },
      { type: 'strong', children: [{ type: 'text', text: 'bold' }] },
      { type: 'text', text: ' and ' },
      { type: 'em', children: [{ type: 'text', text: 'it' }] },
      { type: 'text', text: ' with ' },
      { type: 'code', text: 'x<y>' },
      { type: 'text', text: ' ' },
      { type: 'link', href: 'https://example.com/d', children: [{ type: 'text', text: 'docs' }] },
    ]);
  });

  it('keeps dangerous links and markup as plain text', () => {
    const payloads = [
      '[click](javascript:alert(1))',
      '[x](JaVaScRiPt:alert(1))',
      '[x](data:text/html;base64,PHNjcmlwdD4=)',
      '[x](vbscript:msgbox)',
      '[x](//evil.example/path)',
      '<img src=x onerror=alert(1)>',
      '<script>alert(1)</script>',
    ];
    for (const payload of payloads) {
      const nodes = parseInline(payload);
      expect(links(nodes)).toEqual([]);
      // Whatever was written comes back as text, to be escaped by React.
      expect(nodes.map((node) => (node.type === 'text' ? node.text : '')).join('')).toContain(
        payload.slice(0, 4),
      );
    }
    expect(safeHref(' https://example.com ')).toBe('https://example.com');
    expect(safeHref('mailto:a@example.com')).toBe('mailto:a@example.com');
    expect(safeHref('/changelog/acme')).toBe('/changelog/acme');
    expect(safeHref('javascript:alert(1)')).toBeNull();
  });
});
