// The platform limits this server enforces: the shared defaults with the STUDIO_* overrides from
// the settings. Engines write to them, the generations service checks against them, and
// `GET /studio/rules` hands them to the web UI so its live counters agree with the server.
import { defaultPlatformLimits, type PlatformLimits } from '../../../shared/studio/platform-limits.ts';
import type { Config } from '../../config.ts';

type StudioLimitSettings = Pick<
  Config,
  'STUDIO_X_MAX_TWEETS' | 'STUDIO_INSTAGRAM_MAX_HASHTAGS' | 'STUDIO_EMAIL_SUBJECT_MAX_CHARS'
>;

export function platformLimitsFromConfig(config: StudioLimitSettings): PlatformLimits {
  const d = defaultPlatformLimits;
  return {
    x: { ...d.x, maxTweets: config.STUDIO_X_MAX_TWEETS },
    threads: { ...d.threads },
    linkedin: { ...d.linkedin },
    instagram: { ...d.instagram, maxHashtags: config.STUDIO_INSTAGRAM_MAX_HASHTAGS },
    tiktok: { ...d.tiktok },
    facebook: { ...d.facebook },
    email: { ...d.email, maxSubjectChars: config.STUDIO_EMAIL_SUBJECT_MAX_CHARS },
  };
}
