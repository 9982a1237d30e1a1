// X threads: numbered `1/n ` tweets, each within X's weighted limit including its number.
//
// Decisions:
// - A text that fits one tweet gives one tweet with no `1/1` (numbering a single post is noise).
// - Hashtags go at the end of the last tweet, in order, as many as fit; the rest are dropped.
//   The output's `hashtags` lists exactly the ones placed, and renderPost appends any listed
//   hashtag the thread lacks (e.g. after an edit) to the last tweet, so what is counted and
//   checked is always what would be posted.
// - Too long for `maxTweets`: the thread stops at the last sentence end it reached (when that keeps
//   most of it), else its last tweet ends with `…`.
import type { PlatformLimits } from './platform-limits.ts';
import { defaultPlatformLimits } from './platform-limits.ts';
import type { XOutput } from './studio-types.ts';
import { containsHashtag, normalizeHashtags, weightedLengthX } from './text-measure.ts';
import {
  endWithEllipsis,
  normalizeWhitespace,
  type SplitPart,
  splitDetailed,
  trimToFit,
} from './text-split.ts';

// X refuses U+FFFE and U+FFFF (U+FEFF too, which whitespace normalization already removes).
const invalidXCharacters = /[\uFFFE\uFFFF]/g;
const numbering = /^\(?(\d{1,3})\s*\/\s*(\d{1,3})?\)?[.:]?\s+/;

/** A tweet without its `1/n ` numbering (`24/7 support` is not numbering: 24 > 7). */
export function stripNumbering(tweet: string): string {
  const match = tweet.match(numbering);
  if (!match || (match[2] !== undefined && Number(match[1]) > Number(match[2]))) return tweet.trim();
  return tweet.slice(match[0].length).trim();
}

/** Tweets numbered `i/n `; a single tweet is left unnumbered. */
export function numberTweets(bodies: readonly string[]): string[] {
  if (bodies.length === 1) return [bodies[0]];
  return bodies.map((body, index) => `${index + 1}/${bodies.length} ${body}`);
}

/** Builds a numbered X thread (`1/n `) from text, every tweet within the weighted limit. */
export function buildXThread(
  text: string,
  hashtags: string[],
  limits: PlatformLimits = defaultPlatformLimits,
): XOutput {
  const { maxWeightedLength: max, maxTweets } = limits.x;
  const tags = normalizeHashtags(hashtags);
  const body = normalizeWhitespace(text.replace(invalidXCharacters, ''));
  const weigh = memoizedWeight();
  const fitsAlone = (tweet: string) => weigh(tweet) <= max;
  if (!body) return finish([], tags, max);
  const total = weigh(body);
  if (total <= max || maxTweets <= 1) return finish([trimToFit(body, fitsAlone)], tags, max);

  // The `i/n ` prefix counts, and n is only known after splitting: reserve the widest prefix for
  // the digits assumed (starting from an estimate), and split again with one more digit when the
  // parts outgrow them.
  let digits = String(Math.min(maxTweets, Math.ceil(total / (max - 6)))).length;
  for (;;) {
    const fits = fitsWithPrefix(max, digits, weigh);
    const { parts, truncated } = splitDetailed(body, fits, maxTweets);
    if (String(parts.length).length > digits) {
      digits++;
      continue;
    }
    const kept = truncated ? endCleanly(parts, fits) : parts.map((part) => part.text);
    return finish(kept, tags, max);
  }
}

// The prefix is ASCII digits, a slash and a space, so it adds its length to the weight: a space
// ends any URL or emoji before it, and nothing after it can join them.
function fitsWithPrefix(
  max: number,
  digits: number,
  weigh: (text: string) => number,
): (tweet: string) => boolean {
  const widest = 2 * digits + 2;
  return (tweet) => widest + weigh(tweet) <= max;
}

/** weightedLengthX with a memory: splitting measures the same strings again for each width. */
function memoizedWeight(): (text: string) => number {
  const known = new Map<string, number>();
  return (text) => {
    let weight = known.get(text);
    if (weight === undefined) {
      weight = weightedLengthX(text);
      known.set(text, weight);
    }
    return weight;
  };
}

function endCleanly(parts: SplitPart[], fits: (tweet: string) => boolean): string[] {
  const lastSentenceEnd = parts.findLastIndex((part) => part.endsSentence);
  if (lastSentenceEnd >= 0 && lastSentenceEnd + 1 >= Math.ceil(parts.length * 0.6)) {
    return parts.slice(0, lastSentenceEnd + 1).map((part) => part.text);
  }
  const texts = parts.map((part) => part.text);
  const last = endWithEllipsis(texts[texts.length - 1], fits);
  return last ? [...texts.slice(0, -1), last] : texts.slice(0, -1);
}

/** Numbers the tweets and places the hashtags on the last one, as many as fit. */
function finish(bodies: string[], tags: string[], max: number): XOutput {
  const tweets = numberTweets(bodies.filter(Boolean));
  const placed: string[] = [];
  let last = tweets.pop() ?? '';
  for (const tag of tags) {
    if (tweets.some((tweet) => containsHashtag(tweet, tag)) || containsHashtag(last, tag)) {
      placed.push(tag);
      continue;
    }
    const longer = last ? `${last} ${tag}` : tag;
    if (weightedLengthX(longer) > max) break;
    last = longer;
    placed.push(tag);
  }
  if (last) tweets.push(last);
  return { tweets, hashtags: placed };
}

/** Each text kept whole when it fits, else split; at most `max` parts (the rest is not split). */
export function splitEach(texts: readonly string[], fits: (part: string) => boolean, max: number): string[] {
  const parts: string[] = [];
  for (const text of texts) {
    if (parts.length >= max) break;
    if (fits(text)) parts.push(text);
    else parts.push(...splitDetailed(text, fits, max - parts.length).parts.map((part) => part.text));
  }
  return parts;
}

/**
 * Repairs a thread: tweets too long are split again (each original tweet keeps its own start),
 * everything is renumbered, tweets past `maxTweets` are dropped, and hashtags that do not fit on
 * the last tweet are dropped.
 */
export function repairXThread(
  output: XOutput,
  limits: PlatformLimits = defaultPlatformLimits,
): XOutput | null {
  const { maxWeightedLength: max, maxTweets } = limits.x;
  const bodies = output.tweets
    .map((tweet) => normalizeWhitespace(stripNumbering(tweet.replace(invalidXCharacters, ''))))
    .filter(Boolean);
  const tags = normalizeHashtags(output.hashtags);
  if (bodies.length === 0) return null;
  if (bodies.length === 1) return buildXThread(bodies[0], tags, limits);
  const weigh = memoizedWeight();
  let digits = 1;
  for (;;) {
    const fits = fitsWithPrefix(max, digits, weigh);
    const pieces = splitEach(bodies, fits, maxTweets);
    if (String(pieces.length).length > digits) {
      digits++;
      continue;
    }
    if (pieces.length === 1) return buildXThread(pieces[0], tags, limits);
    return finish(pieces, tags, max);
  }
}
