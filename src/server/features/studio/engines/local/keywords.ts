// Keywords (stopword-filtered word and two-word-phrase frequencies), names and the hashtags made
// from keywords. Ties are broken by first appearance, never by a locale-dependent comparison.
import { stopwords, words } from './language.ts';
import type { AnalyzedSentence } from './sentences.ts';

interface Tally {
  count: number;
  first: number;
  surfaces: Map<string, number>;
}

/** `weight` < 1 for a sentence's first word, whose spelling is less telling. */
function tally(map: Map<string, Tally>, key: string, surface: string, order: number, weight = 1): void {
  let entry = map.get(key);
  if (!entry) {
    entry = { count: 0, first: order, surfaces: new Map() };
    map.set(key, entry);
  }
  entry.count += 1;
  entry.surfaces.set(surface, (entry.surfaces.get(surface) ?? 0) + weight);
}

/** How a keyword is shown: its most frequent spelling, the first seen on a tie. */
function display(entry: Tally): string {
  let best = '';
  let bestCount = 0;
  for (const [surface, count] of entry.surfaces) {
    if (count > bestCount) {
      best = surface;
      bestCount = count;
    }
  }
  return best;
}

const byRank = (a: { score: number; first: number }, b: { score: number; first: number }) =>
  b.score - a.score || a.first - b.first;

/**
 * Up to `max` keywords with their scores, best first. A two-word phrase counts double and needs two occurrences; the words it is
 * made of give up the occurrences it took, so "content repurposing" does not also yield "content".
 * Words of the headings get a bonus: the author named them as the subject.
 */
export function extractKeywords(
  sentences: AnalyzedSentence[],
  headings: string[],
  entities: string[],
  max = 10,
): Array<{ text: string; score: number }> {
  const names = new Map(entities.map((name) => [name.toLowerCase(), name]));
  const unigrams = new Map<string, Tally>();
  const bigrams = new Map<string, Tally>();
  for (const sentence of sentences) {
    const terms = sentence.terms;
    for (let i = 0; i < terms.length; i++) {
      const term = terms[i];
      if (!term) continue;
      const weight = term.initial ? 0.5 : 1;
      if (term.noun) tally(unigrams, term.key, term.surface, sentence.order, weight);
      const next = terms[i + 1];
      if (next && term.modifier && next.noun && next.key !== term.key) {
        tally(bigrams, `${term.key} ${next.key}`, `${term.surface} ${next.surface}`, sentence.order, weight);
      }
    }
  }
  for (const word of headings.flatMap((heading) => words(heading))) {
    const entry = unigrams.get(word) ?? unigrams.get(word.replace(/s$/u, ''));
    if (entry) entry.count += 2;
  }
  const ranked: Array<{ text: string; score: number; first: number }> = [];
  for (const [key, entry] of bigrams) {
    if (entry.count < 2) continue;
    ranked.push({ text: display(entry), score: entry.count * 2, first: entry.first });
    for (const part of key.split(' ')) {
      const unigram = unigrams.get(part);
      if (unigram) unigram.count -= entry.count;
    }
  }
  for (const entry of unigrams.values()) {
    if (entry.count > 0) ranked.push({ text: display(entry), score: entry.count, first: entry.first });
  }
  ranked.sort(byRank);
  const seen = new Set<string>();
  const out: Array<{ text: string; score: number }> = [];
  for (const { text, score } of ranked) {
    const key = text.toLowerCase();
    // A word already inside a chosen phrase adds nothing ("content" after "content repurposing").
    if (seen.has(key) || (!key.includes(' ') && seen.has(`word:${key}`))) continue;
    seen.add(key);
    for (const word of key.split(' ')) seen.add(`word:${word}`);
    out.push({ text: names.get(key) ?? text, score });
    if (out.length >= max) break;
  }
  return out;
}

/** Names (people, companies, places) by frequency; a sentence-opening run only if seen elsewhere too. */
export function extractEntities(sentences: AnalyzedSentence[], max = 8): string[] {
  const names = new Map<string, Tally>();
  for (const sentence of sentences) {
    for (const name of sentence.names) tally(names, name, name, sentence.order);
  }
  // A sentence-opening run is a name if it appears elsewhere too, or is spelled like one (HubSpot).
  for (const sentence of sentences) {
    for (const name of sentence.initialNames) {
      if (names.has(name) || /^\p{Lu}\p{Ll}*\p{Lu}/u.test(name)) tally(names, name, name, sentence.order);
    }
  }
  const ranked: Array<{ text: string; score: number; first: number }> = [];
  for (const [name, entry] of names) {
    const lower = name.toLowerCase();
    if ([...name].length < 2 || stopwords.en.has(lower) || stopwords.fr.has(lower)) continue;
    ranked.push({ text: name, score: entry.count, first: entry.first });
  }
  return ranked
    .sort(byRank)
    .slice(0, max)
    .map((entry) => entry.text);
}

/** `#CamelCase` from a keyword: letters (accented ones too) and digits only; null when nothing is left. */
export function toHashtag(keyword: string): string | null {
  const parts = keyword
    .normalize('NFC')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  const tag = parts
    .map((part) => {
      const [first = '', ...rest] = [...part];
      return first.toUpperCase() + rest.join('');
    })
    .join('')
    .replace(/[^\p{L}\p{N}]/gu, '');
  const length = [...tag].length;
  if (length < 2 || length > 40 || /^\p{N}+$/u.test(tag)) return null;
  return `#${tag}`;
}

// Words frequent in any text but no one follows as a hashtag.
const bland = new Set(
  `article articles post posts platform platforms team teams week weeks year years day days time data thing way
  people work part number example case point result results today world idea question problem
  semaine semaines année jour jours temps équipe équipes exemple chose point cas idée question problème monde`.split(
    /\s+/u,
  ),
);

/** Distinct hashtags (compared without case) from keywords, in keyword order; bland single words skipped. */
export function hashtagsFrom(keywords: string[], extra: Array<string | null> = []): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const candidate of [...extra, ...keywords.filter((keyword) => !bland.has(keyword.toLowerCase()))]) {
    const tag = candidate ? toHashtag(candidate) : null;
    if (!tag || seen.has(tag.toLowerCase())) continue;
    seen.add(tag.toLowerCase());
    out.push(tag);
  }
  return out;
}
