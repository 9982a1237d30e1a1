// Splitting prose into parts that fit a limit, and trimming it to one. Sentences first, then
// words; only a single word longer than a whole part is ever cut, and never inside a URL.
import { urlRanges } from './text-measure.ts';
import { graphemeBoundaries, toSentences, toUnits } from './text-units.ts';

export interface SplitPart {
  text: string;
  /** The part ends where a sentence ends (a thread cut there reads cleanly). */
  endsSentence: boolean;
}

export interface SplitResult {
  parts: SplitPart[];
  /** Text was left over after `maxParts` parts. */
  truncated: boolean;
}

/** Collapses every whitespace run to one space (non-breaking spaces included) and trims. */
export function normalizeWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * Greedy split: each part takes as many whole sentences as fit; a sentence too long alone is
 * split between words; a word too long alone is cut between graphemes, outside URLs. Parts are
 * whitespace-normalized. Stops after `maxParts` parts (the result is a prefix of the full split,
 * so callers can cut a long text without splitting all of it).
 */
export function splitDetailed(
  text: string,
  fits: (part: string) => boolean,
  maxParts = Infinity,
): SplitResult {
  const parts: SplitPart[] = [];
  let current = '';
  let currentEnds = false;
  // Moves `current` into the parts; false when that would make one part too many.
  const flush = (): boolean => {
    if (!current) return true;
    if (parts.length >= maxParts) return false;
    parts.push({ text: current, endsSentence: currentEnds });
    current = '';
    return true;
  };
  const truncated = { parts, truncated: true };

  for (const sentence of toSentences(toUnits(text))) {
    const words = sentence.map((unit) => unit.text);
    const whole = words.join(' ');
    if (current && fits(`${current} ${whole}`)) {
      current = `${current} ${whole}`;
      currentEnds = true;
      continue;
    }
    if (!flush()) return truncated;
    if (fits(whole)) {
      current = whole;
      currentEnds = true;
      continue;
    }
    for (const word of words) {
      if (current && fits(`${current} ${word}`)) {
        current = `${current} ${word}`;
        continue;
      }
      if (!flush()) return truncated;
      const pieces = fits(word) ? [word] : cutWord(word, fits);
      currentEnds = false;
      for (const piece of pieces.slice(0, -1)) {
        current = piece;
        if (!flush()) return truncated;
      }
      current = pieces[pieces.length - 1] ?? '';
    }
    currentEnds = true;
  }
  if (!flush()) return truncated;
  return { parts, truncated: false };
}

/**
 * Splits text into parts that each fit `fits`, at sentence boundaries, then at word boundaries for
 * a sentence that is too long alone; a single word longer than a part is the only thing ever cut.
 * The one exception to "every part fits": a URL that does not fit alone is kept whole as its own
 * part (on X a URL always weighs 23, so it cannot happen there).
 */
export function splitText(text: string, fits: (part: string) => boolean): string[] {
  return splitDetailed(text, fits).parts.map((part) => part.text);
}

/** Cuts one over-long word into pieces that fit, between graphemes and never inside a URL. */
export function cutWord(word: string, fits: (part: string) => boolean): string[] {
  const urls = urlRanges(word);
  const cuts = graphemeBoundaries(word).filter((at) => !urls.some(([start, end]) => at > start && at < end));
  const pieces: string[] = [];
  let start = 0;
  let first = 0; // index in `cuts` of the first cut after `start`
  while (start < word.length) {
    const piece = (index: number) => word.slice(start, cuts[index]).trim();
    let best = first;
    if (fits(piece(cuts.length - 1))) best = cuts.length - 1;
    else if (fits(piece(first))) {
      // Binary search: `low` fits, `high` does not.
      let low = first;
      let high = cuts.length - 1;
      while (high - low > 1) {
        const mid = (low + high) >> 1;
        if (fits(piece(mid))) low = mid;
        else high = mid;
      }
      best = low;
    }
    // When not even one grapheme (or one URL) fits, it goes alone: the caller's check reports it.
    const text = piece(best);
    if (text) pieces.push(text);
    start = cuts[best];
    first = best + 1;
  }
  return pieces;
}

/**
 * The longest start of `text` that fits, cut where a sentence ends, else after a word with `…`,
 * else inside the first word with `…`; '' when nothing fits. Line breaks are kept. A sentence cut
 * is preferred unless it keeps much less (under 60 %) of the text than a word cut would.
 */
export function trimToFit(text: string, fits: (part: string) => boolean, ellipsis = '…'): string {
  const trimmed = text.trim();
  if (fits(trimmed)) return trimmed;
  const units = toUnits(trimmed);
  const sentenceEnds = units.filter((unit) => unit.endsSentence);
  const atSentence = largestFitting(sentenceEnds.length, (i) => trimmed.slice(0, sentenceEnds[i].end), fits);
  const atWord = largestFitting(
    units.length,
    (i) => withEllipsis(trimmed.slice(0, units[i].end), ellipsis),
    fits,
  );
  if (atSentence && (!atWord || atSentence.length >= 0.6 * atWord.length)) return atSentence;
  if (atWord) return atWord;
  const firstWord = units[0]?.text ?? '';
  const cuts = graphemeBoundaries(firstWord);
  return largestFitting(cuts.length, (i) => withEllipsis(firstWord.slice(0, cuts[i]), ellipsis), fits) ?? '';
}

/** Ends `text` with an ellipsis, dropping words from its end until it fits ('' when none do). */
export function endWithEllipsis(text: string, fits: (part: string) => boolean, ellipsis = '…'): string {
  const units = toUnits(text);
  const atWord = largestFitting(
    units.length,
    (i) => withEllipsis(text.slice(0, units[i].end), ellipsis),
    fits,
  );
  return atWord ?? trimToFit(units[0]?.text ?? '', fits, ellipsis);
}

function withEllipsis(text: string, ellipsis: string): string {
  // `word,…` reads badly: drop the punctuation the cut left dangling.
  return `${text.replace(/[\s,;:\-–—]+$/u, '')}${ellipsis}`;
}

/**
 * The last of `count` growing candidates that fits (built on demand: a long text has many), by
 * binary search, assuming fitting is monotone; null when not even the first fits.
 */
function largestFitting(
  count: number,
  candidate: (index: number) => string,
  fits: (part: string) => boolean,
): string | null {
  if (count === 0 || !fits(candidate(0))) return null;
  let low = 0;
  let high = count;
  while (high - low > 1) {
    const mid = (low + high) >> 1;
    if (fits(candidate(mid))) low = mid;
    else high = mid;
  }
  return candidate(low);
}
