// Turns the source (plain text or Markdown) into the prose blocks the local engine may quote.
// Code (fenced, indented, inline), images, raw HTML and tables are dropped here, once, so no writer
// can ever paste code into a post. Headings become topic hints, list items key-point candidates,
// links stay as their URLs (http and https only). CommonMark decides what code is: fenced blocks
// (an unclosed fence runs to the end), blocks indented by four spaces or a tab, and `inline code`.
import MarkdownIt from 'markdown-it';

export type BlockKind = 'heading' | 'paragraph' | 'item';

export interface SourceBlock {
  kind: BlockKind;
  text: string;
  /** Heading level 1–6; 0 for other blocks. */
  level: number;
}

export interface SourceText {
  blocks: SourceBlock[];
  /** Distinct http(s) URLs in reading order. */
  links: string[];
  /** True when code was removed (the text may then have little prose left). */
  hadCode: boolean;
}

// Raw HTML is recognised (html: true) so that it can be dropped rather than quoted as text.
const markdown = new MarkdownIt('default', { html: true, linkify: false, typographer: false });
type Token = ReturnType<typeof markdown.parse>[number];
// Link and image parsing is quadratic on runs of unmatched brackets ("![![![…"): a text with that
// many brackets is read without them (tidy() still turns a literal [label](url) into its label).
const bracketHeavy = 2000;
const markdownWithoutLinks = new MarkdownIt('default', {
  html: true,
  linkify: false,
  typographer: false,
}).disable(['link', 'image']);

const urlPattern = /\bhttps?:\/\/[^\s<>"'`]+[^\s<>"'`.,;:!?)\]}»]/giu;
// Zero-width and control characters (tabs and newlines excepted) never belong in a post.
// Also U+FFFE/U+FFFF (X refuses them) and unpaired surrogates (no platform can encode them).
const invisible =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u200B-\u200D\u2060-\u2064\uFEFF\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Where inline code was removed. The sentence around it now has a hole ("Run … to start"), so the
 * analysis ranks it down and removes the mark before quoting it.
 */
export const codeGap = '\u2063';

export function isHttpUrl(href: string): boolean {
  return /^https?:\/\/[^\s]+$/iu.test(href);
}

/** Plain-text normalisation every source goes through (NFC so hashtags keep whole accented letters). */
export function normalizeSource(input: string): string {
  return input.replace(invisible, '').normalize('NFC').replace(/\r\n?/gu, '\n');
}

export function collapseSpaces(text: string): string {
  return text.replace(/\s+/gu, ' ').trim();
}

// What Markdown left as literal text but no reader wants: stray backticks (an unclosed code span),
// images it could not parse (dropped whole) and links it refused (`[label](javascript:…)`), which
// keep only their label.
function tidy(text: string): string {
  // Bounded, and a label never contains a bracket: linear even on "[[[[…]]]]".
  return collapseSpaces(
    text
      .replace(/!\[[^\][]{0,500}\](?:\([^()\s]{0,2000}\)?)?/gu, ' ')
      .replace(/\[([^\][]{0,500})\]\([^()\s]{0,2000}\)?/gu, '$1')
      .replace(/`+/gu, ' '),
  );
}

/** Without a YAML front-matter block (Markdown would read its `---` as a heading underline). */
function prepare(input: string): string {
  return normalizeSource(input).replace(/^---\n[\s\S]*?\n---\n/u, '');
}

interface InlineResult {
  text: string;
  links: string[];
  hadCode: boolean;
}

function readInline(children: Token[]): InlineResult {
  let text = '';
  const links: string[] = [];
  let hadCode = false;
  // Per open link: its href when kept, and where its text starts.
  const open: Array<{ href: string | null; start: number }> = [];
  // Inside <script>, <style>… inline: their content is not prose either.
  let hiddenBy: string | null = null;
  for (const child of children) {
    if (child.type === 'html_inline') {
      const tag = /^<(\/?)(script|style|textarea|template|iframe|noscript|svg|math)\b/iu.exec(child.content);
      if (tag?.[2]) hiddenBy = tag[1] ? null : tag[2].toLowerCase();
      continue;
    }
    if (hiddenBy) continue;
    switch (child.type) {
      case 'text':
        text += child.content;
        break;
      case 'softbreak':
      case 'hardbreak':
        text += ' ';
        break;
      case 'code_inline':
        hadCode = true;
        text += codeGap;
        break;
      case 'link_open': {
        const href = String(child.attrGet('href') ?? '');
        open.push({ href: isHttpUrl(href) ? href : null, start: text.length });
        break;
      }
      case 'link_close': {
        const link = open.pop();
        if (!link?.href) break;
        links.push(link.href);
        const label = text.slice(link.start).trim();
        if (label === '') text += link.href;
        else if (!label.includes(link.href)) text += ` (${link.href})`;
        break;
      }
      // image, html_inline and anything unknown carry nothing we may quote.
      default:
        break;
    }
  }
  return { text, links, hadCode };
}

export function readSource(input: string): SourceText {
  const text = prepare(input);
  let brackets = 0;
  for (let at = text.indexOf('['); at >= 0 && brackets <= bracketHeavy; at = text.indexOf('[', at + 1))
    brackets++;
  const tokens = (brackets > bracketHeavy ? markdownWithoutLinks : markdown).parse(text, {});
  const blocks: SourceBlock[] = [];
  const links: string[] = [];
  let hadCode = false;
  let listDepth = 0;
  let tableDepth = 0;
  let pending: { kind: BlockKind; level: number } | null = null;
  for (const token of tokens) {
    switch (token.type) {
      case 'bullet_list_open':
      case 'ordered_list_open':
        listDepth++;
        break;
      case 'bullet_list_close':
      case 'ordered_list_close':
        listDepth--;
        break;
      case 'table_open':
        tableDepth++;
        break;
      case 'table_close':
        tableDepth--;
        break;
      case 'heading_open':
        pending = { kind: 'heading', level: Number(token.tag.slice(1)) || 1 };
        break;
      case 'paragraph_open':
        pending = { kind: listDepth > 0 ? 'item' : 'paragraph', level: 0 };
        break;
      case 'fence':
      case 'code_block':
        hadCode = true;
        break;
      case 'inline': {
        if (tableDepth > 0 || !pending) break;
        const inline = readInline(token.children ?? []);
        hadCode ||= inline.hadCode;
        const text = tidy(inline.text);
        for (const url of [...inline.links, ...(text.match(urlPattern) ?? [])]) {
          if (!links.includes(url)) links.push(url);
        }
        if (/[\p{L}\p{N}]/u.test(text)) blocks.push({ kind: pending.kind, level: pending.level, text });
        pending = null;
        break;
      }
      default:
        break;
    }
  }
  return { blocks, links, hadCode };
}
