// X: one flowing text made into a numbered thread by buildXThread (sentence boundaries, weighted
// length as X counts it), two hashtags on the last tweet.
import { buildXThread, type PlatformLimits } from '../../../../../../shared/studio/platform-rules.ts';
import type { XOutput } from '../../../../../../shared/studio/studio-types.ts';
import { ctaWithLink, hashtags, type Level, type Plan } from '../plan.ts';
import { flatPoints, paragraphs } from './compose.ts';

export function writeX(plan: Plan, level: Level, limits: PlatformLimits): XOutput {
  const text = paragraphs([
    plan.hook,
    plan.lead,
    ...flatPoints(plan, level),
    level < 2 && plan.keyMessage,
    level < 3 && plan.closing,
    ctaWithLink(plan, true),
    plan.signOff,
  ]);
  return buildXThread(text, hashtags(plan, 2), limits);
}
