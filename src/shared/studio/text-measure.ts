// Counting text the way each platform counts it. The only module that touches twitter-text.
import * as twitterTextModule from 'twitter-text';

type TwitterText = typeof twitterTextModule;
// twitter-text's ESM build (what Vite bundles for the browser) has a single default export, an
// object of functions; Node loads its CommonJS build, whose namespace also carries that object as
// `default`. Reading `default` first gives the same functions on both sides.
const twitterText: TwitterText =
  (twitterTextModule as unknown as { default?: TwitterText }).default ?? twitterTextModule;

/** X's weighted length (twitter-text: CJK and emoji weigh 2, every URL 23). */
export function weightedLengthX(text: string): number {
  return twitterText.parseTweet(text).weightedLength;
}

/** Characters X refuses in a post (U+FFFE, U+FEFF, U+FFFF). */
export function hasInvalidXCharacters(text: string): boolean {
  return twitterText.hasInvalidCharacters(text);
}

/**
 * Characters as the other platforms count them: Unicode code points, not UTF-16 units. The text is
 * counted as given, not NFC-normalized: a decomposed é counts 2, which can only over-count.
 */
export function characterCount(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    // A high surrogate followed by a low one is one code point.
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
    count++;
  }
  return count;
}

/**
 * Where the URLs are, as UTF-16 [start, end) ranges — URLs as twitter-text finds them, with or
 * without a scheme (`example.com` is a link on X and on Threads).
 */
export function urlRanges(text: string): Array<[number, number]> {
  if (!text.includes('.')) return [];
  return twitterText.extractUrlsWithIndices(text).map((url) => url.indices);
}

/** Links in a post, counted as Threads counts them: every URL, with or without a scheme. */
export function countLinks(text: string): number {
  return urlRanges(text).length;
}

// A hashtag is # and letters, digits or _, not glued to a preceding word (`a#b` is no hashtag).
const hashtagPattern = /(?<![\p{L}\p{N}_&#])#([\p{L}\p{N}_]+)/gu;

/** Distinct hashtags in a text, case-insensitive, in order of first appearance, with their #. */
export function hashtagsIn(text: string): string[] {
  const seen = new Map<string, string>();
  for (const match of text.matchAll(hashtagPattern)) {
    const key = match[0].toLowerCase();
    if (!seen.has(key)) seen.set(key, match[0]);
  }
  return [...seen.values()];
}

/** Whether `tag` (with its #) appears in `text` as a whole hashtag, case-insensitive. */
export function containsHashtag(text: string, tag: string): boolean {
  const key = tag.toLowerCase();
  return hashtagsIn(text).some((found) => found.toLowerCase() === key);
}

/**
 * A hashtag as the output schemas want it (`#` then letters, digits or _), or null when nothing
 * usable is left: `coffee time` → `#coffeetime`, `##café!` → `#café`.
 */
export function normalizeHashtag(raw: string): string | null {
  const body = raw.replace(/[^\p{L}\p{N}_]/gu, '');
  return body ? `#${body}` : null;
}

/** Normalized, deduplicated (case-insensitive) hashtags, in order. */
export function normalizeHashtags(raw: readonly string[]): string[] {
  const out = new Map<string, string>();
  for (const tag of raw) {
    const normalized = normalizeHashtag(tag);
    if (normalized && !out.has(normalized.toLowerCase())) out.set(normalized.toLowerCase(), normalized);
  }
  return [...out.values()];
}
