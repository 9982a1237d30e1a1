// The `brand` tone, built from the brand profile's own words: the words of its tone field open the
// post ("The Chez Marie take, warm and witty: …") and its personality signs it off ("— Chez Marie,
// a neighbourhood bistro that loves seasonal produce"). A profile with neither a tone nor a
// personality has no voice to copy: the conversational phrasing is used, with the brand's name.
import type { BrandVoice, Language } from '../../../../../shared/studio/studio-types.ts';
import { brandLines, chez, type PhraseContext, phrasebook, type TonePhrases } from './phrases.ts';
import { capitalize, clip, lowerFirst, unpunctuated } from './text-utils.ts';

/** Up to three short descriptors from the tone field ("Warm, witty and direct" → warm, witty, direct). */
export function toneWords(brand: BrandVoice | null): string[] {
  if (!brand?.tone) return [];
  return brand.tone
    .split(/[,;/\n|•]|\s+(?:and|et|&)\s+/iu)
    .map((word) => unpunctuated(word.replace(/\s+/gu, ' ')).trim())
    .filter((word) => /\p{L}/u.test(word) && word.split(' ').length <= 4 && [...word].length <= 40)
    .slice(0, 3)
    .map(lowerFirst);
}

function joinWords(words: string[], language: Language): string {
  if (words.length <= 1) return words[0] ?? '';
  const and = language === 'fr' ? 'et' : 'and';
  return `${words.slice(0, -1).join(', ')} ${and} ${words[words.length - 1]}`;
}

const playful =
  /playful|fun|friendly|cheerful|casual|warm|upbeat|ludique|joyeu|enjoué|décontracté|chaleureu|fun/iu;

/** The brand name as the profile gives it (trimmed, on one line), or null. */
export function brandName(brand: BrandVoice | null): string | null {
  const name = brand?.brandName?.replace(/\s+/gu, ' ').trim();
  return name ? clip(name, 60) : null;
}

export function brandTonePhrases(language: Language, brand: BrandVoice | null): TonePhrases {
  const words = toneWords(brand);
  const personality = brand?.personality?.trim();
  if (words.length === 0 && !personality) return phrasebook[language].conversational;
  const described = joinWords(words, language);
  const fr = language === 'fr';
  const lead = (c: PhraseContext) =>
    c.brand ? (fr ? `Le regard de ${c.brand}` : `The ${c.brand} take`) : fr ? 'Notre regard' : 'Our take';
  const hook = (c: PhraseContext) =>
    described
      ? `${lead(c)}, ${described}${fr ? ' :' : ':'} ${c.core}`
      : `${lead(c)}${fr ? ' :' : ':'} ${c.core}`;
  const emoji = playful.test(brand?.tone ?? '');
  return {
    hook,
    videoHook: hook,
    pointsIntro: (c) =>
      fr
        ? c.brand
          ? `Ce qui compte pour nous ${chez(c.brand)} :`
          : 'Ce qui compte pour nous :'
        : c.brand
          ? `What matters to us at ${c.brand}:`
          : 'What matters to us:',
    bullet: (_i, text) => (emoji ? `✨ ${text}` : `– ${text}`),
    closing: (c) =>
      fr
        ? c.brand
          ? `C'est ça, l'esprit ${c.brand}.`
          : 'Voilà notre façon de voir les choses.'
        : c.brand
          ? `That's the ${c.brand} way.`
          : "That's how we see it.",
    cta: (c) =>
      fr
        ? c.brand
          ? `Suivez ${c.brand} pour la suite.`
          : 'Suivez-nous pour la suite.'
        : c.brand
          ? `Follow ${c.brand} for more.`
          : 'Follow us for more.',
    videoCta: (c) =>
      fr
        ? c.brand
          ? `Abonnez-vous à ${c.brand} !`
          : 'Abonnez-vous !'
        : c.brand
          ? `Follow ${c.brand}!`
          : 'Follow us!',
    subject: (c) => (c.brand ? `${c.brand}${fr ? ' :' : ':'} ${capitalize(c.topic)}` : capitalize(c.topic)),
    greeting: fr ? 'Bonjour,' : 'Hello,',
    emoji,
  };
}

/**
 * How a post is signed: in the brand tone, the brand and its personality; in the other tones, the
 * brand's team (authority: the brand alone). Null without a brand name or personality.
 */
export function signOff(language: Language, tone: string, brand: BrandVoice | null): string | null {
  const name = brandName(brand);
  const personality = brand?.personality ? clip(unpunctuated(brand.personality), 100) : '';
  if (tone === 'brand' && personality)
    return `— ${name ? `${name}, ` : ''}${name ? lowerFirst(personality) : personality}`;
  if (!name) return null;
  if (tone === 'authority') return `— ${name}`;
  return `— ${brandLines[language].team(name)}`;
}
