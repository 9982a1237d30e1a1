import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entriesPath } from '../../../../test/entry-fixtures.ts';
import { type SmtpSink, startSmtpSink } from '../../../../test/fakes/smtp-sink.ts';
import { cookieFrom, createTestApp, json, type TestApp, waitFor } from '../../../../test/harness.ts';
import { auditLogs } from '../audit/audit.table.ts';
import { users } from '../auth/auth.table.ts';
import { outboundEmails } from '../mail/mail.table.ts';
import { buildWidgetScript } from '../widget/widget.script.ts';
import { workspaceMembers, workspaces } from '../workspaces/workspaces.table.ts';
import { maxDeliveryAttempts, sendDigests, sendQueuedDeliveries } from './subscribers.delivery.ts';
import { subscriberConfirmationSends, subscriberDeliveries, subscribers } from './subscribers.table.ts';

// Double opt-in, unsubscribe, preferences and delivery against a real SMTP server on loopback.

interface ChangelogOwner {
  cookie: string;
  userId: string;
  workspaceId: string;
  workspaceSlug: string;
}

let sink: SmtpSink;
let t: TestApp;
let owner: ChangelogOwner;
const browser = 'Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0';

beforeAll(async () => {
  sink = await startSmtpSink();
  t = await createTestApp({
    env: { SMTP_URL: sink.url, TRUST_PROXY: 'true', SUBSCRIBER_CONFIRM_PER_IP_PER_HOUR: '5' },
  });
  owner = await signUp(`subs-owner-${process.pid}@example.com`);
});
afterAll(async () => {
  await t.close();
  await sink.close();
});

/** With SMTP configured sign-up needs a verified address: the test marks it verified, then signs in. */
async function signUp(email: string): Promise<ChangelogOwner> {
  const password = 'correct-horse-battery';
  const created = await t.call('POST', '/api/auth/sign-up/email', {
    body: { email, password, name: 'Sub Scriber' },
  });
  expect(created.status).toBe(200);
  await t.deps.db.update(users).set({ emailVerified: true }).where(eq(users.email, email));
  const signedIn = await t.call('POST', '/api/auth/sign-in/email', { body: { email, password } });
  expect(signedIn.status).toBe(200);
  const cookie = cookieFrom(signedIn);
  const me = await json<{ user: { id: string }; workspaces: Array<{ id: string }> }>(
    await t.call('GET', '/api/v1/me', { cookie }),
  );
  const workspaceId = me.workspaces[0]?.id ?? '';
  const [row] = await t.deps.db
    .select({ slug: workspaces.slug })
    .from(workspaces)
    .where(eq(workspaces.id, workspaceId));
  return { cookie, userId: me.user.id, workspaceId, workspaceSlug: row?.slug ?? '' };
}

let ipCounter = 0;
const nextIp = () => `198.51.100.${++ipCounter}`;

function subscribeCall(email: string, options: { ip?: string; preference?: string; slug?: string } = {}) {
  return t.call('POST', `/api/public/changelog/${options.slug ?? owner.workspaceSlug}/subscribe`, {
    body: { email, preference: options.preference ?? 'all', source: 'widget' },
    headers: { 'x-forwarded-for': options.ip ?? nextIp(), 'user-agent': browser },
  });
}

const subscriberRow = async (email: string, workspaceId = owner.workspaceId) =>
  (
    await t.deps.db
      .select()
      .from(subscribers)
      .where(and(eq(subscribers.workspaceId, workspaceId), eq(subscribers.email, email)))
  )[0];

function linkIn(text: string, pattern: RegExp): string {
  const link = text.match(/https?:\/\/\S+/g)?.find((candidate) => pattern.test(candidate));
  if (!link) throw new Error(`no link matching ${pattern} in:\n${text}`);
  return link;
}

const pathOf = (link: string) => {
  const url = new URL(link);
  return `${url.pathname}${url.search}`;
};

const form = (fields: Record<string, string>) => ({
  rawBody: new URLSearchParams(fields).toString(),
  headers: { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': browser },
});

async function confirmationMailTo(email: string) {
  const mail = await waitFor(async () => sink.to(email).at(-1));
  return sink.parse(mail);
}

async function subscribeAndConfirm(email: string, preference = 'all') {
  expect((await subscribeCall(email, { preference })).status).toBe(202);
  const mail = await confirmationMailTo(email);
  const link = linkIn(mail.text, /\/subscribe\/confirm\?/);
  const token = new URL(link).searchParams.get('token') ?? '';
  const confirmed = await t.call('POST', '/subscribe/confirm', form({ token }));
  expect(confirmed.status).toBe(200);
  return (await subscriberRow(email)) as typeof subscribers.$inferSelect;
}

async function publish(title: string, major = false) {
  const created = await t.call('POST', entriesPath(owner), {
    cookie: owner.cookie,
    body: { title, body: `What changed in **${title}**.`, category: 'New', major },
  });
  expect(created.status).toBe(201);
  const { entry } = await json<{ entry: { id: string } }>(created);
  const published = await t.call('POST', entriesPath(owner, `/${entry.id}/publish`), {
    cookie: owner.cookie,
    body: {},
  });
  expect(published.status, await published.clone().text()).toBe(200);
  return entry.id;
}

async function deliveriesOf(entryId: string) {
  return t.deps.db.select().from(subscriberDeliveries).where(eq(subscriberDeliveries.entryId, entryId));
}

/** Waits until the entry's fan-out ran and none of its `entry` rows is queued any more. */
async function settled(entryId: string) {
  await waitFor(async () => {
    const jobs = await t.deps.db.execute(
      sql`select count(*)::int as n from pgboss.job where name = 'subscribers.entry-published' and data->>'entryId' = ${entryId} and state = 'completed'`,
    );
    return ((jobs as unknown as { rows: Array<{ n: number }> }).rows[0]?.n ?? 0) > 0;
  });
  return waitFor(async () => {
    const rows = await deliveriesOf(entryId);
    return rows.every((row) => row.kind === 'digest' || row.status !== 'queued') && rows;
  });
}

describe('double opt-in', () => {
  it('mails a link whose page confirms only when its button is pressed', async () => {
    const email = 'Reader.One@Example.com';
    const response = await subscribeCall(email);
    expect(response.status).toBe(202);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    const normalized = 'reader.one@example.com';
    const mail = await confirmationMailTo(normalized);
    expect(mail.subject).toContain('Confirm your subscription');
    const link = linkIn(mail.text, /\/subscribe\/confirm\?/);
    expect(link.startsWith(t.config.publicUrl)).toBe(true);

    // A mail scanner follows the link: a page, and nothing changes.
    for (let i = 0; i < 2; i++) {
      const scanned = await t.call('GET', pathOf(link), { headers: { 'user-agent': 'SafeLinks scanner' } });
      expect(scanned.status).toBe(200);
      expect(scanned.headers.get('content-security-policy')).toContain("form-action 'self'");
      const page = await scanned.text();
      expect(page).toContain('<form method="post" action="/subscribe/confirm">');
    }
    const pending = await subscriberRow(normalized);
    expect(pending?.status).toBe('pending');
    expect(pending?.confirmedAt).toBeNull();
    expect(pending?.source).toBe('widget');
    expect(pending?.confirmTokenHash).not.toContain(new URL(link).searchParams.get('token'));

    const token = new URL(link).searchParams.get('token') ?? '';
    const pressed = await t.call('POST', '/subscribe/confirm', form({ token }));
    expect(pressed.status).toBe(200);
    expect(await pressed.text()).toContain('You are subscribed');
    const confirmed = await subscriberRow(normalized);
    expect(confirmed?.status).toBe('confirmed');
    expect(confirmed?.confirmedAt).toBeInstanceOf(Date);
    expect(confirmed?.confirmedVia).toBe('page:desktop');

    // The used link is dead; a second press changes nothing.
    expect((await t.call('GET', pathOf(link))).status).toBe(404);
    expect((await t.call('POST', '/subscribe/confirm', form({ token }))).status).toBe(404);
    expect((await subscriberRow(normalized))?.confirmedAt?.getTime()).toBe(confirmed?.confirmedAt?.getTime());
    const [audit] = await t.deps.db
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.action, 'subscriber.confirmed'), eq(auditLogs.entityId, confirmed?.id ?? '')));
    expect(audit?.ipAddress).toBeNull();
  });

  it('answers the same for a subscribed address, and sends it nothing', async () => {
    const email = 'already@example.com';
    await subscribeAndConfirm(email);
    const before = sink.to(email).length;
    const again = await subscribeCall(email);
    expect(again.status).toBe(202);
    const fresh = await subscribeCall('never-seen-before@example.com');
    expect(await again.json()).toEqual(await fresh.json());
    await waitFor(async () => sink.to('never-seen-before@example.com').length === 1);
    expect(sink.to(email)).toHaveLength(before);
  });

  it('sends at most 3 confirmation mails an hour to one address; the 10th is not sent', async () => {
    const email = 'hammered@example.com';
    const answers = new Set<string>();
    for (let i = 0; i < 10; i++) {
      const response = await subscribeCall(email);
      expect(response.status).toBe(202);
      answers.add(await response.text());
    }
    expect(answers.size).toBe(1);
    await waitFor(async () => sink.to(email).length === 3);
    // Every mail that was queued has been delivered: nothing else is on its way.
    await waitFor(async () => {
      const rows = await t.deps.db.select().from(outboundEmails).where(eq(outboundEmails.toAddress, email));
      return rows.length === 3 && rows.every((row) => row.status === 'sent') && rows;
    });
    expect(sink.to(email)).toHaveLength(3);
    // Only the newest link works (the mails may arrive in any order): exactly one confirms.
    const tokens = await Promise.all(
      sink
        .to(email)
        .map(
          async (m) => new URL(linkIn((await sink.parse(m)).text, /confirm/)).searchParams.get('token') ?? '',
        ),
    );
    const statuses: number[] = [];
    for (const token of tokens)
      statuses.push((await t.call('POST', '/subscribe/confirm', form({ token }))).status);
    expect(statuses.sort()).toEqual([200, 404, 404]);
  });

  it('sends at most the per-IP limit (5 here) from one IP, and keeps no IP anywhere', async () => {
    const ip = '203.0.113.77';
    for (let i = 0; i < 8; i++)
      expect((await subscribeCall(`from-one-ip-${i}@example.com`, { ip })).status).toBe(202);
    await waitFor(async () => {
      const rows = await t.deps.db
        .select()
        .from(outboundEmails)
        .where(sql`${outboundEmails.toAddress} like 'from-one-ip-%'`);
      return rows.length === 5 && rows.every((row) => row.status === 'sent');
    });
    const reached = Array.from({ length: 8 }, (_, i) => sink.to(`from-one-ip-${i}@example.com`).length);
    expect(reached).toEqual([1, 1, 1, 1, 1, 0, 0, 0]);
    // Another IP still gets through.
    expect((await subscribeCall('from-other-ip@example.com')).status).toBe(202);
    await waitFor(async () => sink.to('from-other-ip@example.com').length === 1);

    const sends = await t.deps.db.select().from(subscriberConfirmationSends);
    expect(JSON.stringify(sends)).not.toContain('203.0.113');
    const dump = await t.deps.db.execute(
      sql`select count(*)::int as n from ${auditLogs} where ${auditLogs.action} like 'subscriber%' and (${auditLogs.ipAddress} is not null or ${auditLogs.details}::text like '%203.0.113%')`,
    );
    expect((dump as unknown as { rows: Array<{ n: number }> }).rows[0]?.n).toBe(0);
  });

  it('takes a plain form post from the public page and answers with a page', async () => {
    const page = await t.call('GET', `/changelog/${owner.workspaceSlug}`);
    const html = await page.text();
    expect(html).toContain(`action="/api/public/changelog/${owner.workspaceSlug}/subscribe"`);
    expect(page.headers.get('content-security-policy')).toContain("form-action 'self'");
    const posted = await t.call(
      'POST',
      `/api/public/changelog/${owner.workspaceSlug}/subscribe`,
      form({ email: 'form-poster@example.com', preference: 'major' }),
    );
    expect(posted.status).toBe(200);
    expect(posted.headers.get('content-type')).toContain('text/html');
    expect(await posted.text()).toContain('Check your mail');
    const row = await subscriberRow('form-poster@example.com');
    expect(row).toMatchObject({ status: 'pending', preference: 'major', source: 'page' });
  });

  it('lets the widget on any site subscribe: CORS preflight, and the script carries the form', async () => {
    const preflight = await t.call('OPTIONS', `/api/public/changelog/${owner.workspaceSlug}/subscribe`, {
      headers: { origin: 'https://customer.example', 'access-control-request-method': 'POST' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-headers')).toContain('Content-Type');
    const script = await buildWidgetScript();
    const code = script.code.toString('utf8');
    expect(code).toContain('/api/public/changelog/$1/subscribe');
    expect(code).toContain('source:"widget"');
    expect(script.gzipped.byteLength).toBeLessThanOrEqual(8192);
  });

  it('refuses bad input with 4xx and writes nothing', async () => {
    const before = (await t.deps.db.select().from(subscribers)).length;
    expect((await subscribeCall('not-an-address')).status).toBe(422);
    expect((await subscribeCall('a@b.co', { preference: 'weekly' })).status).toBe(422);
    expect((await subscribeCall('someone@example.com', { slug: 'no-such-changelog' })).status).toBe(404);
    const text = await t.call('POST', `/api/public/changelog/${owner.workspaceSlug}/subscribe`, {
      rawBody: 'email=x',
      headers: { 'content-type': 'text/plain' },
    });
    expect(text.status).toBe(415);
    expect((await t.call('POST', '/subscribe/confirm', form({ token: 'made-up' }))).status).toBe(404);
    expect((await t.deps.db.select().from(subscribers)).length).toBe(before);
  });
});

describe('unsubscribe and preferences', () => {
  it('every subscriber mail has List-Unsubscribe headers; the one-click POST works without a session and is audited', async () => {
    const email = 'leaver@example.com';
    const subscriber = await subscribeAndConfirm(email);
    const entryId = await publish('Leaving soon');
    await settled(entryId);
    const mail = await waitFor(async () => sink.to(email).find((m) => m.raw.includes('Leaving soon')));
    const parsed = await sink.parse(mail);
    expect(parsed.subject).toContain('Leaving soon');
    const headerBlock = mail.raw.split(/\r?\n\r?\n/)[0]?.replace(/\r?\n[ \t]+/g, ' ') ?? '';
    const unsubscribeUrl = /^List-Unsubscribe: <([^>]+)>$/m.exec(headerBlock)?.[1] ?? '';
    expect(unsubscribeUrl).toMatch(/^http:\/\/herald\.test\/subscribe\/unsubscribe\?s=/);
    expect(headerBlock).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click$/m);
    expect(parsed.text).toContain(unsubscribeUrl);
    expect(parsed.text).toContain(`/changelog/${owner.workspaceSlug}/entries/`);

    // The confirmation mail carried the headers too.
    const confirmationHeaders = sink
      .to(email)[0]
      ?.raw.split(/\r?\n\r?\n/)[0]
      ?.replace(/\r?\n[ \t]+/g, ' ');
    expect(confirmationHeaders).toMatch(
      /^List-Unsubscribe: <http:\/\/herald\.test\/subscribe\/unsubscribe\?/m,
    );

    // Opening the link shows a button; nothing changes.
    const opened = await t.call('GET', pathOf(unsubscribeUrl));
    expect(opened.status).toBe(200);
    expect((await subscriberRow(email))?.status).toBe('confirmed');

    // A forged signature is refused.
    const forged = new URL(unsubscribeUrl);
    forged.searchParams.set('sig', 'f'.repeat(32));
    expect(
      (await t.call('POST', pathOf(forged.toString()), form({ 'List-Unsubscribe': 'One-Click' }))).status,
    ).toBe(404);
    expect((await subscriberRow(email))?.status).toBe('confirmed');

    const oneClick = await t.call('POST', pathOf(unsubscribeUrl), form({ 'List-Unsubscribe': 'One-Click' }));
    expect(oneClick.status).toBe(200);
    const row = await subscriberRow(email);
    expect(row?.status).toBe('unsubscribed');
    expect(row?.unsubscribedAt).toBeInstanceOf(Date);
    const [audit] = await t.deps.db
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.action, 'subscriber.unsubscribed'), eq(auditLogs.entityId, subscriber.id)));
    expect(audit).toMatchObject({ actorType: 'system', workspaceId: owner.workspaceId, ipAddress: null });
    expect(audit?.details).toMatchObject({ via: 'one-click', from: 'confirmed' });

    // An unsubscribed address gets nothing more.
    const next = await publish('After leaving');
    const rows = await settled(next);
    expect(rows.find((r) => r.subscriberId === subscriber.id)).toBeUndefined();
    expect(sink.to(email).some((m) => m.raw.includes('After leaving'))).toBe(false);
  });

  it('all, major and digest subscribers get the right entries; a digest batches; republishing resends nothing', async () => {
    const admin = await signUp(`prefs-admin-${process.pid}@example.com`);
    const slugRow = await t.deps.db.execute(sql`select slug from workspaces where id = ${admin.workspaceId}`);
    const workspaceSlug = (slugRow as unknown as { rows: Array<{ slug: string }> }).rows[0]?.slug ?? '';
    const prefsOwner = { ...admin, workspaceSlug } as ChangelogOwner;
    const imported = await t.call('POST', `/api/v1/workspaces/${admin.workspaceId}/subscribers/import`, {
      cookie: admin.cookie,
      rawBody:
        'email,preference\r\npref-all@example.com,all\r\npref-major@example.com,major\r\npref-digest@example.com,digest\r\n',
      headers: { 'content-type': 'text/csv' },
    });
    expect(imported.status).toBe(201);
    expect(await imported.json()).toMatchObject({ imported: 3, rejected: [] });

    const previousOwner = owner;
    owner = prefsOwner;
    try {
      const minor = await publish('A small fix');
      await settled(minor);
      const major = await publish('Version 2', true);
      await settled(major);
      const subjects = async (email: string) =>
        Promise.all(sink.to(email).map(async (m) => (await sink.parse(m)).subject));
      const allSubjects = await subjects('pref-all@example.com');
      expect(allSubjects.some((s) => s.includes('A small fix'))).toBe(true);
      expect(allSubjects.some((s) => s.includes('[Major]') && s.includes('Version 2'))).toBe(true);
      expect(sink.to('pref-all@example.com')).toHaveLength(2);
      expect(sink.to('pref-major@example.com')).toHaveLength(1);
      expect(await subjects('pref-major@example.com')).toEqual([expect.stringContaining('[Major]')]);
      expect(sink.to('pref-digest@example.com')).toHaveLength(0);

      // Republishing: no second message to anyone.
      expect(
        (await t.call('POST', entriesPath(owner, `/${minor}/unpublish`), { cookie: owner.cookie, body: {} }))
          .status,
      ).toBe(200);
      expect(
        (await t.call('POST', entriesPath(owner, `/${minor}/publish`), { cookie: owner.cookie, body: {} }))
          .status,
      ).toBe(200);
      await waitFor(async () => {
        const jobs = await t.deps.db.execute(
          sql`select count(*)::int as n from pgboss.job where name = 'subscribers.entry-published' and data->>'entryId' = ${minor} and state = 'completed'`,
        );
        return (jobs as unknown as { rows: Array<{ n: number }> }).rows[0]?.n === 2;
      });
      expect((await deliveriesOf(minor)).length).toBe(2);

      // The digest: one mail with both entries, then nothing more.
      const digest = await sendDigests(t.deps);
      expect(digest.sent).toBe(1);
      expect(sink.to('pref-digest@example.com')).toHaveLength(1);
      const digestMail = await sink.parse(sink.to('pref-digest@example.com')[0] as never);
      expect(digestMail.subject).toContain('2 updates');
      expect(digestMail.text).toContain('A small fix');
      expect(digestMail.text).toContain('Version 2');
      expect(sink.to('pref-digest@example.com')[0]?.raw).toMatch(
        /^List-Unsubscribe-Post: List-Unsubscribe=One-Click/m,
      );
      expect((await sendDigests(t.deps)).sent).toBe(0);
      expect(sink.to('pref-digest@example.com')).toHaveLength(1);
      expect(
        (await subscriberRow('pref-digest@example.com', admin.workspaceId))?.lastDigestAt,
      ).toBeInstanceOf(Date);
      expect(sink.to('pref-all@example.com')).toHaveLength(2);

      // The delivery log shows it per subscriber.
      const all = await subscriberRow('pref-all@example.com', admin.workspaceId);
      const log = await t.call(
        'GET',
        `/api/v1/workspaces/${admin.workspaceId}/subscribers/${all?.id}/deliveries`,
        {
          cookie: admin.cookie,
        },
      );
      expect(log.status).toBe(200);
      const body = await json<{
        items: Array<{ entryTitle: string; status: string; kind: string; sentAt: string }>;
      }>(log);
      expect(body.items.map((i) => [i.entryTitle, i.status, i.kind]).sort()).toEqual([
        ['A small fix', 'sent', 'entry'],
        ['Version 2', 'sent', 'entry'],
      ]);
    } finally {
      owner = previousOwner;
    }
  });

  it('retries a refused message with a delay, then gives up as failed, without resending sent ones', async () => {
    const admin = await signUp(`retry-admin-${process.pid}@example.com`);
    const imported = await t.call('POST', `/api/v1/workspaces/${admin.workspaceId}/subscribers/import`, {
      cookie: admin.cookie,
      rawBody: 'email\nrefuse-me@example.com\nfine-reader@example.com\n',
      headers: { 'content-type': 'text/csv' },
    });
    expect(imported.status).toBe(201);
    const previousOwner = owner;
    owner = admin;
    try {
      const entryId = await publish('Retried news');
      const refused = await subscriberRow('refuse-me@example.com', admin.workspaceId);
      const rowOf = async () =>
        (await deliveriesOf(entryId)).find(
          (row) => row.subscriberId === refused?.id,
        ) as typeof subscriberDeliveries.$inferSelect;
      await waitFor(async () => (await rowOf())?.attempts === 1);
      await waitFor(async () => sink.to('fine-reader@example.com').length === 1);
      const first = await rowOf();
      expect(first.status).toBe('queued');
      expect(first.lastError).toContain('550');
      expect(first.claimedUntil?.getTime()).toBeGreaterThan(Date.now() + 20_000);
      // Each retry falls due (the test moves the lease back) until the last attempt fails the row.
      for (let attempt = 2; attempt <= maxDeliveryAttempts; attempt++) {
        await t.deps.db
          .update(subscriberDeliveries)
          .set({ claimedUntil: new Date(Date.now() - 1000) })
          .where(eq(subscriberDeliveries.id, first.id));
        await sendQueuedDeliveries(t.deps);
        expect((await rowOf()).attempts).toBe(attempt);
      }
      expect(await rowOf()).toMatchObject({ status: 'failed', attempts: maxDeliveryAttempts });
      expect(sink.to('refuse-me@example.com')).toHaveLength(0);
      expect(sink.to('fine-reader@example.com')).toHaveLength(1);
    } finally {
      owner = previousOwner;
    }
  });

  it('changes the preference through the signed preferences link', async () => {
    const email = 'chooser@example.com';
    await subscribeAndConfirm(email);
    await publish('For the chooser');
    const mail = await waitFor(async () => sink.to(email).find((m) => m.raw.includes('For the chooser')));
    const link = linkIn((await sink.parse(mail)).text, /\/subscribe\/preferences\?/);
    const page = await t.call('GET', pathOf(link));
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('value="all" checked');
    const saved = await t.call('POST', pathOf(link), form({ preference: 'digest' }));
    expect(saved.status).toBe(200);
    expect((await subscriberRow(email))?.preference).toBe('digest');
    expect((await t.call('POST', pathOf(link), form({ preference: 'hourly' }))).status).toBe(422);
    expect((await subscriberRow(email))?.preference).toBe('digest');
    const wrongPurpose = link.replace('/subscribe/preferences', '/subscribe/unsubscribe');
    expect((await t.call('POST', pathOf(wrongPurpose), form({}))).status).toBe(404);
  });
});

describe('the workspace side', () => {
  it('lists with search, status filter and pagination; CSV import and export round-trip; bad rows reported', async () => {
    const admin = await signUp(`csv-admin-${process.pid}@example.com`);
    const base = `/api/v1/workspaces/${admin.workspaceId}/subscribers`;
    const csv = [
      'email,preference',
      'Ann@Example.com,all',
      'bob@example.com,major',
      'not-an-email,all',
      'carol@example.com,weekly',
      'ann@example.com,digest',
      '"dave@example.com",digest',
    ].join('\n');
    const imported = await t.call('POST', `${base}/import`, {
      cookie: admin.cookie,
      rawBody: csv,
      headers: { 'content-type': 'text/csv' },
    });
    expect(imported.status).toBe(201);
    const result = await json<{
      imported: number;
      rejected: Array<{ row: number; errors: Array<{ path: string }> }>;
    }>(imported);
    expect(result.imported).toBe(3);
    expect(result.rejected.map((r) => [r.row, r.errors[0]?.path])).toEqual([
      [3, 'email'],
      [4, 'preference'],
      [5, 'email'],
    ]);
    const ann = await subscriberRow('ann@example.com', admin.workspaceId);
    expect(ann).toMatchObject({ status: 'confirmed', source: 'import', preference: 'all' });

    const listed = await json<{
      items: Array<{ email: string }>;
      nextCursor: string | null;
      counts: { total: number };
    }>(await t.call('GET', `${base}?limit=2`, { cookie: admin.cookie }));
    expect(listed.items).toHaveLength(2);
    expect(listed.counts.total).toBe(3);
    const page2 = await json<{ items: Array<{ email: string }>; nextCursor: string | null }>(
      await t.call('GET', `${base}?limit=2&cursor=${listed.nextCursor}`, { cookie: admin.cookie }),
    );
    expect([...listed.items, ...page2.items].map((i) => i.email).sort()).toEqual([
      'ann@example.com',
      'bob@example.com',
      'dave@example.com',
    ]);
    const searched = await json<{ items: Array<{ email: string }> }>(
      await t.call('GET', `${base}?q=BOB`, { cookie: admin.cookie }),
    );
    expect(searched.items.map((i) => i.email)).toEqual(['bob@example.com']);
    const pendingOnly = await json<{ items: unknown[] }>(
      await t.call('GET', `${base}?status=pending`, { cookie: admin.cookie }),
    );
    expect(pendingOnly.items).toHaveLength(0);

    const exported = await t.call('GET', `${base}/export`, { cookie: admin.cookie });
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-type')).toContain('text/csv');
    const exportText = await exported.text();
    expect(exportText.split('\r\n')[0]).toBe(
      'email,status,preference,source,confirmed_at,unsubscribed_at,created_at',
    );

    // Round trip into another workspace.
    const other = await signUp(`csv-other-${process.pid}@example.com`);
    const back = await t.call('POST', `/api/v1/workspaces/${other.workspaceId}/subscribers/import`, {
      cookie: other.cookie,
      rawBody: exportText,
      headers: { 'content-type': 'text/csv' },
    });
    expect(back.status).toBe(201);
    expect(await back.json()).toMatchObject({ imported: 3, rejected: [] });
    const again = await (
      await t.call('GET', `/api/v1/workspaces/${other.workspaceId}/subscribers/export`, {
        cookie: other.cookie,
      })
    ).text();
    const shape = (text: string) =>
      text
        .trim()
        .split('\r\n')
        .slice(1)
        .map((line) => line.split(',').slice(0, 4).join(','))
        .sort();
    expect(shape(again)).toEqual(shape(exportText));
    // Importing the same file again adds nobody.
    const twice = await t.call('POST', `/api/v1/workspaces/${other.workspaceId}/subscribers/import`, {
      cookie: other.cookie,
      rawBody: exportText,
      headers: { 'content-type': 'text/csv' },
    });
    expect(await twice.json()).toMatchObject({ imported: 0, existing: 3 });

    // A viewer reads but cannot import, delete or export.
    const viewer = await signUp(`csv-viewer-${process.pid}@example.com`);
    await t.deps.db
      .insert(workspaceMembers)
      .values({ workspaceId: admin.workspaceId, userId: viewer.userId, role: 'viewer' });
    expect((await t.call('GET', base, { cookie: viewer.cookie })).status).toBe(200);
    const refused = await t.call('POST', `${base}/import`, {
      cookie: viewer.cookie,
      rawBody: 'email\nnew@example.com\n',
      headers: { 'content-type': 'text/csv' },
    });
    expect(refused.status).toBe(403);
    expect(await subscriberRow('new@example.com', admin.workspaceId)).toBeUndefined();
    expect((await t.call('DELETE', `${base}/${ann?.id}`, { cookie: viewer.cookie })).status).toBe(403);
    // Nor take every address at once: the bulk export is for admins.
    expect((await t.call('GET', `${base}/export`, { cookie: viewer.cookie })).status).toBe(403);

    // Bad input: 4xx, nothing written.
    const count = async () =>
      (await t.deps.db.select().from(subscribers).where(eq(subscribers.workspaceId, admin.workspaceId)))
        .length;
    const before = await count();
    const importAs = (rawBody: string, type = 'text/csv') =>
      t.call('POST', `${base}/import`, { cookie: admin.cookie, rawBody, headers: { 'content-type': type } });
    expect((await importAs('email\nx@example.com\n', 'text/plain')).status).toBe(415);
    expect((await importAs('name\nx@example.com\n')).status).toBe(422);
    expect((await importAs('email\nnot-an-email\n')).status).toBe(422);
    expect((await importAs('email\n"unterminated\n')).status).toBe(422);
    expect((await importAs('email\n')).status).toBe(422);
    expect((await t.call('GET', `${base}?status=gone`, { cookie: admin.cookie })).status).toBe(422);
    expect((await t.call('GET', `${base}?cursor=nonsense`, { cookie: admin.cookie })).status).toBe(422);
    expect((await t.call('DELETE', `${base}/no-such-id`, { cookie: admin.cookie })).status).toBe(404);
    expect(
      (await t.call('GET', `${base}/deliveries/summary?entryId=no-such-entry`, { cookie: admin.cookie }))
        .status,
    ).toBe(404);
    expect(await count()).toBe(before);

    // Another workspace's subscriber is not found.
    expect((await t.call('DELETE', `${base}/${ann?.id}`, { cookie: other.cookie })).status).toBe(404);

    const deleted = await t.call('DELETE', `${base}/${ann?.id}`, { cookie: admin.cookie });
    expect(deleted.status).toBe(204);
    expect(await count()).toBe(before - 1);
    const [audit] = await t.deps.db
      .select()
      .from(auditLogs)
      .where(eq(auditLogs.action, 'subscriber.deleted'));
    expect(JSON.stringify(audit?.details)).not.toContain('ann@example.com');
  });
});
