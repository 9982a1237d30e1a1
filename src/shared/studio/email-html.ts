// The email body's HTML: built by Herald from escaped text, and checked before it is stored so that
// HTML from a model (or a user's edit) can never carry script into a subscriber's inbox.

const htmlEscapes: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => htmlEscapes[char]);
}

/** Paragraphs (blank-line separated) of escaped text; single line breaks become <br>. */
export function textToEmailHtml(text: string): string {
  return text
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .filter(Boolean)
    .map(
      (paragraph) =>
        `<p>${paragraph
          .split(/\s*\n\s*/)
          .map(escapeHtml)
          .join('<br>')}</p>`,
    )
    .join('\n');
}

// Elements that run code, load other documents or restyle/submit the reader's mail client.
const blockedElements =
  /<\s*\/?\s*(script|style|iframe|frame|frameset|object|embed|applet|form|input|button|textarea|select|link|meta|base|svg|math|template)\b/gi;
// A tag, with quoted attribute values that may themselves contain `>`.
const tagPattern = /<([a-zA-Z][\w:-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/g;
const attributePattern = /([^\s"'=<>/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
// An event handler attribute in something that opened like a tag, even an unterminated one.
const looseHandler = /<[a-zA-Z][^<>]*[\s"'/]on[a-z]+\s*=/i;
const dangerousScheme = /^(javascript|vbscript|livescript):|^data:text\/html/i;

/** What makes this HTML unsafe to send, one sentence each; empty when it is safe. */
export function htmlSafetyProblems(html: string): string[] {
  const problems = new Set<string>();
  for (const match of html.matchAll(blockedElements)) {
    problems.add(`the <${match[1].toLowerCase()}> element is not allowed`);
  }
  for (const tag of html.matchAll(tagPattern)) {
    for (const attribute of tag[2].matchAll(attributePattern)) {
      const name = attribute[1].toLowerCase();
      const value = attribute[2] ?? attribute[3] ?? attribute[4] ?? '';
      if (name.startsWith('on')) problems.add(`event handler attributes (${name}=) are not allowed`);
      if (dangerousScheme.test(urlScheme(value))) {
        problems.add(
          `a ${name}= link with a script URL (javascript:, vbscript:, data:text/html) is not allowed`,
        );
      }
    }
  }
  if (problems.size === 0 && looseHandler.test(html))
    problems.add('event handler attributes (on…=) are not allowed');
  return [...problems];
}

// Browsers decode entities in attribute values and ignore control characters and whitespace in a
// URL's scheme, so `jav&#x61;script:` and `java\tscript:` are both javascript: URLs.
function urlScheme(value: string): string {
  const decoded = value
    .replace(/&#x([0-9a-f]+);?/gi, (_, hex: string) => safeFromCodePoint(Number.parseInt(hex, 16)))
    .replace(/&#(\d+);?/g, (_, dec: string) => safeFromCodePoint(Number.parseInt(dec, 10)))
    .replace(/&colon;/gi, ':')
    .replace(/&tab;|&newline;/gi, '');
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is stripped
  return decoded.replace(/[\u0000-\u0020\u007f-\u009f]/g, '');
}

function safeFromCodePoint(code: number): string {
  return Number.isFinite(code) && code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
}
