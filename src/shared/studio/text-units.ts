// Words and sentence ends in prose, English and French. The splitter and the trimmer cut only at
// the boundaries found here, so a part never starts with French `!` or ends with an opening `«`.

/** A word as the splitter sees it: one or more tokens that must stay together. */
export interface Unit {
  text: string;
  /** UTF-16 offsets of the unit in the source text. */
  start: number;
  end: number;
  /** A sentence (or a line, a heading, a list item) ends after this unit. */
  endsSentence: boolean;
}

// Typographic spaces that join what they separate (French `Bonjour !`, `50 %`, `« oui »`).
const nonBreakingGap = /^[\u00A0\u202F\u2007]+$/;
const lineBreak = /[\n\r\u2028\u2029]/;
// Punctuation that belongs to the word before it: French puts a space before ! ? : ; » and %.
const closingPunctuation = /^[.,!?;:»…‽%)\]”’]+$/u;
// And to the word after it.
const openingPunctuation = /^[«“‘([¿¡]+$/u;
const terminal = /[.!?…‽]$/u;
const trailingClosers = /[\s"'”’»)\]]+$/u;
const leadingOpeners = /^[\s"'“‘«([¿¡]+/u;
// Abbreviations whose period ends no sentence. Kept short: "etc." and "Inc." often do end one.
const abbreviations = new Set([
  'e.g.',
  'i.e.',
  'cf.',
  'vs.',
  'mr.',
  'mrs.',
  'ms.',
  'dr.',
  'prof.',
  'st.',
  'no.',
  'p.',
  'pp.',
  'fig.',
  'approx.',
  'ex.',
  'env.',
  'av.',
  'm.',
  'mme.',
  'mlle.',
  'me.',
]);

let lastText: string | null = null;
let lastUnits: Unit[] = [];

/**
 * Splits text into units, glued by non-breaking spaces and French punctuation spacing. The last
 * result is kept: splitting a thread tries several prefix widths over the same text. Callers must
 * not mutate the units.
 */
export function toUnits(text: string): Unit[] {
  if (text === lastText) return lastUnits;
  const units: Unit[] = [];
  const hardBreaks: boolean[] = [];
  let openPending = false;
  let previousEnd = 0;
  for (const match of text.matchAll(/\S+/g)) {
    const token = match[0];
    const start = match.index;
    const gap =
      start - previousEnd === 1 && text.charCodeAt(previousEnd) === 32 ? ' ' : text.slice(previousEnd, start);
    previousEnd = start + token.length;
    const last = units[units.length - 1];
    const plain = gap === ' ';
    const hard = !plain && lineBreak.test(gap);
    const nonBreaking = !plain && nonBreakingGap.test(gap);
    const glued =
      last !== undefined && (nonBreaking || (!hard && (openPending || closingPunctuation.test(token))));
    if (glued) {
      last.text += (nonBreaking ? gap : ' ') + token;
      last.end = previousEnd;
    } else {
      units.push({ text: token, start, end: previousEnd, endsSentence: false });
      hardBreaks.push(hard);
    }
    openPending = openingPunctuation.test(token);
  }
  for (let i = 0; i < units.length; i++) {
    const next = units[i + 1];
    units[i].endsSentence =
      next === undefined ||
      hardBreaks[i + 1] ||
      (endsLikeSentence(units[i].text) && !startsLowercase(next.text));
  }
  lastText = text;
  lastUnits = units;
  return units;
}

function endsLikeSentence(unit: string): boolean {
  const core = unit.replace(trailingClosers, '');
  if (!terminal.test(core)) return false;
  if (!core.endsWith('.') || core.endsWith('..')) return true;
  const word = core.replace(leadingOpeners, '').toLowerCase();
  // e.g. / U.S. / J. (an initial) end no sentence.
  return !abbreviations.has(word) && !/^(\p{L}\.)+$/u.test(word);
}

function startsLowercase(unit: string): boolean {
  return /^\p{Ll}/u.test(unit.replace(leadingOpeners, ''));
}

/** Units grouped into sentences. */
export function toSentences(units: readonly Unit[]): Unit[][] {
  const sentences: Unit[][] = [];
  let current: Unit[] = [];
  for (const unit of units) {
    current.push(unit);
    if (unit.endsSentence) {
      sentences.push(current);
      current = [];
    }
  }
  if (current.length > 0) sentences.push(current);
  return sentences;
}

const segmenter =
  typeof Intl !== 'undefined' && 'Segmenter' in Intl
    ? new Intl.Segmenter(undefined, { granularity: 'grapheme' })
    : null;

/** Offsets where a word may be cut: between graphemes (an emoji or é stays whole). */
export function graphemeBoundaries(text: string): number[] {
  const bounds: number[] = [];
  if (segmenter) {
    for (const segment of segmenter.segment(text)) if (segment.index > 0) bounds.push(segment.index);
  } else {
    for (let i = 1; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code < 0xdc00 || code > 0xdfff) bounds.push(i);
    }
  }
  if (text.length > 0) bounds.push(text.length);
  return bounds;
}
