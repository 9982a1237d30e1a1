// Small text helpers shared by the analysis and the writers. Lengths are in code points (what the
// platforms other than X count), so an emoji is never cut in half.

export function codePoints(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

const isUrl = (word: string) => /^\(?https?:\/\//iu.test(word);

/**
 * At most `max` code points, cut at a word boundary with an ellipsis. A URL is dropped whole rather
 * than cut; a single word longer than `max` is the only thing ever cut mid-word.
 */
export function clip(text: string, max: number): string {
  const clean = text.replace(/\s+/gu, ' ').trim();
  if (codePoints(clean) <= max) return clean;
  const room = Math.max(1, max - 1);
  let out = '';
  let used = 0;
  for (const word of clean.split(' ')) {
    const length = codePoints(word) + (out ? 1 : 0);
    if (used + length > room) {
      if (out === '' && !isUrl(word)) out = [...word].slice(0, room).join('');
      break;
    }
    out += (out ? ' ' : '') + word;
    used += length;
  }
  out = out.replace(/[\s,;:–—-]+$/u, '');
  return out ? `${out}…` : '';
}

export function capitalize(text: string): string {
  const [first = '', ...rest] = [...text];
  return first.toUpperCase() + rest.join('');
}

export function lowerFirst(text: string): string {
  const [first = '', second = '', ...rest] = [...text];
  // Keep acronyms and names as written ("AI", "LinkedIn"): only a plain capitalised word is lowered.
  if (/\p{Lu}/u.test(second) || !/^\p{Lu}$/u.test(first)) return text;
  return first.toLowerCase() + second + rest.join('');
}

/** Ends with . ! ? or … (adds a period otherwise), so sentences joined later still read as sentences. */
export function sentence(text: string): string {
  const trimmed = text.trim();
  if (trimmed === '' || /[.!?…:]["'”»)\]]*$/u.test(trimmed)) return trimmed;
  return `${trimmed}.`;
}

/** Removes the final punctuation, to quote a sentence inside another one. */
export function unpunctuated(text: string): string {
  return text.trim().replace(/[\s.!?…:;,]+$/u, '');
}

const emoji = /\p{Extended_Pictographic}(?:\uFE0F|\u200D\p{Extended_Pictographic}|\p{Emoji_Modifier})*/gu;

/** Without emoji (the authority tone is formal); line breaks are kept. */
export function stripEmoji(text: string): string {
  return (
    text
      .replace(emoji, '')
      .replace(/\uFE0F|\u20E3/gu, '')
      .replace(/[^\S\n]{2,}/gu, ' ')
      .replace(/[^\S\n]+\n/gu, '\n')
      // "today 🎉." must not become "today ." (French spaces only before ! ? : ;).
      .replace(/[^\S\n]+([.,])/gu, '$1')
      .trim()
  );
}

/** FNV-1a: a stable number from a text, to pick among phrasings deterministically. */
export function stableHash(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

export function pick<T>(options: readonly T[], seed: number): T {
  return options[seed % options.length] as T;
}

/** Items of a free-text brand field: one per line, or separated by ; or • (commas stay inside an item). */
export function listItems(text: string | null | undefined, max = 5): string[] {
  if (!text) return [];
  return text
    .split(/\n|;|•/u)
    .map((item) => item.replace(/^[\s*\-–—\d.)]+/u, '').trim())
    .filter((item) => /[\p{L}\p{N}]/u.test(item))
    .slice(0, max);
}
