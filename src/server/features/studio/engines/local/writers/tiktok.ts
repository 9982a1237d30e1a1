// TikTok: a script to say on camera (a spoken hook, short talking points, a call to action) and the
// caption posted with the video, with a few hashtags.
import type { PlatformLimits } from '../../../../../../shared/studio/platform-rules.ts';
import type { TiktokOutput } from '../../../../../../shared/studio/studio-types.ts';
import { hashtags, type Level, type Plan, pointsAt } from '../plan.ts';
import { clip } from '../text-utils.ts';
import { countHashtags, defuseHashtags } from './compose.ts';

export function writeTiktok(plan: Plan, level: Level, limits: PlatformLimits): TiktokOutput {
  const spoken = [plan.lead, ...plan.points].filter((line): line is string => Boolean(line));
  const talkingPoints = spoken.slice(0, Math.max(1, pointsAt[level])).map((line) => clip(line, 150));
  let caption = clip(`${plan.lead ?? plan.context.core}${plan.phrases.emoji ? ' 👀' : ''}`, 150);
  const cap = limits.tiktok.maxHashtags;
  if (countHashtags(caption) > cap || level >= 2) caption = defuseHashtags(caption);
  return {
    hook: clip(plan.phrases.videoHook(plan.context), 200),
    talkingPoints: talkingPoints.length > 0 ? talkingPoints : [clip(plan.context.core, 150)],
    cta: plan.phrases.videoCta(plan.context),
    caption,
    hashtags: hashtags(plan, Math.min(5, cap - countHashtags(caption))),
  };
}
