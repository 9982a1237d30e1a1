// What each platform receives (renderPost), whether it is within the rules (checkOutput), and the
// editor's live counters (countFields). Every check runs on the composed text, so an edit to any
// part is counted the way the platform counts it.
import { htmlSafetyProblems } from './email-html.ts';
import {
  defaultPlatformLimits,
  type FieldCount,
  type PlatformLimits,
  type RuleViolation,
} from './platform-limits.ts';
import { type Platform, type PlatformOutputs, platformOutputSchemas } from './studio-types.ts';
import {
  characterCount,
  containsHashtag,
  countLinks,
  hashtagsIn,
  hasInvalidXCharacters,
  weightedLengthX,
} from './text-measure.ts';

/**
 * The text a platform receives, composed from the output's parts:
 * - x: the tweets as written; a listed hashtag missing from the thread is appended to the last tweet;
 * - threads: the posts;
 * - linkedin: one post, `hook`, `body`, `cta` and the hashtags line, separated by blank lines;
 * - instagram: the caption, a blank line, the hashtags; tiktok: the caption, a space, the hashtags
 *   (the spoken script is not posted: see renderTiktokScript); facebook: the text, a blank line,
 *   the hashtags;
 * - email: [subject, preview text, text body] (the HTML body is sent beside the text body).
 */
export function renderPost<P extends Platform>(platform: P, output: PlatformOutputs[P]): string[] {
  const o = output as PlatformOutputs[Platform];
  switch (platform) {
    case 'x': {
      const { tweets, hashtags } = o as PlatformOutputs['x'];
      const missing = hashtags.filter((tag) => !tweets.some((tweet) => containsHashtag(tweet, tag)));
      if (missing.length === 0 || tweets.length === 0) return [...tweets];
      return [...tweets.slice(0, -1), [tweets[tweets.length - 1], ...missing].join(' ')];
    }
    case 'threads':
      return [...(o as PlatformOutputs['threads']).posts];
    case 'linkedin': {
      const { hook, body, cta, hashtags } = o as PlatformOutputs['linkedin'];
      return [[hook, body, cta, hashtags.join(' ')].filter(Boolean).join('\n\n')];
    }
    case 'instagram': {
      const { caption, hashtags } = o as PlatformOutputs['instagram'];
      return [[caption, hashtags.join(' ')].filter(Boolean).join('\n\n')];
    }
    case 'tiktok': {
      const { caption, hashtags } = o as PlatformOutputs['tiktok'];
      return [[caption, hashtags.join(' ')].filter(Boolean).join(' ')];
    }
    case 'facebook': {
      const { text, hashtags } = o as PlatformOutputs['facebook'];
      return [[text, hashtags.join(' ')].filter(Boolean).join('\n\n')];
    }
    case 'email': {
      const { subject, previewText, text } = o as PlatformOutputs['email'];
      return [subject, previewText, text];
    }
  }
  return [];
}

/** The TikTok script as it is spoken: the hook, one line per talking point, the call to action. */
export function renderTiktokScript(output: PlatformOutputs['tiktok']): string {
  return [output.hook, ...output.talkingPoints, output.cta].filter(Boolean).join('\n');
}

/** Every rule the output breaks; empty when it may be stored. Validates the shape too. */
export function checkOutput(
  platform: Platform,
  output: unknown,
  limits: PlatformLimits = defaultPlatformLimits,
): RuleViolation[] {
  const schema = platformOutputSchemas[platform];
  if (!schema) return [{ path: [], code: 'invalid_shape', message: `unknown platform ${String(platform)}` }];
  const parsed = schema.safeParse(output);
  if (!parsed.success) {
    return parsed.error.issues.map((issue) => {
      const path = issue.path.map((key) => (typeof key === 'number' ? key : String(key)));
      const empty = issue.code === 'too_small' && (issue.origin === 'string' || issue.origin === 'array');
      const where = path.length > 0 ? `${path.join('.')}: ` : '';
      return empty
        ? { path, code: 'empty', message: `${where}must not be empty` }
        : { path, code: 'invalid_shape', message: `${where}${issue.message}` };
    });
  }
  return ruleViolations(platform, parsed.data as PlatformOutputs[Platform], limits);
}

function ruleViolations(
  platform: Platform,
  output: PlatformOutputs[Platform],
  limits: PlatformLimits,
): RuleViolation[] {
  const violations: RuleViolation[] = [];
  const counted = countFields(platform, output, limits);
  for (const field of counted) {
    if (field.used > field.limit) {
      const unit = field.unit === 'weighted' ? 'weighted characters (as X counts them)' : 'characters';
      violations.push({
        path: field.path,
        code: 'too_long',
        message: `${fieldName(platform, field.path)} is ${field.used} ${unit}; the limit is ${field.limit}`,
        limit: field.limit,
        actual: field.used,
      });
    }
  }
  const parts = (path: string, actual: number, limit: number, what: string) => {
    if (actual > limit) {
      violations.push({
        path: [path],
        code: 'too_many_parts',
        message: `${actual} ${what}; the limit is ${limit}`,
        limit,
        actual,
      });
    }
  };
  const hashtagCap = (text: string, limit: number) => {
    const actual = hashtagsIn(text).length;
    if (actual > limit) {
      violations.push({
        path: ['hashtags'],
        code: 'too_many_hashtags',
        message: `${actual} hashtags; the limit is ${limit}`,
        limit,
        actual,
      });
    }
  };
  const rendered = renderPost(platform, output);
  if (platform === 'x') {
    parts('tweets', rendered.length, limits.x.maxTweets, 'tweets');
    rendered.forEach((tweet, index) => {
      if (hasInvalidXCharacters(tweet)) {
        violations.push({
          path: ['tweets', index],
          code: 'invalid_shape',
          message: `tweet ${index + 1} has characters X rejects`,
        });
      }
    });
  } else if (platform === 'threads') {
    parts('posts', rendered.length, limits.threads.maxPosts, 'posts');
    rendered.forEach((post, index) => {
      const links = countLinks(post);
      if (links > limits.threads.maxLinks) {
        violations.push({
          path: ['posts', index],
          code: 'too_many_links',
          message: `post ${index + 1} has ${links} links; the limit is ${limits.threads.maxLinks}`,
          limit: limits.threads.maxLinks,
          actual: links,
        });
      }
    });
  } else if (platform === 'instagram') hashtagCap(rendered[0], limits.instagram.maxHashtags);
  else if (platform === 'tiktok') hashtagCap(rendered[0], limits.tiktok.maxHashtags);
  else if (platform === 'email') {
    for (const problem of htmlSafetyProblems((output as PlatformOutputs['email']).html)) {
      violations.push({ path: ['html'], code: 'invalid_shape', message: `unsafe HTML: ${problem}` });
    }
  }
  return violations;
}

function fieldName(platform: Platform, path: Array<string | number>): string {
  if (path[0] === 'tweets') return `tweet ${Number(path[1]) + 1}`;
  if (path[0] === 'posts') return `post ${Number(path[1]) + 1}`;
  if (path[0] === 'previewText') return 'the preview text';
  if (path[0] === 'subject') return 'the subject';
  return platform === 'linkedin' ? 'the post' : `the ${String(path[0] ?? 'post')} with its hashtags`;
}

/**
 * Counters for each limited field, for the editor, counted on the composed text: each tweet (the
 * last one with any appended hashtag), each Threads post, the LinkedIn post as a whole (path []),
 * the Instagram and TikTok captions and the Facebook text with their hashtags, the email subject
 * and preview text.
 */
export function countFields<P extends Platform>(
  platform: P,
  output: PlatformOutputs[P],
  limits: PlatformLimits = defaultPlatformLimits,
): FieldCount[] {
  const rendered = renderPost(platform, output);
  const chars = (path: Array<string | number>, text: string, limit: number): FieldCount => ({
    path,
    used: characterCount(text),
    limit,
    unit: 'characters',
  });
  switch (platform) {
    case 'x':
      return rendered.map((tweet, index) => ({
        path: ['tweets', index],
        used: weightedLengthX(tweet),
        limit: limits.x.maxWeightedLength,
        unit: 'weighted' as const,
      }));
    case 'threads':
      return rendered.map((post, index) => chars(['posts', index], post, limits.threads.maxChars));
    case 'linkedin':
      return [chars([], rendered[0], limits.linkedin.maxChars)];
    case 'instagram':
      return [chars(['caption'], rendered[0], limits.instagram.maxChars)];
    case 'tiktok':
      return [chars(['caption'], rendered[0], limits.tiktok.maxCaptionChars)];
    case 'facebook':
      return [chars(['text'], rendered[0], limits.facebook.maxChars)];
    case 'email':
      return [
        chars(['subject'], rendered[0], limits.email.maxSubjectChars),
        chars(['previewText'], rendered[1], limits.email.maxPreviewChars),
      ];
  }
  return [];
}
