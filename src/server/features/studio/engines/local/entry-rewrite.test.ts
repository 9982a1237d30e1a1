import { describe, expect, it } from 'vitest';
import type { EntryRewriteRequest } from '../engine.ts';
import { cleanEntryTitle, rewriteEntryLocally } from './entry-rewrite.ts';
import { createLocalEngine } from './local-engine.ts';

const request = (overrides: Partial<EntryRewriteRequest>): EntryRewriteRequest => ({
  title: 'Untitled',
  body: '',
  category: 'Other',
  pullRequests: [],
  language: 'en',
  brand: null,
  limits: { titleChars: 200, bodyChars: 20_000 },
  ...overrides,
});

const template = `<!-- Thanks for contributing! Please fill in the template below. -->
## Description

the settings page now has a **dark theme** that follows the system preference.
It also remembers your choice per device

## Type of change
- [x] New feature
- [ ] Bug fix

## How has this been tested?
Ran the e2e suite locally.

## Checklist
- [x] I have added tests
- [ ] Docs updated

Closes #12
Signed-off-by: Octo Cat <octo@example.com>`;

describe('local changelog rewrite', () => {
  it.each([
    ['feat(ui): add dark mode (#42)', 'Added dark mode', false],
    ['fix!: drop support for Node 18', 'Dropped support for Node 18', true],
    ['[WIP] perf(api): Speed up search.', 'Sped up search', false],
    ['Refactor: Use pnpm', 'Switched to pnpm', false],
    ['docs: update the README #77', 'Updated the README', false],
    ['Dark mode is here', 'Dark mode is here', false],
    ['Fix', 'Fix', false],
    ['Note: not a commit type', 'Note: not a commit type', false],
  ])('cleans the title %j', (raw, title, breaking) => {
    expect(cleanEntryTitle(raw)).toEqual({ title, breaking });
  });

  it('keeps the description and drops the template, the checkboxes, "Closes #12" and sign-offs', () => {
    const result = rewriteEntryLocally(
      request({ title: 'feat(settings): add dark mode (#42)', body: template }),
    );
    expect(result.title).toBe('Added dark mode');
    expect(result.body).toBe(
      'The settings page now has a **dark theme** that follows the system preference.\nIt also remembers your choice per device.',
    );
  });

  it('writes a sentence from the title when nothing is left, and states a breaking change', () => {
    const result = rewriteEntryLocally(
      request({
        title: 'feat(api)!: remove the v1 endpoints',
        body: '- [ ] tests\n\nFixes acme/rocket#3\n\nBREAKING CHANGE: the v1 endpoints answer 410 from now on',
      }),
    );
    expect(result).toEqual({
      title: 'Removed the v1 endpoints',
      body: 'Removed the v1 endpoints.\n\n**Breaking change:** The v1 endpoints answer 410 from now on.',
    });
  });

  it('tidies a grouped entry: commit prefixes out of the bullets, links kept, inline "closes" removed', () => {
    const result = rewriteEntryLocally(
      request({
        title: 'Offline mode and fixes',
        body: [
          '- fix: crash on save ([#10](https://github.com/acme/rocket/pull/10))',
          '- feat: add offline mode, closes #9 ([#11](https://github.com/acme/rocket/pull/11))',
        ].join('\n'),
        pullRequests: [
          { number: 11, title: 'feat: add offline mode', body: '', labels: [], breaking: false },
        ],
      }),
    );
    expect(result.body).toBe(
      [
        '- Crash on save ([#10](https://github.com/acme/rocket/pull/10))',
        '- Added offline mode ([#11](https://github.com/acme/rocket/pull/11))',
      ].join('\n'),
    );
  });

  it('keeps code blocks whole and stays within the limits', () => {
    const body = 'Use the new flag:\n\n```sh\n- [ ] not a checkbox here\nherald export --fast\n```';
    expect(rewriteEntryLocally(request({ title: 'x', body })).body).toBe(
      'Use the new flag:\n\n```sh\n- [ ] not a checkbox here\nherald export --fast\n```',
    );
    const long = rewriteEntryLocally(
      request({
        title: `add ${'very '.repeat(80)}long title`,
        body: 'word '.repeat(5000),
        limits: { titleChars: 60, bodyChars: 500 },
      }),
    );
    expect(long.title.length).toBeLessThanOrEqual(60);
    expect(long.body.length).toBeLessThanOrEqual(500);
  });

  it('is deterministic and reached through the engine interface', async () => {
    const input = request({ title: 'fix: handle empty CSV files', body: template });
    const engine = createLocalEngine();
    const [a, b] = await Promise.all([engine.rewriteEntry(input), engine.rewriteEntry(input)]);
    expect(a).toEqual(b);
    expect(a).toMatchObject({ title: 'Handled empty CSV files', model: 'local-1', costUsdMicros: 0 });
  });
});
