// The text signals behind the viral score's hook, readability and structure reasons (English and
// French). Weights are documented in viral-score.ts.

interface Points {
  points: number;
  note: string;
}

const strongOpeners = [
  // English
  'why',
  'how',
  'what',
  'stop',
  "here's",
  'here is',
  'you',
  'your',
  'most people',
  'nobody',
  'the secret',
  'the truth',
  'never',
  'everyone',
  'imagine',
  'forget',
  'unpopular opinion',
  'hot take',
  'breaking',
  "don't",
  'the biggest',
  'the best',
  'the worst',
  'did you know',
  'want to',
  'new:',
  // French
  'pourquoi',
  'comment',
  'voici',
  'vous',
  'votre',
  'arrêtez',
  'la plupart',
  'personne',
  'le secret',
  'la vérité',
  'et si',
  'imaginez',
  'oubliez',
  'jamais',
  'tout le monde',
  'saviez-vous',
  'ne faites plus',
  'le meilleur',
  'la meilleure',
  'le pire',
  'opinion impopulaire',
  'nouveau :',
];
const weakOpeners = [
  'in this article',
  'in this post',
  'today i',
  'today we',
  'hello',
  'hi',
  'hey',
  'i wanted to',
  'i want to share',
  'just',
  'so,',
  'this article',
  'this post',
  'as you know',
  'welcome',
  'dans cet article',
  'dans ce post',
  "aujourd'hui",
  'bonjour',
  'salut',
  'je voulais',
  'cet article',
  'comme vous le savez',
  'bienvenue',
];

function startsWithPhrase(text: string, phrases: readonly string[]): string | null {
  for (const phrase of phrases) {
    if (!text.startsWith(phrase)) continue;
    const next = text.charAt(phrase.length);
    if (next === '' || !/[\p{L}\p{N}]/u.test(next) || !/[\p{L}\p{N}]$/u.test(phrase)) return phrase;
  }
  return null;
}

/** The opening sentence: a question, a number, a strong or weak opening, and its length. */
export function hookPoints(hook: string): Points {
  // What a reader sees first: the first line, up to its first sentence end (a tweet is one line).
  const firstLine = hook.trim().split('\n')[0]?.trim() ?? '';
  const line = firstLine.match(/^.*?[.!?…](?=\s|$)/u)?.[0] ?? firstLine;
  const opening = line
    .toLowerCase()
    .replace(/[’`]/g, "'")
    .replace(/^[^\p{L}\p{N}]+/u, '');
  const good: string[] = [];
  const bad: string[] = [];
  let points = 0;
  if (line.includes('?')) {
    points += 1;
    good.push('asks a question');
  }
  if (/\p{N}/u.test(line)) {
    points += 1;
    good.push('has a number');
  }
  const strong = startsWithPhrase(opening, strongOpeners);
  const weak = strong ? null : startsWithPhrase(opening, weakOpeners);
  if (strong) {
    points += 1;
    good.push(`opens strongly ("${strong}…")`);
  } else if (weak) {
    points -= 1;
    bad.push(`opens weakly ("${weak}…")`);
  }
  const length = [...line].length;
  if (length >= 20 && length <= 110) {
    points += 0.5;
    good.push(`a ${length}-character opening reads at a glance`);
  } else if (length > 160) {
    points -= 1;
    bad.push(`a ${length}-character opening buries the point`);
  } else if (length < 20) bad.push(`a ${length}-character opening says little`);
  points = Math.max(-2, Math.min(3, points));
  const parts = [
    good.length ? `it ${good.join(', ')}` : '',
    bad.length ? `${good.length ? 'but ' : 'it '}${bad.join(', ')}` : '',
  ];
  const detail = parts.filter(Boolean).join('; ') || 'no question, number or strong opening';
  return { points, note: `Hook: ${detail}.` };
}

/**
 * LIX (Björnsson): words per sentence + 100 × share of words over six letters. It needs no
 * syllable counting, so it works the same for English and French.
 */
export function readabilityPoints(text: string): Points {
  const sentences = text
    .split(/[.!?…]+(?=\s|$)|\n+/u)
    .map((sentence) => wordsOf(sentence))
    .filter((words) => words.length > 0);
  const words = sentences.flat();
  if (words.length === 0) return { points: 0, note: 'Readability: nothing to read.' };
  const long = words.filter((word) => (word.match(/\p{L}/gu)?.length ?? 0) > 6).length;
  const perSentence = words.length / sentences.length;
  const lix = perSentence + (100 * long) / words.length;
  const detail = `${perSentence.toFixed(1)} words a sentence, ${Math.round((100 * long) / words.length)} % long words (LIX ${Math.round(lix)})`;
  if (lix <= 40) return { points: 1, note: `Readability: easy — ${detail}.` };
  if (lix <= 50) return { points: 0.5, note: `Readability: fairly easy — ${detail}.` };
  if (lix <= 58) return { points: 0, note: `Readability: medium — ${detail}.` };
  if (lix <= 65)
    return { points: -1, note: `Readability: hard — ${detail}; shorter sentences and words would help.` };
  return { points: -2, note: `Readability: very hard — ${detail}; shorter sentences and words would help.` };
}

function wordsOf(text: string): string[] {
  return text.split(/\s+/).filter((word) => /\p{L}/u.test(word) && !/^[#@]|:\/\/|^www\./u.test(word));
}

const listItem = /^\s*(?:[-•*▪➡→✅✔👉]|\d+[.)])\s*/u;
const callToAction =
  /\?|(?<!\p{L})(comment|share|follow|subscribe|save|click|read|try|join|sign up|download|tell me|let me know|reply|dm|link in bio|check out|learn more|register|book|commentez|partagez|suivez|abonnez|enregistrez|cliquez|lisez|essayez|rejoignez|inscrivez|téléchargez|dites-moi|répondez|lien en bio|découvrez|réservez|écrivez)(?!\p{L})/iu;

/** Line breaks, lists and a call to action; a long block without a break costs a point. */
export function structurePoints(layout: string, cta: string, platform: string): Points {
  const lines = layout.split('\n').filter((line) => line.trim() !== '');
  const good: string[] = [];
  const bad: string[] = [];
  let points = 0;
  const longestBlock = Math.max(0, ...layout.split(/\n\s*\n|\n/).map((block) => block.length));
  if (lines.length >= 3 && layout.length > 280) {
    points += 0.5;
    good.push('short paragraphs');
  }
  if (longestBlock > 600 && platform !== 'email') {
    points -= 1;
    bad.push(`a ${longestBlock}-character block without a line break`);
  }
  if (lines.filter((line) => listItem.test(line)).length >= 2) {
    points += 0.5;
    good.push('a list');
  }
  if (cta.trim() && callToAction.test(cta)) {
    points += 0.5;
    good.push('ends with a call to action');
  } else bad.push('no clear call to action');
  points = Math.max(-1, Math.min(1.5, points));
  const detail = [good.join(', '), bad.join(', ')].filter(Boolean).join('; ');
  return { points, note: `Structure: ${detail}.` };
}
