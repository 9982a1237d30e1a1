import { describe, expect, it } from 'vitest';
import { defaultPlatformLimits } from '../../../shared/studio/platform-rules.ts';
import { ConfigError, parseConfig } from '../../config.ts';
import { platformLimitsFromConfig } from './platform-limits.ts';

describe('platform limits from the settings', () => {
  it('are the shared defaults when nothing is set', () => {
    expect(platformLimitsFromConfig(parseConfig({}))).toEqual(defaultPlatformLimits);
  });

  it('take the STUDIO_* overrides and leave every other limit alone', () => {
    const limits = platformLimitsFromConfig(
      parseConfig({
        STUDIO_X_MAX_TWEETS: '10',
        STUDIO_INSTAGRAM_MAX_HASHTAGS: '5',
        STUDIO_EMAIL_SUBJECT_MAX_CHARS: '60',
      }),
    );
    expect(limits).toEqual({
      ...defaultPlatformLimits,
      x: { maxWeightedLength: 280, maxTweets: 10 },
      instagram: { maxChars: 2200, maxHashtags: 5 },
      email: { maxSubjectChars: 60, maxPreviewChars: 140 },
    });
  });

  it('refuses overrides past what the platforms allow', () => {
    expect(() => parseConfig({ STUDIO_X_MAX_TWEETS: '26' })).toThrow(ConfigError);
    expect(() => parseConfig({ STUDIO_INSTAGRAM_MAX_HASHTAGS: '31' })).toThrow(
      /STUDIO_INSTAGRAM_MAX_HASHTAGS/,
    );
    expect(() => parseConfig({ STUDIO_EMAIL_SUBJECT_MAX_CHARS: 'long' })).toThrow(
      /STUDIO_EMAIL_SUBJECT_MAX_CHARS/,
    );
  });
});
