// The local engine's changelog rewrite: deterministic, no network. A pull request is written for
// reviewers (a `feat(api):` prefix, a template with checkboxes and "How has this been tested?",
// "Closes #12"); a changelog is read by customers. This keeps what a reader needs: a clean title in
// the past tense ("Added dark mode"), the description's prose, a clear breaking-change line.
import type { EntryRewriteRequest } from '../engine.ts';

const commitTypes =
  'feat|feature|fix|bugfix|hotfix|perf|refactor|docs|doc|chore|build|ci|style|test|tests|revert|deps|security|ux|ui';
const conventionalPrefix = new RegExp(`^(?:${commitTypes})(?:\\([^)]{0,60}\\))?(!)?\\s*:\\s*`, 'i');

// Imperative first words of PR titles and how a changelog says them.
const pastTense: Record<string, string> = {
  add: 'Added',
  adds: 'Added',
  allow: 'Allowed',
  bump: 'Bumped',
  change: 'Changed',
  disable: 'Disabled',
  drop: 'Dropped',
  enable: 'Enabled',
  fix: 'Fixed',
  fixes: 'Fixed',
  handle: 'Handled',
  hide: 'Hid',
  implement: 'Implemented',
  improve: 'Improved',
  introduce: 'Introduced',
  make: 'Made',
  move: 'Moved',
  optimize: 'Optimized',
  prevent: 'Prevented',
  reduce: 'Reduced',
  refactor: 'Refactored',
  remove: 'Removed',
  rename: 'Renamed',
  replace: 'Replaced',
  rewrite: 'Rewrote',
  show: 'Showed',
  speed: 'Sped',
  support: 'Added support for',
  update: 'Updated',
  upgrade: 'Upgraded',
  use: 'Switched to',
};

// Headings of PR-template sections that only matter to reviewers: the section goes, heading and all.
const reviewerSection =
  /^(check ?list|type of (change|pr)|how (has|was|is) (this|it) (been )?tested|testing( done| notes)?|test plan|tests?|screenshots?( \/ recordings)?|related (issues?|prs?|tickets?)|linked issues?|additional (context|notes|information)|notes? (for|to) reviewers?|reviewer notes|pr checklist|dependencies|deploy(ment)? notes)\??:?$/i;
// Headings that only label the description itself: the heading goes, the text stays.
const descriptionHeading =
  /^(description|summary|what( does this pr do| changed| this pr does)?|changes( made| in this pr)?|overview|context|why|motivation|details|proposed changes)\??:?$/i;
const issueRef = String.raw`(?:[\w.-]+\/[\w.-]+)?#\d+|https?:\/\/\S+`;
const closingLine = new RegExp(
  String.raw`^(?:[-*]\s*)?(?:close[sd]?|fix(?:e[sd])?|resolve[sd]?|refs?|related(?: to)?|part of|see)\s*:?\s*(?:${issueRef})(?:\s*(?:,|and)?\s*(?:${issueRef}))*\.?$`,
  'i',
);
const closingInline = new RegExp(
  String.raw`\s*\(?\b(?:close[sd]?|fix(?:e[sd])?|resolve[sd]?)\s+(?:${issueRef})(?:\s*(?:,|and)\s*(?:${issueRef}))*\)?\.?`,
  'gi',
);
const trailerLine = /^(signed-off-by|co-authored-by|reviewed-by|cc):/i;
const breakingLine = /^\s*(?:\*\*)?breaking[ -]changes?(?:\*\*)?\s*:?\s*(?:\*\*)?\s*(.*)$/i;

function capitalize(text: string): string {
  return text.replace(/^\p{Ll}/u, (ch) => ch.toUpperCase());
}

function cutAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.-]+$/, '')}…`;
}

/** A PR title as a changelog line: no commit type, tag, PR number or final period; past tense. */
export function cleanEntryTitle(raw: string): { title: string; breaking: boolean } {
  let title = raw.replace(/\s+/g, ' ').trim();
  let breaking = false;
  for (let i = 0; i < 3; i++) {
    const before = title;
    title = title.replace(/^(\[[^\]]{1,30}\]\s*)+/, '').replace(/^wip\s*:?\s+/i, '');
    const prefix = conventionalPrefix.exec(title);
    if (prefix) {
      if (prefix[1]) breaking = true;
      title = title.slice(prefix[0].length);
    }
    if (title === before) break;
  }
  title = title
    .replace(/\s*\((?:#\d+(?:,\s*)?)+\)\s*$/, '')
    .replace(/\s+#\d+$/, '')
    .replace(/[.,;:\s]+$/, '');
  const [first = '', ...rest] = title.split(' ');
  const verb = pastTense[first.toLowerCase()];
  // "Speed up X" → "Sped up X"; "Use X" → "Switched to X": only when the word is a verb there.
  if (verb && rest.length > 0) title = `${verb} ${rest.join(' ')}`;
  return { title: capitalize(title), breaking };
}

interface Cleaned {
  blocks: string[];
  breakingNotes: string[];
}

/** The description without template boilerplate, as Markdown blocks (code fences kept whole). */
function cleanBody(markdown: string): Cleaned {
  const text = markdown.replace(/\r\n?/g, '\n').replace(/<!--[\s\S]*?(-->|$)/g, '');
  const blocks: string[] = [];
  const breakingNotes: string[] = [];
  let current: string[] = [];
  let skipLevel = 0;
  let inFence = false;
  const flush = () => {
    const block = current.join('\n').trim();
    if (block) blocks.push(block);
    current = [];
  };
  for (const line of text.split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
    if (inFence || /^\s*(```|~~~)/.test(line)) {
      if (!skipLevel) current.push(line);
      continue;
    }
    const heading = /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
    const boldHeading = /^\s*\*\*([^*]{1,60})\*\*\s*$/.exec(line);
    const headingText = (heading?.[2] ?? boldHeading?.[1] ?? '').trim();
    const level = heading ? (heading[1] as string).length : boldHeading ? 6 : 0;
    if (level) {
      if (skipLevel && level > skipLevel) continue;
      skipLevel = 0;
      if (reviewerSection.test(headingText)) {
        flush();
        skipLevel = level;
        continue;
      }
      if (descriptionHeading.test(headingText)) {
        flush();
        continue;
      }
    }
    if (skipLevel) continue;
    const trimmed = line.trim();
    const breaking = breakingLine.exec(trimmed);
    if (breaking && !level) {
      if (breaking[1]?.trim()) breakingNotes.push(breaking[1].trim());
      continue;
    }
    if (
      /^[-*+]\s+\[[ xX]\]/.test(trimmed) ||
      closingLine.test(trimmed) ||
      trailerLine.test(trimmed) ||
      /^([-*_]\s*){3,}$/.test(trimmed)
    ) {
      continue;
    }
    if (trimmed === '') {
      flush();
      continue;
    }
    current.push(cleanLine(line));
  }
  flush();
  return { blocks: blocks.filter((block) => /[\p{L}\p{N}]/u.test(block)), breakingNotes };
}

/** One line of prose: no "Closes #12" inside, list items without commit prefixes. */
function cleanLine(line: string): string {
  const item = /^(\s*(?:[-*+]|\d+[.)])\s+)(.*)$/.exec(line);
  if (item) {
    const rest = (item[2] ?? '').replace(closingInline, '');
    const link = /^(.*?)(\s*\(\[#\d+\]\([^)]*\)\))$/.exec(rest);
    const words = link ? (link[1] ?? '') : rest;
    return `${item[1]}${cleanEntryTitle(words).title}${link ? link[2] : ''}`;
  }
  return capitalize(line.replace(closingInline, '').trimEnd());
}

function asSentence(text: string): string {
  return /[.!?…:)]$/.test(text) ? text : `${text}.`;
}

export function rewriteEntryLocally(request: EntryRewriteRequest): { title: string; body: string } {
  request.signal?.throwIfAborted();
  const titled = cleanEntryTitle(request.title);
  const title = cutAtWord(titled.title || request.title.trim(), request.limits.titleChars);
  const cleaned = cleanBody(request.body);
  const paragraphs = cleaned.blocks.map((block) =>
    /^\s*([-*+]|\d+[.)]|#|>|```|~~~|\|)/.test(block) ? block : asSentence(block),
  );
  if (paragraphs.length === 0) paragraphs.push(asSentence(title));
  const breaking =
    titled.breaking ||
    cleaned.breakingNotes.length > 0 ||
    request.pullRequests.some((pr) => pr.breaking || conventionalPrefix.exec(pr.title)?.[1]);
  if (breaking) {
    const note = cleaned.breakingNotes.map((n) => asSentence(capitalize(n))).join(' ');
    paragraphs.push(`**Breaking change:** ${note || 'check your integration before you upgrade.'}`);
  }
  return {
    title,
    body: cutAtWord(paragraphs.join('\n\n'), request.limits.bodyChars),
  };
}
