import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  changelogUser,
  entriesPath,
  pullRequestEntry,
  readEntry,
  writeEntry,
} from '../../../../test/entry-fixtures.ts';
import { createTestApp, json, type TestApp } from '../../../../test/harness.ts';
import { createManualClock } from '../../platform/clock.ts';
import type { EntryView } from './changelog.schemas.ts';
import { changelogEntryPullRequests } from './changelog.table.ts';

// Grouping drafts into one entry: pull requests move, the others go, the body lists what changed.
const clock = createManualClock(new Date('2031-05-10T10:00:00.000Z'));
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ clock, workers: false });
});
afterAll(() => t.close());

describe('grouping entries', () => {
  it('keeps the first entry, moves the pull requests to it, deletes the others and lists the PRs', async () => {
    const user = await changelogUser(t, 'group');
    const a = await pullRequestEntry(t, user.workspaceId, {
      number: 10,
      title: 'fix: crash on save',
      category: 'Fixed',
      mergedAt: new Date('2031-05-01T00:00:00Z'),
    });
    const b = await pullRequestEntry(t, user.workspaceId, {
      number: 11,
      title: 'feat: [beta] offline mode',
      category: 'New',
      mergedAt: new Date('2031-05-02T00:00:00Z'),
    });
    const manual = await writeEntry(t, user, { title: 'Docs refreshed', category: 'Other', major: true });
    const response = await t.call('POST', entriesPath(user, '/group'), {
      cookie: user.cookie,
      body: { entryIds: [a.id, b.id, manual.id], title: 'Offline mode and fixes' },
    });
    expect(response.status, await response.clone().text()).toBe(200);
    const { entry } = await json<{ entry: EntryView }>(response);
    expect(entry).toMatchObject({
      id: a.id,
      title: 'Offline mode and fixes',
      slug: 'offline-mode-and-fixes-10',
      category: 'New',
      major: true,
      editedByUser: true,
      status: 'draft',
    });
    expect(entry.pullRequests.map((pr) => pr.number)).toEqual([10, 11]);
    expect(entry.body).toBe(
      [
        '- fix: crash on save ([#10](https://github.com/acme/rocket/pull/10))',
        '- feat: \\[beta\\] offline mode ([#11](https://github.com/acme/rocket/pull/11))',
        '- Docs refreshed',
      ].join('\n'),
    );
    for (const gone of [b.id, manual.id]) {
      expect((await t.call('GET', entriesPath(user, `/${gone}`), { cookie: user.cookie })).status).toBe(404);
    }
    const prRows = await t.deps.db
      .select({ entryId: changelogEntryPullRequests.entryId })
      .from(changelogEntryPullRequests)
      .where(eq(changelogEntryPullRequests.workspaceId, user.workspaceId));
    expect(prRows.map((row) => row.entryId)).toEqual([a.id, a.id]);
  });

  it('keeps a body a person wrote, and refuses published entries with 409 changing nothing', async () => {
    const user = await changelogUser(t, 'group2');
    const kept = await writeEntry(t, user, { title: 'Hand written', body: 'My words.', category: 'Fixed' });
    const pr = await pullRequestEntry(t, user.workspaceId, {
      number: 3,
      title: 'perf: faster',
      category: 'Improved',
    });
    const published = await writeEntry(t, user, { title: 'Out already', category: 'New' });
    expect(
      (await t.call('POST', entriesPath(user, `/${published.id}/publish`), { cookie: user.cookie, body: {} }))
        .status,
    ).toBe(200);
    const refused = await t.call('POST', entriesPath(user, '/group'), {
      cookie: user.cookie,
      body: { entryIds: [kept.id, pr.id, published.id] },
    });
    expect(refused.status).toBe(409);
    expect(await json(refused)).toMatchObject({
      error: { code: 'conflict', details: { entryIds: [published.id] } },
    });
    expect((await readEntry(t, user, pr.id)).pullRequests).toHaveLength(1);
    expect(await readEntry(t, user, kept.id)).toEqual(kept);

    const grouped = await t.call('POST', entriesPath(user, '/group'), {
      cookie: user.cookie,
      body: { entryIds: [kept.id, pr.id] },
    });
    expect((await json<{ entry: EntryView }>(grouped)).entry).toMatchObject({
      title: 'Hand written',
      body: 'My words.',
      category: 'Fixed',
      pullRequests: [{ number: 3 }],
    });
  });
});
