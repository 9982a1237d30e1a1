import { and, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, json, signUp, type TestApp } from '../../../../test/harness.ts';
import { putOnPlan } from '../../../../test/plan-fixtures.ts';
import { outboundEmails } from '../mail/mail.table.ts';
import { notifyWorkspaceAdmins } from './notifications.service.ts';
import { notifications } from './notifications.table.ts';

type User = Awaited<ReturnType<typeof signUp>>;
interface NotificationView {
  id: string;
  workspaceId: string | null;
  type: string;
  title: string;
  message: string;
  actionUrl: string | null;
  readAt: string | null;
  createdAt: string;
}
interface NotificationPage {
  items: NotificationView[];
  unreadCount: number;
  nextCursor: string | null;
}

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

let count = 0;
async function newUser(label: string) {
  count += 1;
  return signUp(t, `${label}-${count}@example.com`, `${label} Tester`);
}

async function notify(user: User, title: string, type: 'billing' | 'system' = 'system') {
  await notifyWorkspaceAdmins(t.deps, t.deps.db, user.workspaceId, {
    type,
    title,
    message: `${title} — details`,
    actionUrl: `/w/${user.workspaceId}/billing`,
  });
}

/** Rows with chosen times, so order is decided by the test rather than by the clock's resolution. */
async function seed(user: User, rows: Array<[title: string, createdAt: string]>) {
  await t.deps.db.insert(notifications).values(
    rows.map(([title, createdAt]) => ({
      userId: user.userId,
      workspaceId: user.workspaceId,
      type: 'system' as const,
      title,
      message: `${title} — details`,
      createdAt: new Date(createdAt),
    })),
  );
}

async function list(user: User, query = '') {
  const response = await t.call('GET', `/api/v1/notifications${query}`, { cookie: user.cookie });
  expect(response.status).toBe(200);
  return json<NotificationPage>(response);
}

const markRead = (user: User, id: string) =>
  t.call('POST', `/api/v1/notifications/${id}/read`, { cookie: user.cookie });

describe('notifications', () => {
  it('the list is newest first with an action link and the unread count', async () => {
    const user = await newUser('reader');
    await seed(user, [
      ['First', '2020-01-01T10:00:00.000Z'],
      ['Second', '2020-01-01T11:00:00.000Z'],
    ]);
    await notify(user, 'Third');
    const page = await list(user);
    expect(page.unreadCount).toBe(3);
    expect(page.nextCursor).toBeNull();
    expect(page.items.map((n) => n.title)).toEqual(['Third', 'Second', 'First']);
    expect(page.items[0]).toMatchObject({
      workspaceId: user.workspaceId,
      type: 'system',
      message: 'Third — details',
      actionUrl: `/w/${user.workspaceId}/billing`,
      readAt: null,
    });
  });

  it('marking one read lowers the unread count and drops it from the unread filter', async () => {
    const user = await newUser('marker');
    await seed(user, [
      ['A', '2020-01-01T10:00:00.000Z'],
      ['B', '2020-01-01T11:00:00.000Z'],
      ['C', '2020-01-01T12:00:00.000Z'],
    ]);
    const { items } = await list(user);
    const target = items.find((n) => n.title === 'B');
    expect((await markRead(user, target?.id ?? '')).status).toBe(204);
    const after = await list(user);
    expect(after.unreadCount).toBe(2);
    expect(after.items.find((n) => n.title === 'B')?.readAt).not.toBeNull();
    const unread = await list(user, '?unread=true');
    expect(unread.items.map((n) => n.title).sort()).toEqual(['A', 'C']);
    expect((await markRead(user, target?.id ?? '')).status).toBe(204);
  });

  it('mark all read clears the unread count and touches nobody else', async () => {
    const user = await newUser('sweeper');
    const neighbour = await newUser('neighbour');
    for (const title of ['One', 'Two']) await notify(user, title);
    await notify(neighbour, 'Theirs');
    const response = await t.call('POST', '/api/v1/notifications/read-all', { cookie: user.cookie });
    expect(response.status).toBe(204);
    const after = await list(user);
    expect(after.unreadCount).toBe(0);
    expect(after.items.every((n) => n.readAt !== null)).toBe(true);
    expect((await list(neighbour)).unreadCount).toBe(1);
  });

  it('the cursor walks every notification exactly once, page by page', async () => {
    const user = await newUser('pager');
    const titles = Array.from({ length: 7 }, (_, i) => `Note ${i + 1}`);
    // Notes 3 to 5 share one instant: the id breaks the tie, and no page may skip or repeat one.
    const times = ['01', '02', '03', '03', '03', '04', '05'].map((m) => `2020-02-01T10:${m}:00.000Z`);
    await seed(
      user,
      titles.map((title, i) => [title, times[i] ?? ''] as [string, string]),
    );
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = `?limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const page = await list(user, query);
      expect(page.unreadCount).toBe(7);
      seen.push(...page.items.map((n) => n.title));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toHaveLength(7);
    expect([...seen].sort()).toEqual([...titles].sort());
    expect(seen.slice(0, 2)).toEqual(['Note 7', 'Note 6']);
    expect(seen.slice(5)).toEqual(['Note 2', 'Note 1']);
    const bad = await t.call('GET', '/api/v1/notifications?cursor=not-a-cursor', { cookie: user.cookie });
    expect(bad.status).toBe(422);
  });

  it("someone else's notification is not found and stays unread", async () => {
    const owner = await newUser('owner');
    const intruder = await newUser('intruder');
    await notify(owner, 'Private');
    const [theirs] = (await list(owner)).items;
    expect((await markRead(intruder, theirs?.id ?? '')).status).toBe(404);
    expect((await markRead(intruder, 'no-such-notification')).status).toBe(404);
    expect((await list(owner)).unreadCount).toBe(1);
    expect((await list(intruder)).items).toEqual([]);
  });

  it('an API key or an anonymous caller cannot read notifications', async () => {
    const user = await newUser('keyholder');
    const created = await t.call('POST', `/api/v1/workspaces/${user.workspaceId}/api-keys`, {
      cookie: user.cookie,
      body: { name: 'bot', scope: 'read' },
    });
    const { secret } = await json<{ secret: string }>(created);
    expect((await t.call('GET', '/api/v1/notifications', { apiKey: secret })).status).toBe(403);
    expect((await t.call('GET', '/api/v1/notifications')).status).toBe(401);
  });

  it('a workspace notification reaches its owner and admins, and is emailed by each one’s preference', async () => {
    const owner = await newUser('team-owner');
    const admin = await newUser('team-admin');
    const member = await newUser('team-member');
    const teamResponse = await t.call('POST', '/api/v1/workspaces', {
      cookie: owner.cookie,
      body: { name: 'Crew' },
    });
    const team = await json<{ id: string }>(teamResponse);
    await putOnPlan(t, team.id, 'pro'); // three people: free has 2 seats
    for (const [user, role] of [
      [admin, 'admin'],
      [member, 'member'],
    ] as const) {
      const invited = await t.call('POST', `/api/v1/workspaces/${team.id}/invitations`, {
        cookie: owner.cookie,
        body: { email: user.email, role },
      });
      expect(invited.status).toBe(201);
      const [mail] = await t.deps.db
        .select()
        .from(outboundEmails)
        .where(and(eq(outboundEmails.toAddress, user.email), eq(outboundEmails.kind, 'invitation')))
        .orderBy(desc(outboundEmails.createdAt));
      const token = /\/invitations\/([A-Za-z0-9_-]+)/.exec(mail?.textBody ?? '')?.[1];
      const accepted = await t.call('POST', `/api/v1/invitations/${token}/accept`, { cookie: user.cookie });
      expect(accepted.status).toBe(200);
    }
    await t.call('PATCH', '/api/v1/me', {
      cookie: admin.cookie,
      body: { notificationPreferences: { billing: false } },
    });

    await notifyWorkspaceAdmins(t.deps, t.deps.db, team.id, {
      type: 'billing',
      title: 'A payment failed',
      message: 'Update the card.',
      actionUrl: `/w/${team.id}/billing`,
    });
    const inApp = await t.deps.db.select().from(notifications).where(eq(notifications.workspaceId, team.id));
    expect(inApp.map((n) => n.userId).sort()).toEqual([owner.userId, admin.userId].sort());
    const emails = await t.deps.db
      .select()
      .from(outboundEmails)
      .where(eq(outboundEmails.kind, 'notification.billing'));
    const recipients = emails.filter((e) => e.subject === 'A payment failed').map((e) => e.toAddress);
    expect(recipients).toEqual([owner.email]);
    const [email] = emails.filter((e) => e.toAddress === owner.email);
    expect(email?.textBody).toContain(`${t.config.publicUrl}/w/${team.id}/billing`);
  });
});
