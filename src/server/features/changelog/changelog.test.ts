import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ChangelogUser,
  changelogUser,
  entriesPath,
  pullRequestEntry,
  readEntry,
  testRepository,
  writeEntry,
} from '../../../../test/entry-fixtures.ts';
import { createTestApp, json, signUp, type TestApp } from '../../../../test/harness.ts';
import { studioKit } from '../../../../test/studio-fixtures.ts';
import { createManualClock } from '../../platform/clock.ts';
import { auditLogs } from '../audit/audit.table.ts';
import type { EntryView } from './changelog.schemas.ts';
import { changelogEntries } from './changelog.table.ts';

// Entries through the API: write, read, list with filters and pages, edit, delete; roles and
// bad input.
const clock = createManualClock(new Date('2031-05-10T10:00:00.000Z'));
let t: TestApp;
let owner: ChangelogUser;
beforeAll(async () => {
  t = await createTestApp({ clock, workers: false });
  owner = await changelogUser(t, 'crud');
});
afterAll(() => t.close());

type Page = { entries: EntryView[]; nextCursor: string | null };

async function list(user: ChangelogUser, query = '') {
  const response = await t.call('GET', entriesPath(user, query), { cookie: user.cookie });
  expect(response.status, await response.clone().text()).toBe(200);
  return json<Page>(response);
}

describe('changelog entries', () => {
  it('writes, reads, edits and deletes an entry, each change audited', async () => {
    const entry = await writeEntry(t, owner, {
      title: 'Exports are ten times faster',
      body: 'CSV exports **stream** now.',
      category: 'Improved',
    });
    expect(entry).toMatchObject({
      title: 'Exports are ten times faster',
      body: 'CSV exports **stream** now.',
      category: 'Improved',
      status: 'draft',
      slug: 'exports-are-ten-times-faster',
      major: false,
      editedByUser: true,
      repositoryId: null,
      repositoryFullName: null,
      publicUrl: null,
      pullRequests: [],
      version: 1,
    });
    expect(await readEntry(t, owner, entry.id)).toEqual(entry);

    clock.advance(1000);
    const patched = await t.call('PATCH', entriesPath(owner, `/${entry.id}`), {
      cookie: owner.cookie,
      body: { title: 'Exports: ten times faster', major: true },
    });
    expect(patched.status).toBe(200);
    const { entry: edited } = await json<{ entry: EntryView }>(patched);
    expect(edited).toMatchObject({
      title: 'Exports: ten times faster',
      slug: 'exports-ten-times-faster',
      major: true,
      version: 2,
      body: entry.body,
    });
    expect(edited.updatedAt > entry.updatedAt).toBe(true);

    const deleted = await t.call('DELETE', entriesPath(owner, `/${entry.id}`), { cookie: owner.cookie });
    expect(deleted.status).toBe(204);
    expect((await t.call('GET', entriesPath(owner, `/${entry.id}`), { cookie: owner.cookie })).status).toBe(
      404,
    );
    const actions = await t.deps.db
      .select({ action: auditLogs.action })
      .from(auditLogs)
      .where(eq(auditLogs.entityId, entry.id));
    expect(actions.map((row) => row.action).sort()).toEqual([
      'changelog_entry.created',
      'changelog_entry.deleted',
      'changelog_entry.updated',
    ]);
  });

  it('editing an entry from a pull request marks it edited by a person; slugs stay unique', async () => {
    const user = await changelogUser(t, 'edit');
    const row = await pullRequestEntry(t, user.workspaceId, { number: 42, title: 'feat: dark mode' });
    const fromPr = await readEntry(t, user, row.id);
    expect(fromPr).toMatchObject({
      editedByUser: false,
      slug: 'feat-dark-mode-42',
      repositoryFullName: 'acme/rocket',
      pullRequests: [{ number: 42, url: 'https://github.com/acme/rocket/pull/42', authorLogin: 'octocat' }],
    });
    const majorOnly = await t.call('PATCH', entriesPath(user, `/${row.id}`), {
      cookie: user.cookie,
      body: { major: true },
    });
    expect((await json<{ entry: EntryView }>(majorOnly)).entry.editedByUser).toBe(false);
    const renamed = await t.call('PATCH', entriesPath(user, `/${row.id}`), {
      cookie: user.cookie,
      body: { title: 'Dark mode' },
    });
    expect((await json<{ entry: EntryView }>(renamed)).entry).toMatchObject({
      editedByUser: true,
      slug: 'dark-mode-42',
    });
    const twin = await writeEntry(t, user, { title: 'Dark mode', category: 'New' });
    const triplet = await writeEntry(t, user, { title: 'Dark  mode!', category: 'New' });
    expect([twin.slug, triplet.slug]).toEqual(['dark-mode', 'dark-mode-2']);
  });

  it('lists newest first in pages, filtered by status, category, repository and words', async () => {
    const user = await changelogUser(t, 'list');
    const made: EntryView[] = [];
    for (const [i, category] of (['New', 'Fixed', 'Improved', 'Fixed', 'Other'] as const).entries()) {
      clock.advance(1000);
      made.push(
        await writeEntry(t, user, { title: `Change number ${i}`, body: `About 100%_${i}`, category }),
      );
    }
    clock.advance(1000);
    const fromPr = await pullRequestEntry(t, user.workspaceId, { number: 7, title: 'Fix login loop' });
    const repositoryId = await testRepository(t, user.workspaceId);

    const first = await list(user, '?limit=2');
    expect(first.entries.map((e) => e.id)).toEqual([fromPr.id, made[4]?.id]);
    const second = await list(user, `?limit=2&cursor=${first.nextCursor}`);
    expect(second.entries.map((e) => e.id)).toEqual([made[3]?.id, made[2]?.id]);
    const third = await list(user, `?limit=2&cursor=${second.nextCursor}`);
    expect(third.entries.map((e) => e.id)).toEqual([made[1]?.id, made[0]?.id]);
    expect(third.nextCursor).toBeNull();

    expect((await list(user, '?category=Fixed')).entries.map((e) => e.id)).toEqual([
      made[3]?.id,
      made[1]?.id,
    ]);
    expect((await list(user, `?repositoryId=${repositoryId}`)).entries.map((e) => e.id)).toEqual([fromPr.id]);
    expect((await list(user, '?q=LOGIN')).entries.map((e) => e.id)).toEqual([fromPr.id]);
    // Wildcards are searched for literally.
    expect((await list(user, `?q=${encodeURIComponent('100%_3')}`)).entries.map((e) => e.id)).toEqual([
      made[3]?.id,
    ]);
    expect((await list(user, '?q=%25')).entries).toHaveLength(5);
    expect((await list(user, '?status=published')).entries).toEqual([]);
    expect((await list(user, '?status=draft')).entries).toHaveLength(6);
  });

  it('a viewer reads but cannot write; another workspace sees nothing', async () => {
    const entry = await writeEntry(t, owner, { title: 'Viewer test', category: 'Other' });
    const kit = studioKit(t, clock, signUp);
    const viewer = await kit.joinAs(owner, `viewer-${process.pid}@example.com`, 'viewer');
    expect((await t.call('GET', entriesPath(viewer, `/${entry.id}`), { cookie: viewer.cookie })).status).toBe(
      200,
    );
    const writes: Array<[string, string, unknown]> = [
      ['POST', '', { title: 'Nope', category: 'New' }],
      ['PATCH', `/${entry.id}`, { title: 'Nope' }],
      ['DELETE', `/${entry.id}`, undefined],
      ['POST', '/group', { entryIds: [entry.id, entry.id.replace(/.$/, '0')] }],
      ['POST', `/${entry.id}/rewrite`, undefined],
      ['POST', `/${entry.id}/publish`, {}],
      ['POST', `/${entry.id}/unpublish`, undefined],
      ['POST', `/${entry.id}/social-posts`, {}],
    ];
    for (const [method, path, body] of writes) {
      const response = await t.call(method, entriesPath(viewer, path), { cookie: viewer.cookie, body });
      expect(response.status, `${method} ${path}`).toBe(403);
      expect(await json(response)).toMatchObject({ error: { code: 'forbidden' } });
    }
    expect(await readEntry(t, owner, entry.id)).toEqual(entry);

    const stranger = await changelogUser(t, 'stranger');
    const foreign = await t.call('GET', entriesPath(owner, `/${entry.id}`), { cookie: stranger.cookie });
    expect(foreign.status).toBe(404);
    const elsewhere = await t.call('GET', entriesPath(stranger, `/${entry.id}`), { cookie: stranger.cookie });
    expect(elsewhere.status).toBe(404);
  });

  it('refuses bad input with 422 or 404 and writes nothing', async () => {
    const user = await changelogUser(t, 'bad');
    const entry = await writeEntry(t, user, { title: 'Good', category: 'New' });
    const rowsBefore = await t.deps.db
      .select({ n: count() })
      .from(changelogEntries)
      .where(eq(changelogEntries.workspaceId, user.workspaceId));
    const cases: Array<[string, string, unknown, number]> = [
      ['POST', '', { title: '', category: 'New' }, 422],
      ['POST', '', { title: 'x'.repeat(201), category: 'New' }, 422],
      ['POST', '', { title: 'Line\nbreak', category: 'New' }, 422],
      ['POST', '', { title: 'Ok', category: 'Breaking' }, 422],
      ['POST', '', { title: 'Ok', category: 'New', body: 'x'.repeat(20_001) }, 422],
      ['POST', '', { title: 'Ok', category: 'New', extra: 1 }, 422],
      ['POST', '', { title: 'Nul \u0000', category: 'New' }, 422],
      ['PATCH', `/${entry.id}`, {}, 422],
      ['PATCH', `/${entry.id}`, { major: 'yes' }, 422],
      ['PATCH', '/no-such-entry', { title: 'x' }, 404],
      ['DELETE', '/no-such-entry', undefined, 404],
      ['POST', '/group', { entryIds: [entry.id] }, 422],
      ['POST', '/group', { entryIds: [entry.id, entry.id] }, 422],
      ['POST', '/group', { entryIds: [entry.id, 'no-such-entry'] }, 404],
      ['POST', `/${entry.id}/publish`, { at: 'tomorrow' }, 422],
      ['POST', `/${entry.id}/publish`, { at: '2031-05-10T09:00:00Z' }, 422],
      ['POST', `/${entry.id}/publish`, { at: '2031-13-40T09:00:00Z' }, 422],
      ['POST', `/${entry.id}/publish`, { at: '2040-05-10T09:00:00Z' }, 422],
      ['POST', '/no-such-entry/publish', {}, 404],
      ['POST', `/${entry.id}/social-posts`, { platforms: ['myspace'] }, 422],
      ['POST', `/${entry.id}/social-posts`, { platforms: [] }, 422],
      ['GET', '?status=gone', undefined, 422],
      ['GET', '?limit=0', undefined, 422],
      ['GET', '?cursor=bm9wZQ', undefined, 422],
      ['GET', '?repositoryId=no-such-repository', undefined, 404],
    ];
    for (const [method, path, body, status] of cases) {
      const response = await t.call(method, entriesPath(user, path), { cookie: user.cookie, body });
      expect(response.status, `${method} ${path} ${JSON.stringify(body)?.slice(0, 80)}`).toBe(status);
      expect(await json(response)).toMatchObject({ error: { code: expect.any(String) } });
    }
    const malformed = await t.call('POST', entriesPath(user), {
      cookie: user.cookie,
      rawBody: '{"title":',
      headers: { 'content-type': 'application/json' },
    });
    expect(malformed.status).toBe(400);
    const rowsAfter = await t.deps.db
      .select({ n: count() })
      .from(changelogEntries)
      .where(eq(changelogEntries.workspaceId, user.workspaceId));
    expect(rowsAfter).toEqual(rowsBefore);
    expect(await readEntry(t, user, entry.id)).toEqual(entry);
  });
});
