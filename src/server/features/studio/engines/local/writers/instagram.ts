// Instagram: a caption (hook, three points, the closing line, a call to action — links are not
// clickable there, so "link in bio") and hashtags up to the configured cap.
import type { PlatformLimits } from '../../../../../../shared/studio/platform-rules.ts';
import type { InstagramOutput } from '../../../../../../shared/studio/studio-types.ts';
import { brandLines } from '../phrases.ts';
import { hashtags, type Level, type Plan } from '../plan.ts';
import { countHashtags, defuseHashtags, paragraphs, pointsBlock } from './compose.ts';

export function writeInstagram(plan: Plan, level: Level, limits: PlatformLimits): InstagramOutput {
  const cap = limits.instagram.maxHashtags;
  let caption = paragraphs([
    plan.hook,
    plan.lead,
    pointsBlock(plan, level, 3),
    level < 2 && plan.keyMessage,
    level < 3 && plan.closing,
    plan.link ? `${plan.cta} ${brandLines[plan.language].linkInBio}` : plan.cta,
    plan.signOff,
  ]);
  // Hashtags quoted from the source count toward the cap too.
  if (countHashtags(caption) > cap || level >= 2) caption = defuseHashtags(caption);
  return { caption, hashtags: hashtags(plan, Math.min(8, cap - countHashtags(caption))) };
}
