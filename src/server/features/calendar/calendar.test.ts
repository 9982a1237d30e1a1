import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestApp, json, signUp } from '../../../../test/harness.ts';
import { createManualClock } from '../../platform/clock.ts';
import { posts } from '../posts/posts.table.ts';
import { workspaceMembers, workspaces } from '../workspaces/workspaces.table.ts';
import { calendarRange } from './calendar.days.ts';

const clock = createManualClock(new Date('2027-03-10T12:00:00Z'));
const t = await createTestApp({ clock, workers: false });
afterAll(() => t.close());

let counter = 0;
async function owner(timezone = 'UTC') {
  counter += 1;
  const user = await signUp(t, `calendar-${counter}@example.com`, 'Cal Endar');
  await t.deps.db.update(workspaces).set({ timezone }).where(eq(workspaces.id, user.workspaceId));
  return user;
}
type User = Awaited<ReturnType<typeof owner>>;

interface Day {
  day: string;
  posts: Array<{ id: string; status: string; preview: string; approvalState: string; version: number }>;
  notes: Array<{ id: string; day: string; note: string; createdBy: string | null }>;
}
interface Calendar {
  timezone: string;
  view: string;
  from: string;
  to: string;
  days: Day[];
  truncated: boolean;
}

async function placedPost(
  user: User,
  at: string,
  fields: {
    platform?: 'x' | 'linkedin';
    status?: 'draft' | 'scheduled' | 'published' | 'failed';
    text?: string;
  } = {},
) {
  const platform = fields.platform ?? 'x';
  const text = fields.text ?? `Post for ${at}`;
  const content =
    platform === 'x'
      ? { tweets: [text], hashtags: [] }
      : { hook: text, body: 'Body.', cta: '', hashtags: [] };
  const response = await t.call('POST', `/api/v1/workspaces/${user.workspaceId}/posts`, {
    cookie: user.cookie,
    body: { platform, content },
  });
  expect(response.status, await response.clone().text()).toBe(201);
  const { id } = await json<{ id: string }>(response);
  const status = fields.status ?? 'scheduled';
  await t.deps.db
    .update(posts)
    .set({
      status,
      scheduledAt: new Date(at),
      publishedAt: status === 'published' ? new Date(at) : null,
    })
    .where(eq(posts.id, id));
  return id;
}

async function calendar(user: User, query: string) {
  const response = await t.call('GET', `/api/v1/workspaces/${user.workspaceId}/calendar?${query}`, {
    cookie: user.cookie,
  });
  expect(response.status, await response.clone().text()).toBe(200);
  return json<Calendar>(response);
}

const dayOf = (cal: Calendar, day: string) => cal.days.find((d) => d.day === day);
const notesPath = (user: User) => `/api/v1/workspaces/${user.workspaceId}/calendar/notes`;

describe('calendar ranges', () => {
  it('covers a month with whole Monday-first weeks and a week from Monday to Sunday', () => {
    // March 2027 starts on a Monday and ends on a Wednesday.
    expect(calendarRange('month', '2027-03-17')).toEqual({ from: '2027-03-01', to: '2027-04-04' });
    // February 2026 starts on a Sunday: the first week begins on Monday 26 January.
    expect(calendarRange('month', '2026-02-10')).toEqual({ from: '2026-01-26', to: '2026-03-01' });
    expect(calendarRange('week', '2027-03-14')).toEqual({ from: '2027-03-08', to: '2027-03-14' });
    expect(calendarRange('week', '2027-03-15')).toEqual({ from: '2027-03-15', to: '2027-03-21' });
    expect(calendarRange('week', '2027-12-29')).toEqual({ from: '2027-12-27', to: '2028-01-02' });
  });

  it('answers a month view with every day of the range and today as the default date', async () => {
    const user = await owner();
    const month = await calendar(user, 'view=month');
    expect(month).toMatchObject({ timezone: 'UTC', view: 'month', from: '2027-03-01', to: '2027-04-04' });
    expect(month.days).toHaveLength(35);
    expect(month.days[0]).toEqual({ day: '2027-03-01', posts: [], notes: [] });
    const week = await calendar(user, 'view=week&date=2027-03-10');
    expect(week.days.map((d) => d.day)).toEqual([
      '2027-03-08',
      '2027-03-09',
      '2027-03-10',
      '2027-03-11',
      '2027-03-12',
      '2027-03-13',
      '2027-03-14',
    ]);
  });
});

describe('posts on the calendar', () => {
  it('puts a post at 23:30 UTC on the next day in Europe/Paris', async () => {
    const user = await owner('Europe/Paris');
    const id = await placedPost(user, '2027-03-11T23:30:00Z', {
      text: 'Late night in London, early in Paris',
    });
    const week = await calendar(user, 'view=week&date=2027-03-11');
    expect(week.timezone).toBe('Europe/Paris');
    expect(dayOf(week, '2027-03-11')?.posts).toEqual([]);
    expect(dayOf(week, '2027-03-12')?.posts).toMatchObject([
      {
        id,
        status: 'scheduled',
        preview: 'Late night in London, early in Paris',
        approvalState: 'not_required',
      },
    ]);
  });

  it('places published posts by their publication, leaves drafts without a time out and previews 120 characters', async () => {
    const user = await owner();
    const published = await placedPost(user, '2027-03-02T08:00:00Z', { status: 'published' });
    const long = await placedPost(user, '2027-03-03T08:00:00Z', { text: `${'é'.repeat(118)}😀😀😀 end` });
    const draft = await placedPost(user, '2027-03-04T08:00:00Z', { status: 'draft' });
    await t.deps.db.update(posts).set({ scheduledAt: null }).where(eq(posts.id, draft));
    const month = await calendar(user, 'view=month&date=2027-03-01');
    expect(dayOf(month, '2027-03-02')?.posts.map((p) => p.id)).toEqual([published]);
    const preview = dayOf(month, '2027-03-03')?.posts[0];
    expect(preview?.id).toBe(long);
    expect(Array.from(preview?.preview ?? '')).toHaveLength(120);
    expect(preview?.preview.endsWith('😀😀')).toBe(true);
    expect(month.days.flatMap((d) => d.posts).map((p) => p.id)).not.toContain(draft);
  });

  it('filters by platform and status and leaves out other weeks and other workspaces', async () => {
    const user = await owner();
    const other = await owner();
    const x = await placedPost(user, '2027-03-16T09:00:00Z');
    const linkedin = await placedPost(user, '2027-03-16T10:00:00Z', { platform: 'linkedin' });
    const failed = await placedPost(user, '2027-03-17T10:00:00Z', { status: 'failed' });
    await placedPost(user, '2027-03-23T10:00:00Z');
    await placedPost(other, '2027-03-16T09:30:00Z');
    const ids = (cal: Calendar) => cal.days.flatMap((d) => d.posts.map((p) => p.id));
    expect(ids(await calendar(user, 'view=week&date=2027-03-16'))).toEqual([x, linkedin, failed]);
    expect(ids(await calendar(user, 'view=week&date=2027-03-16&platform=linkedin'))).toEqual([linkedin]);
    expect(ids(await calendar(user, 'view=week&date=2027-03-16&status=failed'))).toEqual([failed]);
    expect(ids(await calendar(user, 'view=week&date=2027-03-16&platform=x&status=published'))).toEqual([]);
  });

  it('refuses a bad view, date, platform or status with 422', async () => {
    const user = await owner();
    for (const query of [
      'view=year',
      'date=2027-02-30',
      'date=27-03-01',
      'date=1900-01-01',
      'platform=myspace',
      'status=done',
    ]) {
      const response = await t.call('GET', `/api/v1/workspaces/${user.workspaceId}/calendar?${query}`, {
        cookie: user.cookie,
      });
      expect(response.status, query).toBe(422);
      expect(await json(response)).toMatchObject({ error: { code: 'validation_failed' } });
    }
  });
});

describe('calendar notes', () => {
  it('creates, shows, edits, moves and deletes a note', async () => {
    const user = await owner();
    const created = await t.call('POST', notesPath(user), {
      cookie: user.cookie,
      body: { day: '2027-03-12', note: '  Launch day: no other posts  ' },
    });
    expect(created.status).toBe(201);
    const note = await json<{ id: string; day: string; note: string; createdBy: string }>(created);
    expect(note).toMatchObject({
      day: '2027-03-12',
      note: 'Launch day: no other posts',
      createdBy: user.userId,
    });
    expect(dayOf(await calendar(user, 'view=week&date=2027-03-12'), '2027-03-12')?.notes).toMatchObject([
      { id: note.id, note: 'Launch day: no other posts' },
    ]);
    const moved = await t.call('PATCH', `${notesPath(user)}/${note.id}`, {
      cookie: user.cookie,
      body: { day: '2027-03-13', note: 'Launch moved' },
    });
    expect(await json(moved)).toMatchObject({ id: note.id, day: '2027-03-13', note: 'Launch moved' });
    const week = await calendar(user, 'view=week&date=2027-03-12');
    expect(dayOf(week, '2027-03-12')?.notes).toEqual([]);
    expect(dayOf(week, '2027-03-13')?.notes).toHaveLength(1);
    expect((await t.call('DELETE', `${notesPath(user)}/${note.id}`, { cookie: user.cookie })).status).toBe(
      204,
    );
    expect((await t.call('DELETE', `${notesPath(user)}/${note.id}`, { cookie: user.cookie })).status).toBe(
      404,
    );
    expect(dayOf(await calendar(user, 'view=week&date=2027-03-12'), '2027-03-13')?.notes).toEqual([]);
  });

  it('refuses a bad day, an empty or overlong note and an empty edit with 422, writing nothing', async () => {
    const user = await owner();
    const bodies = [
      { day: '2027-02-29', note: 'Not a leap year' },
      { day: '12/03/2027', note: 'Wrong format' },
      { day: '2027-03-12', note: '   ' },
      { day: '2027-03-12', note: 'x'.repeat(2001) },
      { day: '2027-03-12' },
      { day: '2027-03-12', note: 'ok', extra: true },
    ];
    for (const body of bodies) {
      const response = await t.call('POST', notesPath(user), { cookie: user.cookie, body });
      expect(response.status, JSON.stringify(body).slice(0, 60)).toBe(422);
    }
    const note = await json<{ id: string }>(
      await t.call('POST', notesPath(user), {
        cookie: user.cookie,
        body: { day: '2027-03-12', note: 'Keep' },
      }),
    );
    for (const body of [{}, { day: '2027-13-01' }, { note: '' }]) {
      const response = await t.call('PATCH', `${notesPath(user)}/${note.id}`, { cookie: user.cookie, body });
      expect(response.status, JSON.stringify(body)).toBe(422);
    }
    const month = await calendar(user, 'view=month&date=2027-03-01');
    expect(month.days.flatMap((d) => d.notes).map((n) => n.note)).toEqual(['Keep']);
  });

  it('lets a viewer read the calendar but not write notes, and hides notes of other workspaces', async () => {
    const user = await owner();
    const viewer = await owner();
    await t.deps.db
      .insert(workspaceMembers)
      .values({ workspaceId: user.workspaceId, userId: viewer.userId, role: 'viewer' });
    const asViewer = { ...viewer, workspaceId: user.workspaceId };
    expect((await calendar(asViewer, 'view=week')).days).toHaveLength(7);
    const refused = await t.call('POST', notesPath(asViewer), {
      cookie: viewer.cookie,
      body: { day: '2027-03-12', note: 'Viewer note' },
    });
    expect(refused.status).toBe(403);
    const note = await json<{ id: string }>(
      await t.call('POST', notesPath(user), {
        cookie: user.cookie,
        body: { day: '2027-03-12', note: 'Mine' },
      }),
    );
    const stranger = await owner();
    const foreign = `${notesPath(stranger)}/${note.id}`;
    expect(
      (await t.call('PATCH', foreign, { cookie: stranger.cookie, body: { note: 'Theirs' } })).status,
    ).toBe(404);
    expect((await t.call('DELETE', foreign, { cookie: stranger.cookie })).status).toBe(404);
    expect((await calendar(stranger, 'view=week&date=2027-03-12')).days.flatMap((d) => d.notes)).toEqual([]);
  });
});
