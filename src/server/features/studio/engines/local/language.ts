// Language detection (English or French) and the French text tools the English model cannot give:
// wink-eng-lite-web-model is English only, so French gets its own stopwords, sentence splitter and
// word tokenizer here.
import type { Language } from '../../../../../shared/studio/studio-types.ts';

const englishStopwords = `a about above after again against all also am an and any are as at be because been before
being below between both but by can could did do does doing down during each even few for from further get got had has
have having he her here hers herself him himself his how however i if in into is it its itself just let like made make
many may me might more most much must my myself new no nor not now of off on once one only or other our ours
ourselves out over own really same she should so some such than that the their theirs them themselves then there these
they this those through to too under until up upon us use used using very via was we well were what when where which
while who whom why will with within without would yet you your yours yourself yourselves it's don't can't won't isn't
we're you're they're i'm i've we've you've that's there's here's let's`;

const frenchStopwords = `à afin ai aie aient ainsi alors au aucun aucune auquel aura aurai auraient aurais aurait aussi
autre autres aux auxquelles auxquels avaient avais avait avant avec avez aviez avions avoir avons ayant c ça car ce ceci
cela celle celles celui cependant certains ces cet cette ceux chaque chez ci comme comment d dans de depuis des desquels
deux doit donc dont du elle elles en encore entre es est et étaient étais était étant été être eu eux fait faire font
ici il ils j je jusqu l la laquelle le lequel les lesquels leur leurs lors lorsque lui m ma mais me même mêmes mes moi
moins mon n ne ni nos notre nous on ont ou où par parce pas peu peut peuvent plus plusieurs pour pourquoi puis qu quand
que quel quelle quelles quels qui quoi s sa sans se sera serait ses si sien soi soit son sont sous suis sur t ta tandis
te tes toi ton tous tout toute toutes très tu un une unes uns vers voici voilà vos votre vous y`;

export const stopwords: Record<Language, ReadonlySet<string>> = {
  en: new Set(englishStopwords.split(/\s+/u)),
  fr: new Set(frenchStopwords.split(/\s+/u)),
};

// Words frequent in one language and rare in the other: the evidence detectLanguage weighs.
const englishMarkers = new Set(
  `the and of to is that it for with was are this be have from you not by at or which but we they their has had were
  what when will would there been can about your our all more also how than these its into who should`.split(
    /\s+/u,
  ),
);
const frenchMarkers = new Set(
  `le la les des du et est une un pour dans que qui pas sur au aux avec ce cette ces sont nous vous ils elles mais
  ou donc leur leurs être avoir fait plus très aussi comme tout tous même entre sans chez été était sont`.split(
    /\s+/u,
  ),
);
const elision = /^(?:l|d|qu|n|s|c|j|m|t|jusqu|lorsqu|puisqu)['’]/u;

/** Lower-cased words (letters, digits, inner apostrophes and hyphens). */
export function words(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu) ?? [];
}

/**
 * English or French, from stopword ratios over the first 3,000 words (code and URLs removed first,
 * so a code block cannot sway it). French elisions (l', d', qu'…) count as French evidence. Ties and
 * texts with no evidence at all are English.
 */
export function detectLanguage(text: string): Language {
  const prose = text
    .slice(0, 60_000)
    .replace(/```[\s\S]*?(?:```|$)|~~~[\s\S]*?(?:~~~|$)|`[^`\n]*`/gu, ' ')
    .replace(/https?:\/\/\S+/giu, ' ');
  let english = 0;
  let french = 0;
  for (const word of words(prose).slice(0, 3000)) {
    if (elision.test(word)) {
      french++;
      continue;
    }
    if (englishMarkers.has(word)) english++;
    if (frenchMarkers.has(word)) french++;
  }
  if (french === english) {
    // Few or no function words (a title, a list of names): accented letters decide.
    const accents = prose.match(/[éèêàâçùûîôœë]/giu)?.length ?? 0;
    return accents >= 2 ? 'fr' : 'en';
  }
  return french > english ? 'fr' : 'en';
}

const frenchAbbreviations = new Set(
  'm mm mme mmes mlle dr pr st ste etc cf ex p pp env vol no nº av apr j.-c fig chap éd art'.split(' '),
);

/**
 * Sentences of one block: ends at . ! ? … (French puts a space before ! and ?), when followed by
 * whitespace and a capital, a digit or an opening quote. URLs, decimals and common abbreviations
 * (M., Mme, p. ex.) never end a sentence.
 */
export function splitSentences(text: string): string[] {
  const sentences: string[] = [];
  const end = /[.!?…]+[»"”’')\]]*(?=\s+[«"“(\p{Lu}\p{N}¿¡]|\s*$)/gu;
  let start = 0;
  for (const match of text.matchAll(end)) {
    const at = match.index ?? 0;
    // The word the punctuation ends (read backwards from it: linear however long the sentence).
    const lastWord = text.slice(Math.max(start, text.lastIndexOf(' ', at - 1) + 1), at);
    if (/https?:\/\//iu.test(lastWord) && match[0].startsWith('.')) continue;
    if (match[0] === '.' && frenchAbbreviations.has(lastWord.toLowerCase().replace(/^[«"(]/u, ''))) continue;
    if (match[0] === '.' && /^\p{Lu}$/u.test(lastWord)) continue; // an initial: "J. Dupont"
    const sentence = text.slice(start, at + match[0].length).trim();
    if (sentence) sentences.push(sentence);
    start = at + match[0].length;
  }
  const rest = text.slice(start).trim();
  if (rest) sentences.push(rest);
  return sentences;
}

export interface FrenchToken {
  surface: string;
  normal: string;
  stop: boolean;
  capitalized: boolean;
  numeric: boolean;
}

/** Words of a French sentence, elided articles split off (l'entreprise → entreprise). */
export function frenchTokens(sentence: string): FrenchToken[] {
  const tokens: FrenchToken[] = [];
  for (const match of sentence.matchAll(/[\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*/gu)) {
    let surface = match[0];
    const elided = /^(?:[ldnscjmt]|qu|jusqu|lorsqu|puisqu)['’](.+)$/iu.exec(surface);
    if (elided) surface = elided[1] as string;
    const normal = surface.toLowerCase();
    tokens.push({
      surface,
      normal,
      stop: stopwords.fr.has(normal),
      capitalized: /^\p{Lu}/u.test(surface),
      numeric: /^\p{N}/u.test(surface),
    });
  }
  return tokens;
}
