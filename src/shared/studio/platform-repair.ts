// Repairs an output that breaks its platform's rules by splitting or trimming, never by rewriting:
// threads are split again and renumbered, long posts lose the end of their body (at a sentence
// end, else a word with `…`), extra hashtags are dropped, unsafe email HTML is rebuilt from the
// text body. The result always passes checkOutput, or is null.
import { htmlSafetyProblems, textToEmailHtml } from './email-html.ts';
import { checkOutput, renderPost } from './platform-check.ts';
import { defaultPlatformLimits, type PlatformLimits } from './platform-limits.ts';
import { type Platform, type PlatformOutputs, platformOutputSchemas } from './studio-types.ts';
import { characterCount, countLinks, hashtagsIn, normalizeHashtags } from './text-measure.ts';
import { trimToFit } from './text-split.ts';
import { repairXThread, splitEach } from './x-thread.ts';

type Outputs = PlatformOutputs;

/** Repairs an output that breaks its rules by splitting or trimming; returns null when it cannot. */
export function repairOutput<P extends Platform>(
  platform: P,
  output: PlatformOutputs[P],
  limits: PlatformLimits = defaultPlatformLimits,
): PlatformOutputs[P] | null {
  const parsed = platformOutputSchemas[platform]?.safeParse(tidy(output));
  if (!parsed?.success) return null;
  const data = parsed.data as Outputs[Platform];
  if (checkOutput(platform, data, limits).length === 0) return data as PlatformOutputs[P];
  const repaired = repairers[platform](data as never, limits);
  if (repaired === null || checkOutput(platform, repaired, limits).length > 0) return null;
  return repaired as PlatformOutputs[P];
}

// Small slips of a model's JSON that are safe to fix before the schema sees them: hashtags without
// `#` or with spaces, duplicate hashtags, empty entries in lists.
function tidy(output: unknown): unknown {
  if (typeof output !== 'object' || output === null || Array.isArray(output)) return output;
  const copy: Record<string, unknown> = { ...output };
  const strings = (value: unknown) =>
    Array.isArray(value) && value.every((item) => typeof item === 'string') ? value : null;
  const hashtags = strings(copy.hashtags);
  if (hashtags) copy.hashtags = normalizeHashtags(hashtags);
  for (const key of ['tweets', 'posts', 'talkingPoints']) {
    const list = strings(copy[key]);
    if (list) copy[key] = list.filter((item) => item.trim() !== '');
  }
  return copy;
}

const chars = (limit: number) => (text: string) => characterCount(text) <= limit;

const repairers: { [P in Platform]: (output: Outputs[P], limits: PlatformLimits) => Outputs[P] | null } = {
  x: (output, limits) => repairXThread(output, limits),

  threads: (output, limits) => {
    const { maxChars, maxLinks, maxPosts } = limits.threads;
    const fits = (post: string) => characterCount(post) <= maxChars && countLinks(post) <= maxLinks;
    const posts = splitEach(output.posts, fits, maxPosts);
    return posts.length > 0 ? { posts } : null;
  },

  linkedin: (output, limits) => {
    const fits = chars(limits.linkedin.maxChars);
    let post = { ...output };
    const composed = () => renderPost('linkedin', post)[0];
    // Shorten the body first, then give up the hashtags, then the call to action, then the hook.
    post.body = trimToFit(post.body, (body) => fits(renderPost('linkedin', { ...post, body })[0]));
    if (!fits(composed()))
      post.hashtags = dropHashtagsToFit(post.hashtags, (hashtags) =>
        fits(renderPost('linkedin', { ...post, hashtags })[0]),
      );
    if (!fits(composed()))
      post.cta = trimToFit(post.cta, (cta) => fits(renderPost('linkedin', { ...post, cta })[0]));
    if (!fits(composed()))
      post = {
        ...post,
        hook: trimToFit(post.hook, (hook) => fits(renderPost('linkedin', { ...post, hook })[0])),
      };
    return post.hook ? post : null;
  },

  instagram: (output, limits) => {
    const { maxChars, maxHashtags } = limits.instagram;
    return captionRepair(
      output,
      maxHashtags,
      (caption, hashtags) => renderPost('instagram', { caption, hashtags })[0],
      chars(maxChars),
    );
  },

  tiktok: (output, limits) => {
    const { maxCaptionChars, maxHashtags } = limits.tiktok;
    const repaired = captionRepair(
      output,
      maxHashtags,
      (caption, hashtags) => renderPost('tiktok', { ...output, caption, hashtags })[0],
      chars(maxCaptionChars),
    );
    return repaired && { ...output, ...repaired };
  },

  facebook: (output, limits) => {
    const fits = chars(limits.facebook.maxChars);
    const compose = (text: string, hashtags: string[]) => renderPost('facebook', { text, hashtags })[0];
    const hashtags = fits(compose('x', output.hashtags))
      ? output.hashtags
      : dropHashtagsToFit(output.hashtags, (tags) => fits(compose('x', tags)));
    const text = trimToFit(output.text, (candidate) => fits(compose(candidate, hashtags)));
    return text ? { text, hashtags } : null;
  },

  email: (output, limits) => {
    const subject = trimToFit(output.subject, chars(limits.email.maxSubjectChars));
    const previewText = trimToFit(output.previewText, chars(limits.email.maxPreviewChars));
    const html = htmlSafetyProblems(output.html).length > 0 ? textToEmailHtml(output.text) : output.html;
    return subject && html ? { ...output, subject, previewText, html } : null;
  },
};

/** The hashtags, in order, as many as keep `fits` true. */
function dropHashtagsToFit(hashtags: string[], fits: (hashtags: string[]) => boolean): string[] {
  let kept = hashtags.length;
  while (kept > 0 && !fits(hashtags.slice(0, kept))) kept--;
  return hashtags.slice(0, kept);
}

/**
 * Instagram and TikTok: hashtags beyond the cap are dropped (the caption's own first, then the
 * listed ones from the end), then the caption is trimmed, and as a last resort hashtags go too.
 */
function captionRepair(
  output: { caption: string; hashtags: string[] },
  maxHashtags: number,
  compose: (caption: string, hashtags: string[]) => string,
  fits: (text: string) => boolean,
): { caption: string; hashtags: string[] } | null {
  let caption = output.caption;
  const own = hashtagsIn(caption);
  if (own.length > maxHashtags) caption = removeHashtags(caption, own.slice(maxHashtags));
  // Composed, a listed hashtag the caption already has counts once.
  const kept = new Set(own.slice(0, maxHashtags).map((tag) => tag.toLowerCase()));
  let room = maxHashtags - kept.size;
  let hashtags = output.hashtags.filter((tag) => kept.has(tag.toLowerCase()) || room-- > 0);
  if (!fits(compose('x', hashtags)))
    hashtags = dropHashtagsToFit(hashtags, (tags) => fits(compose('x', tags)));
  caption = trimToFit(caption, (candidate) => fits(compose(candidate, hashtags)));
  return caption ? { caption, hashtags } : null;
}

/** The caption without the given hashtags (whole words only), spaces tidied. */
function removeHashtags(text: string, tags: string[]): string {
  const drop = new Set(tags.map((tag) => tag.toLowerCase()));
  return text
    .replace(/(?<![\p{L}\p{N}_&#])#[\p{L}\p{N}_]+/gu, (tag) => (drop.has(tag.toLowerCase()) ? '' : tag))
    .replace(/[ \t]{2,}/g, ' ')
    .replace(/[ \t]+$/gm, '')
    .trim();
}
