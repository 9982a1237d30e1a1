// LinkedIn: an opening hook (the line shown before "…see more"), a body of short paragraphs with
// the key points, the brand's key message and selling points, then a call to action and hashtags.
import type { PlatformLimits } from '../../../../../../shared/studio/platform-rules.ts';
import type { LinkedinOutput } from '../../../../../../shared/studio/studio-types.ts';
import { ctaWithLink, hashtags, type Level, type Plan } from '../plan.ts';
import { paragraphs, pointsBlock } from './compose.ts';

export function writeLinkedin(plan: Plan, level: Level, _limits: PlatformLimits): LinkedinOutput {
  const body = paragraphs([
    plan.lead,
    level < 2 && plan.audienceLine,
    pointsBlock(plan, level),
    level < 2 && plan.keyMessage,
    level < 2 && plan.usps,
    level < 3 && plan.closing,
  ]);
  return {
    hook: plan.hook,
    body,
    cta: paragraphs([ctaWithLink(plan, true), plan.signOff]),
    hashtags: hashtags(plan, 5),
  };
}
