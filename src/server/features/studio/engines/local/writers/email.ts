// Email: subject, preview text, and the body twice — HTML built here by escaping text into a fixed
// set of tags (p, h2, ul/li, strong, and a with an http(s) href only), and the plain-text version.
import type { PlatformLimits } from '../../../../../../shared/studio/platform-rules.ts';
import type { EmailOutput } from '../../../../../../shared/studio/studio-types.ts';
import { isHttpUrl } from '../markdown-text.ts';
import { brandLines } from '../phrases.ts';
import { bullets, type Level, type Plan } from '../plan.ts';
import { capitalize, clip } from '../text-utils.ts';

type Block =
  | { kind: 'p'; text: string; strong?: boolean }
  | { kind: 'h2'; text: string }
  | { kind: 'ul'; intro: string; items: string[] };

const escapes: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
const escapeHtml = (text: string) => text.replace(/[&<>"']/gu, (char) => escapes[char] as string);
const urlInText = /https?:\/\/[^\s<>"'`]+[^\s<>"'`.,;:!?)\]}»]/giu;

/** Escaped text with its http(s) URLs as links. */
function inline(text: string): string {
  let html = '';
  let at = 0;
  for (const match of text.matchAll(urlInText)) {
    const index = match.index ?? 0;
    html += escapeHtml(text.slice(at, index));
    html += isHttpUrl(match[0])
      ? `<a href="${escapeHtml(match[0])}">${escapeHtml(match[0])}</a>`
      : escapeHtml(match[0]);
    at = index + match[0].length;
  }
  return html + escapeHtml(text.slice(at));
}

function toHtml(block: Block): string {
  switch (block.kind) {
    case 'p':
      return block.strong ? `<p><strong>${inline(block.text)}</strong></p>` : `<p>${inline(block.text)}</p>`;
    case 'h2':
      return `<h2>${escapeHtml(block.text)}</h2>`;
    case 'ul':
      return `<p><strong>${escapeHtml(block.intro)}</strong></p>\n<ul>\n${block.items.map((item) => `<li>${inline(item)}</li>`).join('\n')}\n</ul>`;
  }
}

function toText(block: Block): string {
  switch (block.kind) {
    case 'p':
      return block.text;
    case 'h2':
      return block.text;
    case 'ul':
      return [block.intro, ...block.items.map((item) => (/^\d+\. /u.test(item) ? item : `- ${item}`))].join(
        '\n',
      );
  }
}

export function writeEmail(plan: Plan, level: Level, limits: PlatformLimits): EmailOutput {
  const { maxSubjectChars, maxPreviewChars } = limits.email;
  const p = plan.phrases;
  const text = (value: string | null | false | undefined, strong = false): Block | null =>
    value ? { kind: 'p', text: value, strong } : null;
  // Each bullet without its tone marker: the list itself is the marker in an email.
  const items = bullets(plan, level).map((item) => item.replace(/^(?:[→•–👉✨]\s*)/u, ''));
  const blocks = [
    text(p.greeting),
    // The topic as a heading, unless the hook already names it.
    plan.hook.includes(plan.context.topic)
      ? null
      : ({ kind: 'h2', text: capitalize(plan.context.topic) } as Block),
    text(plan.hook),
    text(plan.lead),
    level < 2 ? text(plan.audienceLine) : null,
    items.length > 0 ? ({ kind: 'ul', intro: p.pointsIntro(plan.context), items } as Block) : null,
    level < 2 ? text(plan.keyMessage) : null,
    level < 2 ? text(plan.usps) : null,
    level < 3 ? text(plan.closing) : null,
    text(plan.cta),
    plan.link ? text(`${brandLines[plan.language].readMore} ${plan.link}`) : null,
    text(plan.signOff, true),
  ].filter((block): block is Block => block !== null);
  return {
    subject: clip(p.subject(plan.context), maxSubjectChars),
    previewText: clip(plan.lead ?? plan.context.core, maxPreviewChars),
    html: blocks.map(toHtml).join('\n'),
    text: blocks.map(toText).join('\n\n'),
  };
}
