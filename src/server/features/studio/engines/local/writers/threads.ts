// Threads: a short chain of posts, whole paragraphs kept together where they fit, each post within
// the character and link limits. No hashtags (Threads allows one topic tag; the text carries it).
import {
  characterCount,
  countLinks,
  type PlatformLimits,
} from '../../../../../../shared/studio/platform-rules.ts';
import type { ThreadsOutput } from '../../../../../../shared/studio/studio-types.ts';
import { ctaWithLink, type Level, type Plan } from '../plan.ts';
import { packParagraphs, pointsBlock } from './compose.ts';

export function writeThreads(plan: Plan, level: Level, limits: PlatformLimits): ThreadsOutput {
  const { maxChars, maxLinks } = limits.threads;
  const fits = (post: string) => characterCount(post) <= maxChars && countLinks(post) <= maxLinks;
  const blocks = [
    plan.lead ? `${plan.hook}\n\n${plan.lead}` : plan.hook,
    pointsBlock(plan, level, 3),
    level < 2 ? plan.keyMessage : null,
    level < 3 ? plan.closing : null,
    [ctaWithLink(plan, level < 3), plan.signOff].filter(Boolean).join('\n\n'),
  ].filter((block): block is string => Boolean(block?.trim()));
  return { posts: packParagraphs(blocks, fits) };
}
