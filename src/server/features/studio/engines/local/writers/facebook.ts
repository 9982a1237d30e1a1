// Facebook: one post of short paragraphs (the brand's selling points included) and a few hashtags.
import type { PlatformLimits } from '../../../../../../shared/studio/platform-rules.ts';
import type { FacebookOutput } from '../../../../../../shared/studio/studio-types.ts';
import { ctaWithLink, hashtags, type Level, type Plan } from '../plan.ts';
import { paragraphs, pointsBlock } from './compose.ts';

export function writeFacebook(plan: Plan, level: Level, _limits: PlatformLimits): FacebookOutput {
  return {
    text: paragraphs([
      plan.hook,
      plan.lead,
      level < 2 && plan.audienceLine,
      pointsBlock(plan, level, 4),
      level < 2 && plan.keyMessage,
      level < 2 && plan.usps,
      level < 3 && plan.closing,
      ctaWithLink(plan, true),
      plan.signOff,
    ]),
    hashtags: hashtags(plan, 3),
  };
}
