// Entry slugs: the public entry page's path (`/changelog/<workspace>/entries/<slug>`), unique in the
// workspace. Shared with the GitHub ingest, which names an entry `<slugified title>-<PR number>`.
import { and, eq, like, ne, or } from 'drizzle-orm';
import type { Database } from '../../platform/db.ts';
import { changelogEntries } from './changelog.table.ts';

/** Longest slug base (before the suffix and any `-2`), so URLs stay readable. */
const maxBaseChars = 60;

/** Lower-case ASCII words joined by dashes; `entry` when nothing is left (a title of emoji only). */
export function slugifyTitle(title: string): string {
  const base = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, maxBaseChars)
    .replace(/-+$/g, '');
  return base || 'entry';
}

/** LIKE treats `%` and `_` as wildcards; a slug never holds `%`, but `_` is escaped to be safe. */
const escapeLike = (value: string) => value.replace(/[\\%_]/g, (ch) => `\\${ch}`);

/**
 * A slug for `title` (with `suffix`, e.g. a pull request number, appended) that no other entry of the
 * workspace uses: `dark-mode-42`, then `dark-mode-42-2`, `-3`… Pass `exceptEntryId` when renaming an
 * entry so its own slug does not count as taken. Run it in the transaction that writes the slug; two
 * writers racing for the same slug are caught by the unique index (retry with a fresh call).
 */
export async function uniqueEntrySlug(
  tx: Database,
  workspaceId: string,
  title: string,
  suffix?: string | number,
  exceptEntryId?: string,
): Promise<string> {
  const suffixPart = suffix === undefined || suffix === '' ? '' : slugifyTitle(String(suffix));
  const candidate = suffixPart ? `${slugifyTitle(title)}-${suffixPart}` : slugifyTitle(title);
  const rows = await tx
    .select({ slug: changelogEntries.slug })
    .from(changelogEntries)
    .where(
      and(
        eq(changelogEntries.workspaceId, workspaceId),
        or(eq(changelogEntries.slug, candidate), like(changelogEntries.slug, `${escapeLike(candidate)}-%`)),
        exceptEntryId ? ne(changelogEntries.id, exceptEntryId) : undefined,
      ),
    );
  const taken = new Set(rows.map((row) => row.slug));
  if (!taken.has(candidate)) return candidate;
  for (let n = 2; ; n++) {
    const next = `${candidate}-${n}`;
    if (!taken.has(next)) return next;
  }
}
