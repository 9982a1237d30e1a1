// A viral score 1–10 from transparent heuristics, each reason a signed contribution a user can read.
//
// score = clamp(round(BASE + Σ points), 1, 10), BASE = 4 (rounding halves up). Each factor gives
// one reason, its points within a fixed range, in steps of 0.5:
//   hook         −2 … +3   the opening sentence: a question (+1), a number (+1), a strong opening (+1) or
//                          a weak one (−1), its length (+0.5 for 20–110 characters, −1 past 160);
//   length       −1 … +2   the platform's sweet spot (+2), near it (+1), far off (−1);
//   hashtags     −1 … +1   the platform's ideal count (+1), none (−0.5), far too many (−1);
//   readability  −2 … +1   LIX: sentence length and the share of words over six letters;
//   structure    −1 … +1.5 line breaks, lists, a call to action; a wall of text costs 1.
// Deterministic: the same output always gets the same score.

import { renderPost, renderTiktokScript } from './platform-check.ts';
import { defaultPlatformLimits, type PlatformLimits } from './platform-limits.ts';
import type { Platform, PlatformOutputs, ViralScore } from './studio-types.ts';
import { characterCount, hashtagsIn, weightedLengthX } from './text-measure.ts';
import { hookPoints, readabilityPoints, structurePoints } from './viral-signals.ts';
import { stripNumbering } from './x-thread.ts';

export const viralScoreBase = 4;

type Reason = ViralScore['reasons'][number];

interface Shape {
  /** The opening a reader sees first. */
  hook: string;
  /** The prose judged for readability, without hashtags. */
  prose: string;
  /** Text judged for structure (line breaks, lists). */
  layout: string;
  cta: string;
  hashtags: number;
  length: Reason;
}

const idealHashtags: Record<Platform, [number, number] | null> = {
  x: [1, 2],
  threads: [0, 1],
  linkedin: [3, 5],
  instagram: [5, 15],
  tiktok: [3, 5],
  facebook: [0, 2],
  email: null,
};

/** Scores one output; `limits` only matter for what counts as "near the limit". */
export function scoreOutput<P extends Platform>(
  platform: P,
  output: PlatformOutputs[P],
  limits: PlatformLimits = defaultPlatformLimits,
): ViralScore {
  const shape = shapeOf(platform, output as PlatformOutputs[Platform], limits);
  const reasons: Reason[] = [
    { factor: 'hook', ...hookPoints(shape.hook) },
    shape.length,
    hashtagReason(platform, shape.hashtags),
    { factor: 'readability', ...readabilityPoints(shape.prose) },
    { factor: 'structure', ...structurePoints(shape.layout, shape.cta, platform) },
  ];
  const total = reasons.reduce((sum, reason) => sum + reason.points, viralScoreBase);
  return { score: Math.min(10, Math.max(1, Math.round(total))), reasons };
}

function shapeOf(platform: Platform, output: PlatformOutputs[Platform], limits: PlatformLimits): Shape {
  const rendered = renderPost(platform, output as never);
  const withoutTags = (text: string) => text.replace(/(?<![\p{L}\p{N}_&#])#[\p{L}\p{N}_]+/gu, ' ').trim();
  const lastLine = (text: string) => text.trim().split('\n').pop() ?? '';
  switch (platform) {
    case 'x': {
      const tweets = rendered.map(stripNumbering);
      const mean = tweets.reduce((sum, tweet) => sum + weightedLengthX(tweet), 0) / tweets.length;
      return {
        hook: tweets[0],
        prose: withoutTags(tweets.join('\n')),
        layout: tweets.join('\n'),
        cta: tweets[tweets.length - 1],
        hashtags: hashtagsIn(rendered.join(' ')).length,
        length: band(
          mean,
          [70, 140],
          [40, 220],
          [15, limits.x.maxWeightedLength + 1],
          (n) => `tweets average ${Math.round(n)} weighted characters (sweet spot 70–140)`,
        ),
      };
    }
    case 'threads': {
      const mean = rendered.reduce((sum, post) => sum + characterCount(post), 0) / rendered.length;
      return {
        hook: rendered[0],
        prose: withoutTags(rendered.join('\n')),
        layout: rendered.join('\n'),
        cta: rendered[rendered.length - 1],
        hashtags: hashtagsIn(rendered.join(' ')).length,
        length: band(
          mean,
          [100, 300],
          [50, 450],
          [20, Infinity],
          (n) => `posts average ${Math.round(n)} characters (sweet spot 100–300)`,
        ),
      };
    }
    case 'linkedin': {
      const o = output as PlatformOutputs['linkedin'];
      return {
        hook: o.hook,
        prose: [o.hook, o.body, o.cta].join('\n'),
        layout: [o.hook, o.body, o.cta].filter(Boolean).join('\n\n'),
        cta: o.cta,
        hashtags: hashtagsIn(rendered[0]).length,
        length: band(
          characterCount(rendered[0]),
          [1200, 2000],
          [600, 2600],
          [300, Infinity],
          (n) => `${n} characters (sweet spot 1,200–2,000)`,
        ),
      };
    }
    case 'instagram':
    case 'facebook': {
      const text =
        platform === 'instagram'
          ? (output as PlatformOutputs['instagram']).caption
          : (output as PlatformOutputs['facebook']).text;
      const length =
        platform === 'instagram'
          ? band(
              characterCount(text),
              [125, 2000],
              [60, 2200],
              [30, Infinity],
              (n) => `a ${n}-character caption (sweet spot 125–2,000)`,
            )
          : band(
              characterCount(text),
              [40, 250],
              [20, 600],
              [10, 1500],
              (n) => `${n} characters (sweet spot 40–250)`,
            );
      return {
        hook: text,
        prose: withoutTags(text),
        layout: text,
        cta: lastLine(text),
        hashtags: hashtagsIn(rendered[0]).length,
        length,
      };
    }
    case 'tiktok': {
      const o = output as PlatformOutputs['tiktok'];
      const script = renderTiktokScript(o);
      const words = script.split(/\s+/).filter(Boolean).length;
      // About 2.6 spoken words a second (≈155 a minute).
      const note = (n: number) =>
        `${n} spoken words ≈ ${Math.round(n / 2.6)} s of talking (sweet spot 30–60 s, 75–160 words)`;
      return {
        hook: o.hook,
        prose: script,
        layout: script,
        cta: o.cta,
        hashtags: hashtagsIn(rendered[0]).length,
        length: band(words, [75, 160], [50, 200], [30, 260], note),
      };
    }
    case 'email': {
      const o = output as PlatformOutputs['email'];
      return {
        hook: o.subject,
        prose: o.text,
        layout: o.text,
        cta: lastLine(o.text),
        hashtags: 0,
        length: band(
          characterCount(o.subject),
          [30, 60],
          [20, limits.email.maxSubjectChars],
          [10, Infinity],
          (n) => `a ${n}-character subject (sweet spot 30–60)`,
        ),
      };
    }
  }
}

/** +2 inside the sweet spot, +1 near it, 0 a bit off, −1 outside the acceptable range. */
function band(
  value: number,
  sweet: [number, number],
  near: [number, number],
  acceptable: [number, number],
  note: (value: number) => string,
): Reason {
  const within = ([low, high]: [number, number]) => value >= low && value <= high;
  if (within(sweet)) return { factor: 'length', points: 2, note: `Length fits: ${note(value)}.` };
  if (within(near)) return { factor: 'length', points: 1, note: `Length is close: ${note(value)}.` };
  if (within(acceptable)) return { factor: 'length', points: 0, note: `Length is off: ${note(value)}.` };
  return { factor: 'length', points: -1, note: `Length is far off: ${note(value)}.` };
}

function hashtagReason(platform: Platform, count: number): Reason {
  const ideal = idealHashtags[platform];
  if (!ideal) return { factor: 'hashtags', points: 0, note: 'Email needs no hashtags.' };
  const [low, high] = ideal;
  const range = low === high ? `${low}` : `${low}–${high}`;
  const what = `${count} hashtag${count === 1 ? '' : 's'} (ideal here: ${range})`;
  if (count >= low && count <= high) return { factor: 'hashtags', points: 1, note: `${what}.` };
  if (count === 0)
    return { factor: 'hashtags', points: -0.5, note: `${what}: add a few so people can find it.` };
  if (count > Math.max(2 * high, high + 3))
    return { factor: 'hashtags', points: -1, note: `${what}: far too many look like spam.` };
  return { factor: 'hashtags', points: 0, note: `${what}.` };
}
