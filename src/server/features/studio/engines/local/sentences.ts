// Sentences with their words, the same shape for both languages: English through wink-nlp (sentence
// boundaries, part-of-speech tags), French through the tools in language.ts. Everything after this
// (ranking, keywords, entities) is language-neutral.
import { createRequire } from 'node:module';
import type { ItemSentence, WinkMethods } from 'wink-nlp';
import type { Language } from '../../../../../shared/studio/studio-types.ts';
import { frenchTokens, splitSentences, stopwords } from './language.ts';
import type { BlockKind, SourceBlock } from './markdown-text.ts';

export interface Term {
  /** Lower-cased, plural folded (posts → post), for counting. */
  key: string;
  surface: string;
  /** Nouns (and every French content word): may be a keyword on its own. */
  noun: boolean;
  /** May start a two-word keyword (adjectives and nouns). */
  modifier: boolean;
  /** First word of its sentence (its capital tells nothing). */
  initial: boolean;
}

export interface AnalyzedSentence {
  text: string;
  /** Position among all analysed sentences. */
  order: number;
  blockKind: BlockKind;
  firstInBlock: boolean;
  /** Content words in order; null where a stopword or punctuation breaks a phrase. */
  terms: Array<Term | null>;
  /** Proper-name candidates (runs of capitalised words), as written, not starting the sentence. */
  names: string[];
  /** A run that starts the sentence: a name only if it also appears elsewhere (it may just be "Today"). */
  initialNames: string[];
  wordCount: number;
}

const require = createRequire(import.meta.url);
let english: WinkMethods | null = null;

/** wink-nlp and its English model, loaded once on first use (about 100 ms, ~20 MB). */
function englishNlp(): WinkMethods {
  if (!english) {
    const winkNLP = require('wink-nlp') as typeof import('wink-nlp').default;
    const model = require('wink-eng-lite-web-model') as import('wink-nlp').Model;
    // Sentence boundaries and part-of-speech tags only: names come from the tags (the model's entity
    // recogniser finds dates and amounts, not names), and negation and sentiment are never used.
    english = winkNLP(model, ['sbd', 'pos']);
  }
  return english;
}

function foldPlural(word: string): string {
  if (word.length > 4 && /[^s]s$/u.test(word)) return word.slice(0, -1);
  if (word.length > 4 && word.endsWith('x') && /[aeo]ux$/u.test(word)) return word.slice(0, -1);
  return word;
}

// French words that carry no topic though they are not stopwords (common verbs and adverbs).
const frenchWeak = new Set(
  `permet permettre faut falloir peut pouvoir doit devoir fait faire dire dit va aller vient venir voir voit rend
  rendre donne donner prend prendre met mettre trouve trouver aujourd'hui toujours jamais souvent déjà vraiment
  simplement bien beaucoup trop tant autant chose choses façon manière fois avant après aussi ainsi tous toutes
  peuvent doivent sera seront avez avons était sont être avoir comment pourquoi quand plupart autre autres selon
  chaque cas bon bonne grand grande nouveau nouvelle nouveaux nouvelles premier première vrai vraie`.split(
    /\s+/u,
  ),
);
// French has no tagger here: conjugated verbs are recognised by their endings (-ent but not -ment,
// -ez, -ait/-aient), minus the nouns that share them, so "publient" never becomes a keyword.
const frenchNounsLikeVerbs = new Set(
  'client agent argent parent talent accident président patient continent serpent souvent lait portrait trait attrait souhait extrait'.split(
    ' ',
  ),
);
function frenchVerbLike(word: string): boolean {
  if (frenchNounsLikeVerbs.has(word) || word.length < 5) return false;
  return /(?:[^m]ent|ez|ait|aient)$/u.test(word);
}
const englishWeak = new Set(
  `thing things way ways lot lots kind bit part today something anything everything nothing people making getting
  going doing having being looking saying including trying`.split(/\s+/u),
);

const innerDot = /(?<=[\p{L}\p{N}])\.(?=[\p{L}\p{N}])/gu;
const dotStandIn = '\u2024';
function restoreDots(text: string): string {
  return text.includes(dotStandIn) ? text.replaceAll(dotStandIn, '.') : text;
}

/**
 * English sentences of all the blocks from one wink-nlp document (blocks joined by blank lines,
 * which wink always treats as sentence ends). Token attributes are read once for the whole
 * document, then sliced per sentence: far cheaper than asking each sentence for them.
 */
function englishSentences(blocks: SourceBlock[]): AnalyzedSentence[] {
  const nlp = englishNlp();
  const its = nlp.its;
  const starts: number[] = [];
  let combined = '';
  for (const block of blocks) {
    if (combined) combined += '\n\n';
    starts.push(combined.length);
    combined += block.text;
  }
  // wink ends a sentence at any period, even inside "Node.js" or "v2.5"; a dot between two letters or
  // digits is swapped for a look-alike (U+2024) while wink reads, and swapped back in what comes out.
  combined = combined.replace(innerDot, dotStandIn);
  const doc = nlp.readDoc(combined);
  const all = doc.tokens();
  const values = (all.out() as string[]).map(restoreDots);
  const types = all.out(its.type) as string[];
  const tags = all.out(its.pos) as string[];
  const stops = all.out(its.stopWordFlag) as unknown as boolean[];
  const out: AnalyzedSentence[] = [];
  let blockIndex = 0;
  let searchFrom = 0;
  let lastBlock = -1;
  doc.sentences().each((sentence: ItemSentence) => {
    const tokens = sentence.tokens();
    const count = tokens.length();
    if (count === 0) return;
    const first = tokens.itemAt(0).index();
    const protectedText = sentence.out();
    const text = restoreDots(protectedText);
    // Which block the sentence came from: where its text is found, reading forward.
    const at = combined.indexOf(protectedText, searchFrom);
    if (at >= 0) {
      searchFrom = at + protectedText.length;
      while (blockIndex + 1 < starts.length && (starts[blockIndex + 1] as number) <= at) blockIndex++;
    }
    const block = blocks[blockIndex] as SourceBlock;
    const terms: Array<Term | null> = [];
    const names = nameRuns();
    let words = 0;
    for (let i = first; i < first + count; i++) {
      const value = values[i] as string;
      const tag = tags[i] as string;
      const isWord = types[i] === 'word' && /\p{L}/u.test(value);
      if (isWord) words++;
      // A capitalised proper noun; the sentence's first word only as part of a longer name.
      if (tag === 'PROPN' && isWord && /^\p{Lu}/u.test(value)) names.add(value, words === 1);
      else names.end();
      const lower = value.toLowerCase();
      const content =
        isWord && !stops[i] && !stopwords.en.has(lower) && !englishWeak.has(lower) && value.length >= 2;
      if (!content || (lower.length < 3 && !/^\p{Lu}+$/u.test(value))) {
        terms.push(null);
        continue;
      }
      // Gerunds name activities ("repurposing", "marketing"): nouns for keyword purposes.
      const noun = tag === 'NOUN' || tag === 'PROPN' || (tag === 'VERB' && /\p{L}{3}ing$/u.test(lower));
      const initial = words === 1;
      // The first word is capitalised by grammar (names get their spelling back from the entities).
      const surface = initial ? lower : value;
      terms.push({ key: foldPlural(lower), surface, noun, modifier: noun || tag === 'ADJ', initial });
    }
    names.end();
    out.push({
      text,
      order: out.length,
      blockKind: block.kind,
      firstInBlock: blockIndex !== lastBlock,
      terms,
      names: names.names,
      initialNames: names.initial,
      wordCount: words,
    });
    lastBlock = blockIndex;
  });
  return out;
}

function frenchSentences(block: SourceBlock, startOrder: number): AnalyzedSentence[] {
  return splitSentences(block.text).map((text, index) => {
    const tokens = frenchTokens(text);
    const terms: Array<Term | null> = [];
    const names = nameRuns();
    tokens.forEach((token, i) => {
      // Capitalised runs, allowing "de" inside ("Banque de France").
      if (token.capitalized && !token.stop && !token.numeric) names.add(token.surface, i === 0);
      else if (names.isOpen() && (token.normal === 'de' || token.normal === 'du'))
        names.add(token.surface, false);
      else names.end();
      const content =
        !token.stop && !token.numeric && token.normal.length >= 3 && !frenchWeak.has(token.normal);
      if (!content) {
        terms.push(null);
        return;
      }
      const noun = !frenchVerbLike(token.normal);
      // The first word is capitalised by grammar, not because it is a name.
      const surface = i === 0 ? token.normal : token.surface;
      terms.push({ key: foldPlural(token.normal), surface, noun, modifier: noun, initial: i === 0 });
    });
    names.end();
    return {
      text,
      order: startOrder + index,
      blockKind: block.kind,
      firstInBlock: index === 0,
      terms,
      names: names.names,
      initialNames: names.initial,
      wordCount: tokens.length,
    };
  });
}

/** Collects runs of capitalised words; a run that starts the sentence is kept apart, its tail is a name. */
function nameRuns() {
  const names: string[] = [];
  const initial: string[] = [];
  let run: string[] = [];
  let startsSentence = false;
  return {
    names,
    initial,
    isOpen: () => run.length > 0,
    add(word: string, first: boolean): void {
      if (run.length === 0) startsSentence = first;
      run.push(word);
    },
    end(): void {
      while (run.length > 0 && /^(?:de|du)$/iu.test(run[run.length - 1] as string)) run.pop();
      if (run.length > 0 && startsSentence) {
        initial.push(run.join(' '));
        if (run.length > 1) names.push(run.slice(1).join(' '));
      } else if (run.length > 0) names.push(run.join(' '));
      run = [];
    },
  };
}

/**
 * The sentences of the prose blocks (headings excluded), reading at most `maxChars` characters so a
 * 20,000-word article costs no more than its first few thousand words.
 */
/**
 * A "word" of hundreds of characters (base64, a hash, a runaway URL) says nothing to a reader and
 * makes the tokenizer crawl: URLs over 200 characters are dropped, other words cut to 60 with "…".
 */
function shortenLongWords(text: string): string {
  return text.replace(/\S{61,}/gu, (word) =>
    /^\(?https?:\/\//iu.test(word) ? (word.length > 200 ? ' ' : word) : `${[...word].slice(0, 60).join('')}…`,
  );
}

export function analyzeSentences(
  blocks: SourceBlock[],
  language: Language,
  maxChars: number,
): AnalyzedSentence[] {
  const prose: SourceBlock[] = [];
  let budget = maxChars;
  for (const block of blocks) {
    if (block.kind === 'heading') continue;
    if (budget <= 0) break;
    let text = shortenLongWords(block.text);
    if (text.length > budget) {
      const cut = text.lastIndexOf(' ', budget);
      text = text.slice(0, cut > 0 ? cut : budget);
    }
    budget -= text.length;
    prose.push({ ...block, text });
  }
  if (language === 'en') return prose.length > 0 ? englishSentences(prose) : [];
  const sentences: AnalyzedSentence[] = [];
  for (const block of prose) sentences.push(...frenchSentences(block, sentences.length));
  return sentences;
}
