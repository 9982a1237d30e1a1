import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ChangelogUser,
  changelogUser,
  entriesPath,
  readEntry,
  writeEntry,
} from '../../../../test/entry-fixtures.ts';
import { createTestApp, json, type TestApp, waitFor } from '../../../../test/harness.ts';
import { createManualClock } from '../../platform/clock.ts';
import { rowsOf } from '../../platform/db-errors.ts';
import { notifications } from '../notifications/notifications.table.ts';
import { getUsageSummary } from '../usage/usage.service.ts';
import { runEntryPublishJob } from './changelog.publish.ts';
import { entryPublishJobName } from './changelog.publish-queue.ts';
import type { EntryView } from './changelog.schemas.ts';

// Publishing now and at a time, on a clock the tests move. The scheduled publish goes through the real
// job queue: its job is due an hour ahead on Herald's clock; the test moves the clock, then tells
// pg-boss the hour has passed, and the worker publishes.
const clock = createManualClock(new Date('2031-05-10T10:00:00.000Z'));
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ clock });
});
afterAll(() => t.close());

const hour = 3_600_000;

async function action(user: ChangelogUser, entryId: string, verb: string, body: unknown = {}) {
  return t.call('POST', entriesPath(user, `/${entryId}/${verb}`), { cookie: user.cookie, body });
}

async function entryOf(response: Response, status = 200) {
  expect(response.status, await response.clone().text()).toBe(status);
  return (await json<{ entry: EntryView }>(response)).entry;
}

async function publishedCount(user: ChangelogUser) {
  const summary = await getUsageSummary(t.deps.db, user.workspaceId, clock.now());
  return summary.units.find((unit) => unit.unit === 'entries_published')?.used;
}

async function jobsOf(entryId: string) {
  return rowsOf<{ singleton_key: string; state: string; seconds_ahead: number }>(
    await t.deps.db.execute(sql`
      select singleton_key, state::text as state,
        extract(epoch from (start_after - created_on))::float8 as seconds_ahead
      from pgboss.job where name = ${entryPublishJobName} and data->>'entryId' = ${entryId}
      order by created_on`),
  );
}

describe('publishing entries', () => {
  it('shows a publish and an unpublish on the public changelog at once, though it was just read', async () => {
    const user = await changelogUser(t, 'fresh');
    const entry = await writeEntry(t, user, { title: 'Instant pages', category: 'New' });
    const [workspace] = rowsOf<{ slug: string }>(
      await t.deps.db.execute(sql`select slug from workspaces where id = ${user.workspaceId}`),
    );
    const publicPageShows = async () => {
      const response = await t.call('GET', `/changelog/${workspace?.slug}`);
      expect(response.status).toBe(200);
      return (await response.text()).includes('Instant pages');
    };
    expect(await publicPageShows()).toBe(false);
    await entryOf(await action(user, entry.id, 'publish'));
    expect(await publicPageShows()).toBe(true);
    await entryOf(await action(user, entry.id, 'unpublish'));
    expect(await publicPageShows()).toBe(false);
  });

  it('publishes now with a public URL, unpublishes back to draft, and counts once per month', async () => {
    const user = await changelogUser(t, 'now');
    const entry = await writeEntry(t, user, { title: 'Team spaces', category: 'New' });
    const published = await entryOf(await action(user, entry.id, 'publish'));
    expect(published).toMatchObject({
      status: 'published',
      publishedAt: clock.now().toISOString(),
      scheduledAt: null,
      version: 2,
    });
    expect(published.publicUrl).toMatch(
      /^http:\/\/herald\.test\/changelog\/[a-z0-9-]+\/entries\/team-spaces$/,
    );
    expect(await publishedCount(user)).toBe(1);
    expect((await action(user, entry.id, 'publish')).status).toBe(409);
    const deleteRefused = await t.call('DELETE', entriesPath(user, `/${entry.id}`), { cookie: user.cookie });
    expect(deleteRefused.status).toBe(409);

    const draft = await entryOf(await action(user, entry.id, 'unpublish'));
    expect(draft).toMatchObject({ status: 'draft', publishedAt: null, publicUrl: null, version: 3 });
    expect(await entryOf(await action(user, entry.id, 'unpublish'))).toEqual(draft);
    // Published again in the same month: not counted a second time.
    expect((await entryOf(await action(user, entry.id, 'publish'))).status).toBe('published');
    expect(await publishedCount(user)).toBe(1);
  });

  it('refuses the publication over the monthly limit with a clear 429 and changes nothing', async () => {
    const user = await changelogUser(t, 'limit');
    const entries: EntryView[] = [];
    for (let i = 0; i < 6; i++)
      entries.push(await writeEntry(t, user, { title: `Entry ${i}`, category: 'Other' }));
    for (const entry of entries.slice(0, 5)) await entryOf(await action(user, entry.id, 'publish'));
    const sixth = entries[5] as EntryView;
    const refused = await action(user, sixth.id, 'publish');
    expect(refused.status).toBe(429);
    const body = await json<{ error: { code: string; message: string; details: Record<string, unknown> } }>(
      refused,
    );
    expect(body.error).toMatchObject({
      code: 'quota_exceeded',
      details: { unit: 'entries_published', limit: 5 },
    });
    expect(body.error.message).toContain('monthly limit of 5 published entries');
    expect(await readEntry(t, user, sixth.id)).toEqual(sixth);
    expect(await publishedCount(user)).toBe(5);

    // An entry already counted this month republishes at the limit.
    const first = entries[0] as EntryView;
    await entryOf(await action(user, first.id, 'unpublish'));
    expect((await entryOf(await action(user, first.id, 'publish'))).status).toBe('published');

    // A new month, a new allowance.
    clock.set(new Date('2031-06-01T00:00:01.000Z'));
    expect((await entryOf(await action(user, sixth.id, 'publish'))).status).toBe('published');
    expect(await publishedCount(user)).toBe(1);
  });

  it('publishes a scheduled entry through its job at its time, once', async () => {
    const user = await changelogUser(t, 'later');
    const entry = await writeEntry(t, user, { title: 'Scheduled launch', category: 'New' });
    const at = new Date(clock.now().getTime() + hour);
    const scheduled = await entryOf(await action(user, entry.id, 'publish', { at: at.toISOString() }));
    expect(scheduled).toMatchObject({ status: 'scheduled', scheduledAt: at.toISOString(), version: 2 });
    const [job] = await jobsOf(entry.id);
    expect(job).toMatchObject({ singleton_key: `${entry.id}:v2`, state: 'created' });
    expect(job?.seconds_ahead).toBeGreaterThan(3500);

    clock.advance(hour);
    await t.deps.db.execute(
      sql`update pgboss.job set start_after = now() where name = ${entryPublishJobName} and data->>'entryId' = ${entry.id}`,
    );
    const published = await waitFor(async () => {
      const current = await readEntry(t, user, entry.id);
      return current.status === 'published' && current;
    });
    expect(published).toMatchObject({ publishedAt: at.toISOString(), scheduledAt: null, version: 3 });
    expect(await publishedCount(user)).toBe(1);
    // The same job delivered again finds the version moved on.
    expect(await runEntryPublishJob(t.deps, { entryId: entry.id, version: 2 })).toMatchObject({
      outcome: 'skipped',
    });
  });

  it('a job of an old version, an unpublished or a deleted entry does nothing; an early one waits', async () => {
    const user = await changelogUser(t, 'stale');
    const entry = await writeEntry(t, user, { title: 'Moving target', category: 'Fixed' });
    const at = () => new Date(clock.now().getTime() + hour).toISOString();
    const first = await entryOf(await action(user, entry.id, 'publish', { at: at() }));
    const edited = await entryOf(
      await t.call('PATCH', entriesPath(user, `/${entry.id}`), {
        cookie: user.cookie,
        body: { body: 'More.' },
      }),
    );
    // The edit keeps it scheduled and gives its new version a job of its own.
    expect(edited).toMatchObject({ status: 'scheduled', version: first.version + 1 });
    expect((await jobsOf(entry.id)).map((job) => job.singleton_key)).toEqual([
      `${entry.id}:v${first.version}`,
      `${entry.id}:v${edited.version}`,
    ]);
    expect(await runEntryPublishJob(t.deps, { entryId: entry.id, version: first.version })).toMatchObject({
      outcome: 'skipped',
    });
    // Started before its time (on Herald's clock): it puts its successor in line and publishes nothing.
    expect(await runEntryPublishJob(t.deps, { entryId: entry.id, version: edited.version })).toEqual({
      outcome: 'requeued',
    });
    expect((await readEntry(t, user, entry.id)).status).toBe('scheduled');

    const unscheduled = await entryOf(await action(user, entry.id, 'unpublish'));
    expect(unscheduled).toMatchObject({ status: 'draft', scheduledAt: null });
    clock.advance(hour);
    expect(await runEntryPublishJob(t.deps, { entryId: entry.id, version: edited.version })).toMatchObject({
      outcome: 'skipped',
    });
    expect(await readEntry(t, user, entry.id)).toEqual(unscheduled);

    await entryOf(await action(user, entry.id, 'publish', { at: at() }));
    expect((await t.call('DELETE', entriesPath(user, `/${entry.id}`), { cookie: user.cookie })).status).toBe(
      204,
    );
    expect(await runEntryPublishJob(t.deps, { entryId: entry.id, version: unscheduled.version + 1 })).toEqual(
      {
        outcome: 'skipped',
        reason: 'entry deleted',
      },
    );
  });

  it('a scheduled entry over the limit at its time goes back to draft and the admins are told', async () => {
    const user = await changelogUser(t, 'sched-limit');
    for (let i = 0; i < 5; i++) {
      const filler = await writeEntry(t, user, { title: `Filler ${i}`, category: 'Other' });
      await entryOf(await action(user, filler.id, 'publish'));
    }
    const entry = await writeEntry(t, user, { title: 'One too many', category: 'New' });
    const scheduled = await entryOf(
      await action(user, entry.id, 'publish', { at: new Date(clock.now().getTime() + hour).toISOString() }),
    );
    clock.advance(hour);
    expect(await runEntryPublishJob(t.deps, { entryId: entry.id, version: scheduled.version })).toEqual({
      outcome: 'limit_reached',
    });
    expect(await readEntry(t, user, entry.id)).toMatchObject({ status: 'draft', scheduledAt: null });
    expect(await publishedCount(user)).toBe(5);
    const notes = await t.deps.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, user.userId), eq(notifications.workspaceId, user.workspaceId)));
    expect(notes.find((note) => note.title.includes('was not published'))?.message).toContain(
      'monthly limit of 5 published entries',
    );
  });
});
