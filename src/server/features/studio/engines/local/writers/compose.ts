// Helpers the platform writers share: assembling lines into paragraphs, packing paragraphs into
// posts, and keeping a caption's own hashtags within a platform's cap.
import { splitText } from '../../../../../../shared/studio/platform-rules.ts';
import { bullets, type Level, type Plan } from '../plan.ts';

/** Paragraphs separated by a blank line; empty lines dropped. */
export function paragraphs(lines: Array<string | null | undefined | false>): string {
  return lines
    .filter((line): line is string => typeof line === 'string' && line.trim() !== '')
    .map((line) => line.trim())
    .join('\n\n');
}

/** The key points under their tone's intro, one per line; null when there are none at this level. */
export function pointsBlock(plan: Plan, level: Level, max = 5): string | null {
  const items = bullets(plan, level, max);
  if (items.length === 0) return null;
  return [plan.phrases.pointsIntro(plan.context), ...items].join('\n');
}

/**
 * The points for a platform that posts one flowing text (X): `1.` numbering becomes `1)` so that a
 * list number is never taken for the end of a sentence where a thread is cut.
 */
export function flatPoints(plan: Plan, level: Level, max = 5): string[] {
  const items = bullets(plan, level, max).map((item) => item.replace(/^(\d+)\. /u, '$1) '));
  return items.length > 0 ? [plan.phrases.pointsIntro(plan.context), ...items] : [];
}

/**
 * Posts from paragraphs: as many whole paragraphs per post as fit (kept apart by a blank line);
 * a paragraph too long alone is split at sentence, then word, boundaries.
 */
export function packParagraphs(blocks: string[], fits: (post: string) => boolean): string[] {
  const posts: string[] = [];
  let current = '';
  for (const block of blocks) {
    if (current && fits(`${current}\n\n${block}`)) {
      current = `${current}\n\n${block}`;
      continue;
    }
    if (current) posts.push(current);
    current = '';
    if (fits(block)) {
      current = block;
      continue;
    }
    posts.push(...splitText(block, fits));
  }
  if (current) posts.push(current);
  return posts;
}

const hashtagInText = /(?<![\p{L}\p{N}_&#])#[\p{L}\p{N}_]+/gu;

export function countHashtags(text: string): number {
  return new Set((text.match(hashtagInText) ?? []).map((tag) => tag.toLowerCase())).size;
}

/** Hashtags quoted from the source become plain words ("#launch" → "launch"), to stay under a cap. */
export function defuseHashtags(text: string): string {
  return text.replace(hashtagInText, (tag) => tag.slice(1));
}
