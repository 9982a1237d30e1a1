// Pure: which changelog category a merged pull request belongs to. Labels decide first (they are
// what a maintainer sets on purpose), then the title's Conventional Commits prefix
// (`type(scope)!: subject`), else `Other`. A PR carrying a skip label is left out of the changelog.
import type { CategoryMapping, ChangelogCategory } from './github.table.ts';

export const defaultCategoryMapping: CategoryMapping = {
  labels: {
    feature: 'New',
    enhancement: 'Improved',
    bug: 'Fixed',
    fix: 'Fixed',
    performance: 'Improved',
    perf: 'Improved',
    refactor: 'Improved',
  },
  prefixes: { feat: 'New', fix: 'Fixed', perf: 'Improved', refactor: 'Improved' },
  skipLabels: ['skip-changelog', 'no-changelog'],
};

export interface PullRequestTraits {
  title: string;
  labels: readonly string[];
  /** The PR description; a `BREAKING CHANGE:` footer in it marks the change as breaking. */
  body?: string | null;
}

export interface Categorization {
  category: ChangelogCategory;
  /** The Conventional Commits type, lower-cased (`feat`), or null when the title has none. */
  type: string | null;
  scope: string | null;
  breaking: boolean;
  skipped: boolean;
  /** The title without its prefix (`feat(api): Add x` → `Add x`); the whole title when there is none. */
  subject: string;
  /** What decided the category. */
  source: 'label' | 'prefix' | 'default';
}

export interface ConventionalTitle {
  type: string;
  scope: string | null;
  breaking: boolean;
  subject: string;
}

// The spec: a type (letters), an optional non-empty scope in parentheses, an optional `!`, then a
// colon AND a space, then a description. `feat :`, `featuring x` and `feat:x` are not prefixes.
const conventionalTitle = /^([a-z][a-z0-9-]*)(?:\(([^()\r\n]+)\))?(!)?: +(\S.*)$/i;
// A footer token; the spec wants it upper-case (`BREAKING-CHANGE` is its synonym).
const breakingFooter = /(^|\n)BREAKING[ -]CHANGE: /;
const breakingLabels = new Set(['breaking', 'breaking-change', 'breaking change']);

/** Reads `type(scope)!: subject`. Types are case-insensitive (the spec says so); null when absent. */
export function parseConventionalTitle(title: string): ConventionalTitle | null {
  const match = conventionalTitle.exec(title.trim());
  if (!match) return null;
  const [, type = '', scope, bang, subject = ''] = match;
  return {
    type: type.toLowerCase(),
    scope: scope?.trim() || null,
    breaking: bang === '!',
    subject: subject.trim(),
  };
}

const normalize = (label: string) => label.trim().toLowerCase();

/** A lower-cased copy of a mapping's keys, so `Bug` in a mapping matches the label `bug`. */
function lowerKeys(record: Record<string, ChangelogCategory>): Map<string, ChangelogCategory> {
  const out = new Map<string, ChangelogCategory>();
  for (const [key, value] of Object.entries(record)) {
    const normalized = normalize(key);
    if (!out.has(normalized)) out.set(normalized, value);
  }
  return out;
}

/**
 * The category, breaking flag and skip decision for one pull request. Labels are looked at in the
 * PR's own order and the first one the mapping knows wins; then the title's type; then `Other`.
 */
export function categorizePullRequest(pr: PullRequestTraits, mapping: CategoryMapping): Categorization {
  const labels = pr.labels.map(normalize).filter((label) => label.length > 0);
  const title = pr.title.trim();
  const parsed = parseConventionalTitle(title);
  const skipLabels = new Set(mapping.skipLabels.map(normalize));
  const breaking =
    (parsed?.breaking ?? false) ||
    breakingFooter.test(pr.body ?? '') ||
    labels.some((label) => breakingLabels.has(label));
  const base = {
    type: parsed?.type ?? null,
    scope: parsed?.scope ?? null,
    breaking,
    skipped: labels.some((label) => skipLabels.has(label)),
    subject: parsed?.subject ?? title,
  };
  const byLabel = lowerKeys(mapping.labels);
  for (const label of labels) {
    const category = byLabel.get(label);
    if (category) return { ...base, category, source: 'label' };
  }
  const byPrefix = parsed ? lowerKeys(mapping.prefixes).get(parsed.type) : undefined;
  if (byPrefix) return { ...base, category: byPrefix, source: 'prefix' };
  return { ...base, category: 'Other', source: 'default' };
}
