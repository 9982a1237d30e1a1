// Extractive analysis: the text's own sentences, ranked; nothing is invented except the fallbacks
// for a text with no prose at all (only code, only images).
//
// Sentence ranking — term-frequency centrality with a position prior:
//   centrality(s) = Σ over the distinct content words w of s of ln(tf(w)) / √max(|s|, 5)
//   where tf(w) counts w across the analysed text, so a sentence scores by how much it shares the
//   words the whole text keeps returning to (a word used once adds nothing) and the square root
//   keeps long sentences from winning by size alone.
//   score(s) = (centrality + 0.1) × (1 + 0.5·e^(−position/6)) × adjustments
//   where the prior favours the opening (authors state their point early), and the adjustments
//   favour a paragraph's first sentence (×1.1), list items (×1.1), sentences naming a heading's
//   words (×1.15), and penalise fragments (< 4 words ×0.4, < 7 ×0.8), rambling (> 40 words ×0.75),
//   questions (×0.9) and sentences with a hole where inline code was removed (×0.3). Lines that
//   look like code (two of `{ } ; => () == && ||`, tags, or a leading import/const/def…) are never
//   quoted at all.
import type { Analysis, BrandVoice, Language } from '../../../../../shared/studio/studio-types.ts';
import { inferAudience } from './audience.ts';
import { extractEntities, extractKeywords } from './keywords.ts';
import { words } from './language.ts';
import { codeGap, readSource } from './markdown-text.ts';
import { type AnalyzedSentence, analyzeSentences } from './sentences.ts';
import { clip, stripEmoji } from './text-utils.ts';

/** Only this much prose is analysed (~6,000 words); the rest of a very long text is not ranked. */
export const maxAnalyzedChars = 36_000;
const maxSentenceChars = 280;

export interface TextAnalysis {
  analysis: Analysis;
  /** Sentences best first (clipped to 280 characters), for the writers to draw on. */
  ranked: string[];
  /** Ranked sentences that carry figures (numbers, percentages, amounts): the authority tone leads with them. */
  data: string[];
  links: string[];
  headings: string[];
  /** What hashtags are made from, best first. */
  tagWords: string[];
  /** No prose was found: the analysis is made of fallbacks. */
  empty: boolean;
}

const fallback: Record<Language, { core: string; topic: string }> = {
  en: { core: 'We have something new to share.', topic: 'our latest news' },
  fr: { core: 'Nous avons du nouveau à partager.', topic: 'nos dernières nouvelles' },
};
const genericHeadings =
  /^(?:introduction|intro|overview|summary|conclusion|contents|table of contents|tl;?dr|résumé|sommaire|aperçu)$/iu;
const codeLike = /[{};]|=>|\(\)|==|&&|\|\||<\/?\w+>|^\s*(?:import|const|let|var|def|function|return)\b/gu;
const figures =
  /\d+(?:[.,]\d+)?\s?(?:%|percent|pour ?cent|€|\$|£|k\b|x\b|million|billion|milliards?|millions?)|[$€£]\s?\d|\b\d{2,}\b/iu;

function keySet(sentence: AnalyzedSentence): Set<string> {
  const keys = new Set<string>();
  for (const term of sentence.terms) if (term) keys.add(term.key);
  return keys;
}

function rank(sentences: AnalyzedSentence[], headings: string[]): AnalyzedSentence[] {
  const tf = new Map<string, number>();
  for (const sentence of sentences) {
    for (const term of sentence.terms) if (term) tf.set(term.key, (tf.get(term.key) ?? 0) + 1);
  }
  const headingWords = new Set(headings.flatMap((heading) => words(heading)));
  const scores = sentences.map((sentence) => {
    const keys = keySet(sentence);
    let sum = 0;
    let namesHeading = false;
    for (const key of keys) {
      sum += Math.log(tf.get(key) ?? 1);
      if (headingWords.has(key)) namesHeading = true;
    }
    let score = (sum / Math.sqrt(Math.max(keys.size, 5)) + 0.1) * (1 + 0.5 * Math.exp(-sentence.order / 6));
    if (sentence.firstInBlock) score *= 1.1;
    if (sentence.blockKind === 'item') score *= 1.1;
    if (namesHeading) score *= 1.15;
    if (sentence.wordCount < 4) score *= 0.4;
    else if (sentence.wordCount < 7) score *= 0.8;
    else if (sentence.wordCount > 40) score *= 0.75;
    if (/\?\s*$/u.test(sentence.text)) score *= 0.9;
    if (sentence.text.includes(codeGap)) score *= 0.3;
    return score;
  });
  return sentences
    .map((sentence, index) => ({ sentence, score: scores[index] as number }))
    .sort((a, b) => b.score - a.score || a.sentence.order - b.sentence.order)
    .map((entry) => entry.sentence);
}

/** Jaccard overlap of content words: two sentences saying the same thing are one key point. */
function similar(a: Set<string>, b: Set<string>): boolean {
  if (a.size === 0 || b.size === 0) return false;
  let shared = 0;
  for (const key of a) if (b.has(key)) shared++;
  return shared / (a.size + b.size - shared) >= 0.6;
}

function pickKeyPoints(ranked: AnalyzedSentence[], core: AnalyzedSentence): AnalyzedSentence[] {
  const chosen: AnalyzedSentence[] = [];
  const chosenKeys = [keySet(core)];
  for (const sentence of ranked) {
    if (chosen.length >= 5) break;
    if (sentence === core || (sentence.wordCount < 4 && sentence.blockKind !== 'item')) continue;
    const keys = keySet(sentence);
    if (chosenKeys.some((other) => similar(keys, other))) continue;
    chosen.push(sentence);
    chosenKeys.push(keys);
  }
  // In reading order: takeaways follow the author's argument.
  return chosen.sort((a, b) => a.order - b.order);
}

/** The first two-word phrase (adjective or noun, then noun) of a sentence: "dark mode". */
function firstPhrase(sentence: AnalyzedSentence | undefined): string | null {
  const terms = sentence?.terms ?? [];
  for (let i = 0; i + 1 < terms.length; i++) {
    const [a, b] = [terms[i], terms[i + 1]];
    if (a?.modifier && b?.noun && a.key !== b.key) return `${a.surface} ${b.surface}`;
  }
  return null;
}

/**
 * The topic: the first heading that is not generic; else a phrase the text repeats; else the first
 * phrase of the core message; else the top keyword.
 */
function pickTopic(
  headings: Array<{ text: string; level: number }>,
  keywords: string[],
  core: AnalyzedSentence | undefined,
  language: Language,
): string {
  const usable = headings.filter((heading) => !genericHeadings.test(heading.text));
  const heading = usable.find((h) => h.level <= 2) ?? usable[0];
  if (heading) return clip(heading.text, 80);
  const phrase = keywords.slice(0, 3).find((keyword) => keyword.includes(' ')) ?? firstPhrase(core);
  return clip(phrase ?? keywords[0] ?? fallback[language].topic, 80);
}

export function analyzeSource(text: string, language: Language, brand: BrandVoice | null): TextAnalysis {
  const source = readSource(text);
  const headingBlocks = source.blocks.filter((block) => block.kind === 'heading');
  const headings = headingBlocks.map((block) => block.text);
  let sentences = analyzeSentences(source.blocks, language, maxAnalyzedChars);
  // A text made only of headings still says something: read them as sentences.
  if (sentences.length === 0 && headingBlocks.length > 0) {
    sentences = analyzeSentences(
      headingBlocks.map((block) => ({ ...block, kind: 'paragraph' as const })),
      language,
      maxAnalyzedChars,
    );
  }
  const entities = extractEntities(sentences);
  const rankedKeywords = extractKeywords(sentences, headings, entities);
  const keywords = rankedKeywords.map((keyword) => keyword.text);
  // Hashtags: repeated keywords first, then names (#LinkedIn reads better than a word used once).
  const tagWords = [
    ...rankedKeywords.filter((keyword) => keyword.score >= 2).map((keyword) => keyword.text),
    ...entities.filter((name) => name.split(' ').length <= 3),
    ...keywords,
  ];
  const usable = (s: AnalyzedSentence) => clip(s.text.replaceAll(codeGap, ' '), maxSentenceChars);
  // Never quoted: sentences with no letters or digits, and lines that look like code (pasted without
  // a fence, or left over from a fence Markdown did not see as one).
  const ranked = rank(sentences, headings).filter(
    (s) => /[\p{L}\p{N}]/u.test(stripEmoji(s.text)) && (s.text.match(codeLike) ?? []).length < 2,
  );
  const core = ranked[0];
  const topic = pickTopic(headingBlocks, keywords, core, language);
  const audience = inferAudience(sentences, brand, language, topic);
  if (!core) {
    const coreMessage = brand?.brandName
      ? language === 'fr'
        ? `${brand.brandName} a du nouveau à partager.`
        : `${brand.brandName} has something new to share.`
      : fallback[language].core;
    return {
      analysis: { coreMessage, keyPoints: [coreMessage], topic, audience, keywords, entities, language },
      ranked: [coreMessage],
      data: [],
      links: source.links,
      headings,
      tagWords,
      empty: true,
    };
  }
  const keyPoints = pickKeyPoints(ranked, core).map(usable);
  const coreMessage = usable(core);
  return {
    analysis: {
      coreMessage,
      keyPoints: keyPoints.length > 0 ? keyPoints : [coreMessage],
      topic,
      audience,
      keywords,
      entities,
      language,
    },
    ranked: ranked.slice(0, 40).map(usable),
    data: ranked
      .filter((s) => figures.test(s.text))
      .slice(0, 5)
      .map(usable),
    links: source.links,
    headings,
    tagWords,
    empty: false,
  };
}

/** The analysis alone (what the generation record stores). */
export function analyzeText(text: string, language: Language, brand: BrandVoice | null): Analysis {
  return analyzeSource(text, language, brand).analysis;
}
