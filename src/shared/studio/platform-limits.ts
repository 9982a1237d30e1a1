// Every platform's limits as data, plus the shapes the rules report in. Kept apart from the rules
// (and from twitter-text) so the server's config can import the defaults without pulling the
// counting code in; platform-rules.ts re-exports all of it.

export interface PlatformLimits {
  x: { maxWeightedLength: number; maxTweets: number };
  threads: { maxChars: number; maxLinks: number; maxPosts: number };
  linkedin: { maxChars: number };
  instagram: { maxChars: number; maxHashtags: number };
  tiktok: { maxCaptionChars: number; maxHashtags: number };
  facebook: { maxChars: number };
  email: { maxSubjectChars: number; maxPreviewChars: number };
}

export interface RuleViolation {
  /** Where in the output: e.g. ['tweets', 2] or ['caption']; [] is the whole composed post. */
  path: Array<string | number>;
  code: 'too_long' | 'too_many_links' | 'too_many_hashtags' | 'too_many_parts' | 'empty' | 'invalid_shape';
  message: string;
  limit?: number;
  actual?: number;
}

/** A live counter for one editable field: what the platform counts, against its limit. */
export interface FieldCount {
  path: Array<string | number>;
  used: number;
  limit: number;
  /** 'weighted' for X (twitter-text), 'characters' (code points) elsewhere. */
  unit: 'weighted' | 'characters';
}

/**
 * The platforms' own limits, except where noted. The server may lower a few through settings
 * (STUDIO_*), and the web UI reads the effective ones from `GET /studio/rules`.
 */
export const defaultPlatformLimits: PlatformLimits = {
  // 280 weighted characters per post (twitter-text's v3 config); X composes threads of up to 25.
  x: { maxWeightedLength: 280, maxTweets: 25 },
  // 500 characters and at most 5 links per post (Meta's limits); 10 posts is Herald's own cap on
  // a chain: beyond that readers drop off and a reply chain gets hard to publish in one go.
  threads: { maxChars: 500, maxLinks: 5, maxPosts: 10 },
  linkedin: { maxChars: 3000 },
  // 2,200 characters for the caption as posted (caption, blank line, hashtags) and 30 hashtags.
  instagram: { maxChars: 2200, maxHashtags: 30 },
  // TikTok's description limit; it publishes no hashtag cap, so Instagram's 30 is reused.
  tiktok: { maxCaptionChars: 2200, maxHashtags: 30 },
  facebook: { maxChars: 63206 },
  // Not protocol limits but what inboxes show. Subject: 78 is RFC 5322's recommended line length
  // and about the most any desktop client shows before cutting. Preview text: clients show 35 to
  // about 140 characters of it; past 140 nothing more is seen.
  email: { maxSubjectChars: 78, maxPreviewChars: 140 },
};
