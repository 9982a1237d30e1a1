// What each platform's editor shows, in order. The editor is driven by this table so every platform
// gets the same counters and warnings; only the email's HTML preview is special.
import type { FieldCount, RuleViolation } from '../../../shared/studio/platform-rules';
import type { Platform } from '../../../shared/studio/studio-types';

export type FieldKind = 'line' | 'text' | 'list' | 'hashtags';

export interface FieldSpec {
  key: string;
  label: string;
  kind: FieldKind;
  /** For lists: the label of one item, numbered from 1 ("Tweet 2"). */
  itemLabel?: string;
  rows?: number;
  hint?: string;
}

export const platformFields: Record<Platform, FieldSpec[]> = {
  x: [
    { key: 'tweets', label: 'Tweets', kind: 'list', itemLabel: 'Tweet', rows: 3 },
    {
      key: 'hashtags',
      label: 'Hashtags',
      kind: 'hashtags',
      hint: 'Posted at the end of the last tweet, unless the thread already has them.',
    },
  ],
  threads: [{ key: 'posts', label: 'Posts', kind: 'list', itemLabel: 'Post', rows: 4 }],
  linkedin: [
    { key: 'hook', label: 'Hook', kind: 'text', rows: 2, hint: 'The lines shown before "…see more".' },
    { key: 'body', label: 'Body', kind: 'text', rows: 8 },
    { key: 'cta', label: 'Call to action', kind: 'line' },
    { key: 'hashtags', label: 'Hashtags', kind: 'hashtags' },
  ],
  instagram: [
    { key: 'caption', label: 'Caption', kind: 'text', rows: 7 },
    { key: 'hashtags', label: 'Hashtags', kind: 'hashtags' },
  ],
  tiktok: [
    { key: 'hook', label: 'Hook', kind: 'text', rows: 2, hint: 'The first three seconds.' },
    { key: 'talkingPoints', label: 'Talking points', kind: 'list', itemLabel: 'Point', rows: 2 },
    { key: 'cta', label: 'Call to action', kind: 'line' },
    { key: 'caption', label: 'Caption', kind: 'text', rows: 3 },
    { key: 'hashtags', label: 'Hashtags', kind: 'hashtags' },
  ],
  facebook: [
    { key: 'text', label: 'Post', kind: 'text', rows: 7 },
    { key: 'hashtags', label: 'Hashtags', kind: 'hashtags' },
  ],
  email: [
    { key: 'subject', label: 'Subject', kind: 'line' },
    {
      key: 'previewText',
      label: 'Preview text',
      kind: 'line',
      hint: 'Shown after the subject in the inbox.',
    },
    { key: 'text', label: 'Body (plain text)', kind: 'text', rows: 10 },
  ],
};

/** Short names for sentences ("over X's limit"); the labels on cards stay the shared ones. */
export const platformShortNames: Record<Platform, string> = {
  x: 'X',
  threads: 'Threads',
  linkedin: 'LinkedIn',
  instagram: 'Instagram',
  tiktok: 'TikTok',
  facebook: 'Facebook',
  email: 'the email',
};

export function pathKey(path: ReadonlyArray<string | number>): string {
  return path.join('.');
}

/** The field a rule path points at, with the item's human number: ['tweets', 1] → "Tweet 2". */
export function describePath(platform: Platform, path: ReadonlyArray<string | number>): string | null {
  const [key, index] = path;
  const spec = platformFields[platform].find((field) => field.key === key);
  if (!spec) return null;
  if (spec.kind === 'hashtags') return 'Hashtags';
  if (spec.kind === 'list' && typeof index === 'number') return `${spec.itemLabel ?? 'Item'} ${index + 1}`;
  return spec.label;
}

/** A plain sentence for a broken rule, naming the field and the numbers. */
export function describeViolation(platform: Platform, violation: RuleViolation): string {
  const where = describePath(platform, violation.path) ?? (violation.path.length === 0 ? 'The post' : null);
  const { actual, limit } = violation;
  if (violation.code === 'too_long' && where && actual !== undefined && limit !== undefined) {
    return `${where} is ${actual}/${limit} — over ${platformShortNames[platform]}'s limit`;
  }
  if (violation.code === 'too_many_hashtags' && actual !== undefined && limit !== undefined) {
    return `${actual} hashtags — ${platformShortNames[platform]} allows ${limit}`;
  }
  if (violation.code === 'empty' && where) return `${where} is empty`;
  return where && !violation.message.startsWith(where) ? `${where}: ${violation.message}` : violation.message;
}

export function countsByPath(counts: FieldCount[]): Map<string, FieldCount> {
  return new Map(counts.map((count) => [pathKey(count.path), count]));
}

/** The paths the editor shows a counter next to; any other counter goes in the card's summary. */
export function editorPaths(platform: Platform, output: Record<string, unknown>): Set<string> {
  const paths = new Set<string>();
  for (const spec of platformFields[platform]) {
    paths.add(spec.key);
    const value = output[spec.key];
    if (spec.kind === 'list' && Array.isArray(value)) {
      value.forEach((_, index) => {
        paths.add(pathKey([spec.key, index]));
      });
    }
  }
  return paths;
}
