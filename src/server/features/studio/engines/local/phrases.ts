// The tone phrasebook, English and French. Each tone leaves marks a reader can see: educational
// explains and numbers its takeaways; conversational says you/we, asks, contracts and uses a little
// emoji; opinionated speaks in the first person with strong claims; authority is formal, leads with
// data and never uses emoji. The brand tone is built from the brand profile's own words
// (brand-voice.ts) on top of the conversational phrasing.
import type { Language, Tone } from '../../../../../shared/studio/studio-types.ts';
import { capitalize, lowerFirst } from './text-utils.ts';

/** What the phrases may refer to. `brand` is the brand name, when the profile has one. */
export interface PhraseContext {
  topic: string;
  core: string;
  /** A ranked sentence not already used for the core or the points, for the closing line. */
  recap: string | null;
  brand: string | null;
}

export interface TonePhrases {
  hook(c: PhraseContext): string;
  /** The spoken first line of a video script. */
  videoHook(c: PhraseContext): string;
  pointsIntro(c: PhraseContext): string;
  bullet(index: number, text: string): string;
  closing(c: PhraseContext): string;
  /** Call to action for a post; names the brand when there is one. */
  cta(c: PhraseContext): string;
  videoCta(c: PhraseContext): string;
  subject(c: PhraseContext): string;
  greeting: string;
  /** Light emoji allowed (only the conversational tone). */
  emoji: boolean;
}

type Book = Record<Exclude<Tone, 'brand'>, TonePhrases>;

const T = (c: PhraseContext) => capitalize(c.topic);
const t = (c: PhraseContext) => lowerFirst(c.topic);

const english: Book = {
  educational: {
    hook: (c) => `${T(c)}: here's what you need to know.`,
    videoHook: (c) => `${T(c)}: here's what you need to know, in under a minute.`,
    pointsIntro: () => 'Key takeaways:',
    bullet: (i, text) => `${i + 1}. ${text}`,
    closing: (c) => (c.recap ? `Bottom line: ${c.recap}` : `That's the essentials of ${t(c)}.`),
    cta: (c) =>
      c.brand
        ? `Save this post, and follow ${c.brand} for more guides like this one.`
        : 'Save this post for later and share it with someone who needs it.',
    videoCta: (c) => (c.brand ? `Follow ${c.brand} for part two.` : 'Follow for part two.'),
    subject: (c) => `${T(c)}: what you need to know`,
    greeting: 'Hello,',
    emoji: false,
  },
  conversational: {
    hook: (c) => `Quick question: have you thought about ${t(c)} lately? 👋`,
    videoHook: (c) => `Okay, let's talk about ${t(c)} for a sec.`,
    pointsIntro: () => `Here's the gist 👇`,
    bullet: (_i, text) => `👉 ${text}`,
    closing: () => `What do you think? Have you tried this yourself? 💬`,
    cta: (c) =>
      c.brand
        ? `Tell us in the comments, the ${c.brand} team reads every one.`
        : "Tell me in the comments, I'll read every one.",
    videoCta: (c) => (c.brand ? `Follow ${c.brand}, we've got more coming!` : "Follow, there's more coming!"),
    subject: (c) => `Let's talk about ${t(c)}`,
    greeting: 'Hi there 👋',
    emoji: true,
  },
  opinionated: {
    hook: (c) => `Unpopular opinion: ${c.core}`,
    videoHook: (c) => `Unpopular opinion: ${c.core}`,
    pointsIntro: () => "Here's why I'm convinced:",
    bullet: (_i, text) => `→ ${text}`,
    closing: () => "I'm convinced this matters far more than most people think. Ignore it at your own risk.",
    cta: (c) =>
      c.brand
        ? `Agree or disagree? Tell me why, and follow ${c.brand} for more takes like this.`
        : 'Agree or disagree? Tell me why in the comments.',
    videoCta: () => 'Agree or disagree? Tell me in the comments.',
    subject: (c) => `Unpopular opinion on ${t(c)}`,
    greeting: 'Hi,',
    emoji: false,
  },
  authority: {
    hook: (c) => `Key findings: ${T(c)}.`,
    videoHook: (c) => `Key findings on ${t(c)}, in sixty seconds.`,
    pointsIntro: () => 'The evidence:',
    bullet: (_i, text) => `• ${text}`,
    closing: (c) => (c.recap ? `In summary: ${c.recap}` : 'These findings merit close attention.'),
    cta: (c) =>
      c.brand
        ? `Read the full analysis from ${c.brand}.`
        : 'Read the full analysis and draw your own conclusions.',
    videoCta: (c) => (c.brand ? `Follow ${c.brand} for the full analysis.` : 'Follow for the full analysis.'),
    subject: (c) => `Key findings: ${T(c)}`,
    greeting: 'Hello,',
    emoji: false,
  },
};

const french: Book = {
  educational: {
    hook: (c) => `${T(c)} : voici ce qu'il faut savoir.`,
    videoHook: (c) => `${T(c)} : voici ce qu'il faut savoir, en moins d'une minute.`,
    pointsIntro: () => 'À retenir :',
    bullet: (i, text) => `${i + 1}. ${text}`,
    closing: (c) => (c.recap ? `En résumé : ${c.recap}` : `Voilà l'essentiel sur ${t(c)}.`),
    cta: (c) =>
      c.brand
        ? `Enregistrez ce post et suivez ${c.brand} pour d'autres guides comme celui-ci.`
        : "Enregistrez ce post et partagez-le à quelqu'un qui en a besoin.",
    videoCta: (c) => (c.brand ? `Abonnez-vous à ${c.brand} pour la suite.` : 'Abonnez-vous pour la suite.'),
    subject: (c) => `${T(c)} : ce qu'il faut savoir`,
    greeting: 'Bonjour,',
    emoji: false,
  },
  conversational: {
    hook: (c) => `${T(c)} : on en parle ? 👋`,
    videoHook: (c) => `Bon, on parle de ${t(c)} deux minutes ?`,
    pointsIntro: () => "L'essentiel 👇",
    bullet: (_i, text) => `👉 ${text}`,
    closing: () => "Et vous, qu'en pensez-vous ? Vous avez déjà essayé ? 💬",
    cta: (c) =>
      c.brand
        ? `Dites-le-nous en commentaire, l'équipe ${c.brand} lit tout.`
        : 'Dites-le-moi en commentaire, je lis tout.',
    videoCta: (c) =>
      c.brand ? `Abonnez-vous à ${c.brand}, la suite arrive !` : 'Abonnez-vous, la suite arrive !',
    subject: (c) => `Et si on parlait de ${t(c)} ?`,
    greeting: 'Bonjour 👋',
    emoji: true,
  },
  opinionated: {
    hook: (c) => `Mon avis : ${c.core}`,
    videoHook: (c) => `Mon avis : ${c.core}`,
    pointsIntro: () => "Voici pourquoi j'en suis convaincu :",
    bullet: (_i, text) => `→ ${text}`,
    closing: () =>
      "Je suis convaincu que c'est bien plus important qu'on ne le croit. L'ignorer serait une erreur.",
    cta: (c) =>
      c.brand
        ? `D'accord ou pas ? Dites-moi pourquoi, et suivez ${c.brand} pour d'autres prises de position.`
        : "D'accord ou pas ? Dites-moi pourquoi en commentaire.",
    videoCta: () => "D'accord ou pas ? Dites-le-moi en commentaire.",
    subject: (c) => `Mon avis sur ${t(c)}`,
    greeting: 'Bonjour,',
    emoji: false,
  },
  authority: {
    hook: (c) => `Principaux enseignements : ${T(c)}.`,
    videoHook: (c) => `Les principaux enseignements sur ${t(c)}, en soixante secondes.`,
    pointsIntro: () => 'Les éléments clés :',
    bullet: (_i, text) => `• ${text}`,
    closing: (c) => (c.recap ? `En synthèse : ${c.recap}` : 'Ces constats méritent toute votre attention.'),
    cta: (c) => (c.brand ? `Consultez l'analyse complète de ${c.brand}.` : "Consultez l'analyse complète."),
    videoCta: (c) =>
      c.brand
        ? `Abonnez-vous à ${c.brand} pour l'analyse complète.`
        : "Abonnez-vous pour l'analyse complète.",
    subject: (c) => `Principaux enseignements : ${T(c)}`,
    greeting: 'Madame, Monsieur,',
    emoji: false,
  },
};

/** "chez Acme", but "Chez Marie" alone when the name already starts with "chez". */
export function chez(brand: string): string {
  return /^chez\s/iu.test(brand) ? brand : `chez ${brand}`;
}

export const phrasebook: Record<Language, Book> = { en: english, fr: french };

/** Lines that use the brand profile, whatever the tone. */
export const brandLines = {
  en: {
    audience: (audience: string) => `Written for ${lowerFirst(audience)}.`,
    keyMessage: (brand: string | null, message: string) =>
      brand ? `Our belief at ${brand}: ${message}` : `What we believe: ${message}`,
    usps: (brand: string | null, usps: string) => (brand ? `Why ${brand}? ${usps}` : `Why us? ${usps}`),
    team: (brand: string) => `The ${brand} team`,
    readMore: 'Read more:',
    linkInBio: 'Link in bio.',
  },
  fr: {
    audience: (audience: string) => `Écrit pour ${lowerFirst(audience)}.`,
    keyMessage: (brand: string | null, message: string) =>
      brand ? `${capitalize(chez(brand))}, nous y croyons : ${message}` : `Notre conviction : ${message}`,
    usps: (brand: string | null, usps: string) =>
      brand ? `Pourquoi ${brand} ? ${usps}` : `Pourquoi nous ? ${usps}`,
    team: (brand: string) => `L'équipe ${brand}`,
    readMore: 'Pour aller plus loin :',
    linkInBio: 'Lien en bio.',
  },
} as const;
