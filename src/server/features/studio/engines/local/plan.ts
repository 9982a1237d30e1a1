// What every platform writer draws on: the analysis turned into tone-marked lines (hook, points,
// closing, call to action), the brand profile's lines, and the hashtags. Built once per request.
import type { BrandVoice, Language, Tone } from '../../../../../shared/studio/studio-types.ts';
import type { TextAnalysis } from './analysis.ts';
import { brandName, brandTonePhrases, signOff } from './brand-voice.ts';
import { hashtagsFrom } from './keywords.ts';
import { brandLines, type PhraseContext, phrasebook, type TonePhrases } from './phrases.ts';
import { clip, listItems, sentence, stripEmoji, unpunctuated } from './text-utils.ts';

export interface Plan {
  language: Language;
  tone: Tone;
  phrases: TonePhrases;
  context: PhraseContext;
  hook: string;
  /** The core message, unless the hook already quotes it. */
  lead: string | null;
  /** Key points (authority: figures first), clipped; never the core message again. */
  points: string[];
  closing: string;
  cta: string;
  signOff: string | null;
  audienceLine: string | null;
  keyMessage: string | null;
  usps: string | null;
  /** The source's first link, offered with the call to action. */
  link: string | null;
  /** Keyword hashtags, best first; the brand's own tag is added by `hashtags()`. */
  keywordTags: string[];
  brandTag: string | null;
}

const maxPointChars = 220;

/** Shrinking levels a writer honours when its first attempt breaks a rule: 0 = everything. */
export type Level = 0 | 1 | 2 | 3;
export const pointsAt: Record<Level, number> = { 0: 5, 1: 3, 2: 1, 3: 0 };

function samePoint(a: string, b: string): boolean {
  return unpunctuated(a).toLowerCase() === unpunctuated(b).toLowerCase();
}

export function buildPlan(source: TextAnalysis, tone: Tone, brand: BrandVoice | null): Plan {
  const { analysis } = source;
  const language = analysis.language;
  const phrases = tone === 'brand' ? brandTonePhrases(language, brand) : phrasebook[language][tone];
  // Authority leads with figures; the others with the core message. No emoji in a formal text.
  const formal = <T extends string | null>(text: T): T =>
    (tone === 'authority' && text !== null ? stripEmoji(text) : text) as T;
  const clean = (text: string) => clip(formal(text), maxPointChars);
  const core = clean(
    sentence(tone === 'authority' && source.data[0] ? source.data[0] : analysis.coreMessage),
  );
  const context: PhraseContext = {
    topic: clean(analysis.topic) || analysis.topic,
    core: core || analysis.coreMessage,
    recap: null,
    brand: formal(brandName(brand)) || null,
  };
  const candidates = tone === 'authority' ? [...source.data, ...analysis.keyPoints] : analysis.keyPoints;
  const points: string[] = [];
  for (const candidate of candidates) {
    const point = clean(sentence(candidate));
    if (!point || samePoint(point, context.core) || points.some((p) => samePoint(p, point))) continue;
    points.push(point);
    if (points.length >= 5) break;
  }
  context.recap =
    [analysis.coreMessage, ...source.ranked]
      .map((text) => clean(sentence(text)))
      .find((text) => text && !samePoint(text, context.core) && !points.some((p) => samePoint(p, text))) ??
    null;
  const hook = phrases.hook(context);
  const lines = brandLines[language];
  const declaredAudience = brand?.targetAudience?.trim() ? analysis.audience : null;
  const keyMessage = listItems(brand?.keyMessages, 1)[0];
  const usps = listItems(brand?.uniqueSellingPoints, 3).map(unpunctuated).join('; ');
  const name = context.brand;
  return {
    language,
    tone,
    phrases,
    context,
    hook: clip(hook, 400),
    lead: hook.includes(context.core) ? null : context.core,
    points,
    closing: clip(phrases.closing(context), 400),
    cta: clip(phrases.cta(context), 300),
    signOff: formal(signOff(language, tone, brand)),
    audienceLine: declaredAudience ? clean(lines.audience(declaredAudience)) : null,
    keyMessage: keyMessage ? clean(sentence(lines.keyMessage(name, unpunctuated(keyMessage)))) : null,
    usps: usps ? clean(sentence(lines.usps(name, usps))) : null,
    // A link longer than a line is likely a tracking URL: not worth a post's room.
    link: source.links.find((url) => url.length <= 200) ?? null,
    keywordTags: hashtagsFrom(source.tagWords),
    brandTag: name ? (hashtagsFrom([name])[0] ?? null) : null,
  };
}

/** `count` hashtags: the best keyword tags, the brand's tag last when there is room. */
export function hashtags(plan: Plan, count: number): string[] {
  if (count <= 0) return [];
  const tags = plan.keywordTags.filter((tag) => tag.toLowerCase() !== plan.brandTag?.toLowerCase());
  if (!plan.brandTag) return tags.slice(0, count);
  return [...tags.slice(0, count - 1), plan.brandTag];
}

/** The key points a writer may use at this level, as tone-formatted bullets. */
export function bullets(plan: Plan, level: Level, max = 5): string[] {
  return plan.points
    .slice(0, Math.min(max, pointsAt[level]))
    .map((point, i) => plan.phrases.bullet(i, point));
}

/** The call to action, with the source's link when the platform makes links clickable. */
export function ctaWithLink(plan: Plan, withLink: boolean): string {
  return withLink && plan.link ? `${plan.cta} ${brandLines[plan.language].readMore} ${plan.link}` : plan.cta;
}
