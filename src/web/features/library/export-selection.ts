// The selected rows as a file, in the columns the import reads back (plus read-only status columns the
// import ignores), so a selection can be edited in a spreadsheet and imported as drafts.
import type { Post } from './posts-api';

const formulaStart = /^[=+\-@\t\r]/;

function cell(value: string): string {
  // A spreadsheet would evaluate these; the apostrophe keeps them text (the import takes it off).
  const guarded = formulaStart.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(guarded) || guarded !== guarded.trim()
    ? `"${guarded.replaceAll('"', '""')}"`
    : guarded;
}

const columns: [string, (post: Post) => string][] = [
  ['platform', (post) => post.platform],
  ['title', (post) => post.title ?? ''],
  ['content', (post) => JSON.stringify(post.content)],
  ['text', (post) => post.parts.join('\n\n')],
  ['tags', (post) => post.tags.join(';')],
  ['media_object_ids', (post) => post.mediaObjectIds.join(';')],
  ['needs_approval', (post) => String(post.needsApproval)],
  ['status', (post) => post.status],
  ['scheduled_at', (post) => post.scheduledAt ?? ''],
  ['published_at', (post) => post.publishedAt ?? ''],
  ['external_url', (post) => post.externalUrl ?? ''],
];

export function postsToCsv(posts: Post[]): string {
  const lines = [
    columns.map(([name]) => name),
    ...posts.map((post) => columns.map(([, read]) => read(post))),
  ];
  return `${lines.map((line) => line.map(cell).join(',')).join('\r\n')}\r\n`;
}

export function postsToJson(posts: Post[]): string {
  return `${JSON.stringify({ posts }, null, 2)}\n`;
}

export function downloadText(fileName: string, text: string, type: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}
