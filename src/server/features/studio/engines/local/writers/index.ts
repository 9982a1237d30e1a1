// One writer per platform. A writer takes the plan and a shrinking level (0 = everything) and returns
// the platform's output; the engine checks it and retries at the next level when it breaks a rule.
import type { PlatformLimits } from '../../../../../../shared/studio/platform-rules.ts';
import type { Platform, PlatformOutputs } from '../../../../../../shared/studio/studio-types.ts';
import type { Level, Plan } from '../plan.ts';
import { writeEmail } from './email.ts';
import { writeFacebook } from './facebook.ts';
import { writeInstagram } from './instagram.ts';
import { writeLinkedin } from './linkedin.ts';
import { writeThreads } from './threads.ts';
import { writeTiktok } from './tiktok.ts';
import { writeX } from './x.ts';

export type Writer<P extends Platform> = (
  plan: Plan,
  level: Level,
  limits: PlatformLimits,
) => PlatformOutputs[P];

export const writers: { [P in Platform]: Writer<P> } = {
  x: writeX,
  threads: writeThreads,
  linkedin: writeLinkedin,
  instagram: writeInstagram,
  tiktok: writeTiktok,
  facebook: writeFacebook,
  email: writeEmail,
};
