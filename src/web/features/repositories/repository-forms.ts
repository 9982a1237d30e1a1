// The pure parts of the repository forms: what a backfill choice asks for, and mapping rows ↔ records.
import type { BackfillRequest, ChangelogCategory } from './repositories-api';

export type BackfillMode = 'none' | 'count' | 'range';

export interface BackfillChoice {
  mode: BackfillMode;
  count: string;
  since: string;
  until: string;
}

/** The request to send, or null when the choice is incomplete (the submit button stays off). */
export function backfillRequest(choice: BackfillChoice): BackfillRequest | undefined | null {
  if (choice.mode === 'none') return undefined;
  if (choice.mode === 'count') {
    const count = Number(choice.count);
    return Number.isInteger(count) && count >= 1 && count <= 1000 ? { count } : null;
  }
  // Whole days: from the start of `since` to the end of `until`, in UTC as GitHub reports merge times.
  const since = dayBoundary(choice.since, 'T00:00:00Z');
  const until = choice.until ? dayBoundary(choice.until, 'T23:59:59Z') : undefined;
  if (!since || until === null || (until && until < since)) return null;
  return until ? { since, until } : { since };
}

function dayBoundary(day: string, time: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return null;
  const date = new Date(`${day}${time}`);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

export interface MappingRow {
  key: string;
  category: ChangelogCategory;
}

export function toRows(record: Record<string, ChangelogCategory>): MappingRow[] {
  return Object.entries(record).map(([key, category]) => ({ key, category }));
}

/** Rows back to a record: keys trimmed and lower-cased (GitHub labels and prefixes match case-insensitively). */
export function fromRows(rows: MappingRow[]): Record<string, ChangelogCategory> {
  const record: Record<string, ChangelogCategory> = {};
  for (const row of rows) {
    const key = row.key.trim().toLowerCase();
    if (key) record[key] = row.category;
  }
  return record;
}
