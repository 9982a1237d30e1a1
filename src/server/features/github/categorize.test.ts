import { describe, expect, it } from 'vitest';
import { type Categorization, categorizePullRequest, defaultCategoryMapping } from './categorize.ts';
import type { CategoryMapping } from './github.table.ts';

type Row = [
  label: string,
  input: { title: string; labels?: string[]; body?: string },
  expected: Partial<Categorization>,
];

const rows: Row[] = [
  // Labels decide first, case-insensitively, in the PR's own label order.
  ['bug label', { title: 'Handle empty feeds', labels: ['bug'] }, { category: 'Fixed', source: 'label' }],
  ['feature label', { title: 'Widget', labels: ['feature'] }, { category: 'New' }],
  ['enhancement label', { title: 'Faster', labels: ['enhancement'] }, { category: 'Improved' }],
  ['label case', { title: 'x', labels: ['  BUG '] }, { category: 'Fixed' }],
  ['perf label', { title: 'x', labels: ['Perf'] }, { category: 'Improved' }],
  ['first known label wins', { title: 'x', labels: ['docs', 'bug', 'feature'] }, { category: 'Fixed' }],
  [
    'label beats prefix',
    { title: 'feat: add a thing', labels: ['bug'] },
    { category: 'Fixed', type: 'feat' },
  ],
  ['unknown label falls to prefix', { title: 'fix: typo', labels: ['docs'] }, { category: 'Fixed' }],
  // Conventional Commits prefixes.
  ['feat', { title: 'feat: add RSS feeds' }, { category: 'New', type: 'feat', subject: 'add RSS feeds' }],
  ['fix', { title: 'fix: stop double posts' }, { category: 'Fixed', source: 'prefix' }],
  ['perf', { title: 'perf: cache pages' }, { category: 'Improved' }],
  ['refactor', { title: 'refactor: split service' }, { category: 'Improved' }],
  ['unmapped type', { title: 'chore: bump deps' }, { category: 'Other', type: 'chore', source: 'default' }],
  ['docs type', { title: 'docs: README' }, { category: 'Other', type: 'docs' }],
  // Scopes and breaking changes.
  [
    'scope',
    { title: 'feat(api): paginate entries' },
    { category: 'New', type: 'feat', scope: 'api', subject: 'paginate entries', breaking: false },
  ],
  ['bang', { title: 'feat!: drop Node 18' }, { category: 'New', breaking: true, scope: null }],
  [
    'scope and bang',
    { title: 'feat(api)!: new auth' },
    { category: 'New', type: 'feat', scope: 'api', breaking: true, subject: 'new auth' },
  ],
  ['fix bang', { title: 'fix(db)!: rename column' }, { category: 'Fixed', breaking: true }],
  [
    'breaking footer in body',
    { title: 'feat: tokens', body: 'Adds tokens.\n\nBREAKING CHANGE: old keys stop working' },
    { breaking: true },
  ],
  ['breaking synonym footer', { title: 'fix: x', body: 'BREAKING-CHANGE: y' }, { breaking: true }],
  ['lower-case footer is not one', { title: 'fix: x', body: 'breaking change: y' }, { breaking: false }],
  ['breaking label', { title: 'Rework', labels: ['breaking'] }, { breaking: true, category: 'Other' }],
  // Skip labels.
  ['skip label', { title: 'feat: internal', labels: ['skip-changelog'] }, { skipped: true, category: 'New' }],
  ['skip label case', { title: 'x', labels: ['No-Changelog'] }, { skipped: true }],
  ['no skip label', { title: 'x', labels: ['changelog'] }, { skipped: false }],
  // Odd inputs.
  ['type case-insensitive', { title: 'Feat: Shiny' }, { category: 'New', type: 'feat', subject: 'Shiny' }],
  ['FIX upper', { title: 'FIX: crash' }, { category: 'Fixed', type: 'fix' }],
  [
    'space before colon',
    { title: 'feat : add x' },
    { category: 'Other', type: null, subject: 'feat : add x' },
  ],
  ['no space after colon', { title: 'feat:add x' }, { category: 'Other', type: null }],
  ['word starting with a type', { title: 'featuring the new widget' }, { category: 'Other', type: null }],
  ['prefix without subject', { title: 'feat: ' }, { category: 'Other', type: null }],
  ['empty scope', { title: 'feat(): x' }, { category: 'Other', type: null }],
  ['empty title', { title: '' }, { category: 'Other', type: null, subject: '', skipped: false }],
  ['whitespace title', { title: '   ' }, { category: 'Other', subject: '' }],
  ['leading spaces', { title: '  fix: trim me ' }, { category: 'Fixed', subject: 'trim me' }],
  ['revert', { title: 'Revert "feat: add x"' }, { category: 'Other' }],
  ['empty labels ignored', { title: 'fix: x', labels: ['', '  '] }, { category: 'Fixed', source: 'prefix' }],
];

describe('categorizePullRequest with the default mapping', () => {
  it.each(rows)('%s', (_label, input, expected) => {
    const result = categorizePullRequest(
      { title: input.title, labels: input.labels ?? [], body: input.body },
      defaultCategoryMapping,
    );
    expect(result).toMatchObject(expected);
  });
});

describe('categorizePullRequest with a custom mapping', () => {
  const custom: CategoryMapping = {
    labels: { 'Type: Feature': 'New', 'type: bug': 'Fixed', polish: 'Improved' },
    prefixes: { Feature: 'New', docs: 'Improved', feat: 'Other' },
    skipLabels: ['Internal'],
  };

  const customRows: Row[] = [
    ['label key case-insensitive', { title: 'x', labels: ['type: feature'] }, { category: 'New' }],
    ['label with spaces', { title: 'x', labels: ['Type: Bug'] }, { category: 'Fixed' }],
    ['default labels no longer apply', { title: 'x', labels: ['bug'] }, { category: 'Other' }],
    ['custom prefix', { title: 'docs: explain widget' }, { category: 'Improved', type: 'docs' }],
    ['prefix key case-insensitive', { title: 'feature: x' }, { category: 'New' }],
    ['prefix remapped', { title: 'feat: x' }, { category: 'Other', source: 'prefix' }],
    ['default prefix gone', { title: 'fix: x' }, { category: 'Other', source: 'default' }],
    ['custom skip label', { title: 'x', labels: ['internal'] }, { skipped: true }],
    ['default skip label no longer skips', { title: 'x', labels: ['skip-changelog'] }, { skipped: false }],
  ];

  it.each(customRows)('%s', (_label, input, expected) => {
    expect(categorizePullRequest({ title: input.title, labels: input.labels ?? [] }, custom)).toMatchObject(
      expected,
    );
  });

  it('an empty mapping puts everything in Other and skips nothing', () => {
    const empty: CategoryMapping = { labels: {}, prefixes: {}, skipLabels: [] };
    expect(categorizePullRequest({ title: 'feat(x)!: y', labels: ['bug', 'skip-changelog'] }, empty)).toEqual(
      {
        category: 'Other',
        type: 'feat',
        scope: 'x',
        breaking: true,
        skipped: false,
        subject: 'y',
        source: 'default',
      },
    );
  });
});
