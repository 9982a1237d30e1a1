import type { AddressInfo } from 'node:net';
import { and, eq } from 'drizzle-orm';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cookieFrom, createTestApp, json, signUp, type TestApp, waitFor } from '../../../../test/harness.ts';
import { systemAudit } from '../audit/audit.service.ts';
import { users } from '../auth/auth.table.ts';
import { addStaffMember } from '../staff/staff.service.ts';
import { deliverQueuedEmail, queueEmail } from './mail.service.ts';
import { outboundEmails } from './mail.table.ts';

interface ReceivedMail {
  to: string[];
  subject: string;
  text: string;
}

/** A real SMTP server on loopback that keeps what it receives; `bounce@` recipients are refused. */
async function startSmtpPeer() {
  const inbox: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (address.address.startsWith('bounce@')) callback(new Error('550 mailbox unavailable'));
      else callback();
    },
    onData(stream, session, callback) {
      simpleParser(stream).then(
        (parsed) => {
          inbox.push({
            to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
          });
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    inbox,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function linkIn(text: string, pattern: RegExp): string {
  const link = text.match(/https?:\/\/\S+/g)?.find((candidate) => pattern.test(candidate));
  if (!link) throw new Error(`no link matching ${pattern} in:\n${text}`);
  return link;
}

const pathOf = (link: string) => {
  const url = new URL(link);
  return `${url.pathname}${url.search}`;
};

describe('mail over SMTP, with the auth flows it carries', () => {
  let smtp: Awaited<ReturnType<typeof startSmtpPeer>>;
  let t: TestApp;
  beforeAll(async () => {
    smtp = await startSmtpPeer();
    t = await createTestApp({ env: { SMTP_URL: smtp.url } });
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  const mailTo = (email: string, subject: string) =>
    waitFor(async () => smtp.inbox.filter((m) => m.to.includes(email) && m.subject.includes(subject)).at(-1));
  const signIn = (email: string, password: string) =>
    t.call('POST', '/api/auth/sign-in/email', { body: { email, password } });

  it('sign-up sends a verification mail that arrives; sign-in waits for the link, then works', async () => {
    const email = 'verify-me@example.com';
    const password = 'first-password-123';
    const signUpResponse = await t.call('POST', '/api/auth/sign-up/email', {
      body: { email, password, name: 'Vera Fy' },
    });
    expect(signUpResponse.status).toBe(200);
    expect((await t.call('GET', '/api/v1/me', { cookie: cookieFrom(signUpResponse) })).status).toBe(401);

    const mail = await mailTo(email, 'Verify your email');
    const link = linkIn(mail.text, /\/api\/auth\/verify-email\?/);
    expect(link.startsWith(t.config.publicUrl)).toBe(true);

    const early = await signIn(email, password);
    expect(early.status).toBe(403);

    const followed = await t.call('GET', pathOf(link));
    expect([301, 302, 303, 307]).toContain(followed.status);
    const [user] = await t.deps.db.select().from(users).where(eq(users.email, email));
    expect(user?.emailVerified).toBe(true);

    const later = await signIn(email, password);
    expect(later.status).toBe(200);
    expect((await t.call('GET', '/api/v1/me', { cookie: cookieFrom(later) })).status).toBe(200);
  });

  it('a password reset mails a link whose token sets a new password and signs out every session', async () => {
    const email = 'forgetful@example.com';
    const oldPassword = 'old-password-123';
    const newPassword = 'new-password-456';
    await t.call('POST', '/api/auth/sign-up/email', {
      body: { email, password: oldPassword, name: 'For Getful' },
    });
    await t.call('GET', pathOf(linkIn((await mailTo(email, 'Verify your email')).text, /verify-email/)));
    const session = cookieFrom(await signIn(email, oldPassword));
    expect((await t.call('GET', '/api/v1/me', { cookie: session })).status).toBe(200);

    const requested = await t.call('POST', '/api/auth/request-password-reset', {
      body: { email, redirectTo: '/reset-password' },
    });
    expect(requested.status).toBe(200);
    const mail = await mailTo(email, 'Reset your Herald password');
    const link = linkIn(mail.text, /\/api\/auth\/reset-password\//);
    const token = /\/reset-password\/([^/?#\s]+)/.exec(link)?.[1] ?? '';
    expect(token.length).toBeGreaterThan(10);

    const reset = await t.call('POST', '/api/auth/reset-password', { body: { token, newPassword } });
    expect(reset.status).toBe(200);

    expect((await t.call('GET', '/api/v1/me', { cookie: session })).status).toBe(401);
    expect((await signIn(email, oldPassword)).status).toBe(401);
    expect((await signIn(email, newPassword)).status).toBe(200);
    const reused = await t.call('POST', '/api/auth/reset-password', {
      body: { token, newPassword: 'third-password-789' },
    });
    expect(reused.status).toBe(400);
  });

  it('once delivered over SMTP, the stored copy loses its body so no token lingers', async () => {
    const email = 'cleared@example.com';
    await t.call('POST', '/api/auth/sign-up/email', {
      body: { email, password: 'cleared-password-1', name: 'Clea Red' },
    });
    const mail = await mailTo(email, 'Verify your email');
    const token = new URL(linkIn(mail.text, /verify-email/)).searchParams.get('token') ?? '';
    const row = await waitFor(async () => {
      const [found] = await t.deps.db
        .select()
        .from(outboundEmails)
        .where(and(eq(outboundEmails.toAddress, email), eq(outboundEmails.status, 'sent')));
      return found;
    });
    expect(row).toMatchObject({ kind: 'email_verification', textBody: null, htmlBody: null, attempts: 1 });
    expect(row.sentAt).toBeInstanceOf(Date);
    expect(JSON.stringify(await t.deps.db.select().from(outboundEmails))).not.toContain(token);
  });

  it('a refused delivery is recorded on the row and left queued for a retry', async () => {
    const id = await queueEmail(t.deps, {
      to: 'bounce@example.com',
      subject: 'Hello',
      text: 'Hi',
      kind: 'test',
    });
    const row = await waitFor(async () => {
      const [found] = await t.deps.db.select().from(outboundEmails).where(eq(outboundEmails.id, id));
      return found?.error ? found : null;
    });
    expect(row.status).toBe('queued');
    expect(row.attempts).toBeGreaterThanOrEqual(1);
    expect(row.error).toContain('550');
  });

  it('after the last retry a refused delivery is marked failed', async () => {
    const id = await queueEmail(t.deps, {
      to: 'bounce@example.com',
      subject: 'Last try',
      text: 'Hi',
      kind: 'test',
    });
    await expect(deliverQueuedEmail(t.deps, id, { isLastAttempt: true })).rejects.toThrow();
    const [row] = await t.deps.db.select().from(outboundEmails).where(eq(outboundEmails.id, id));
    expect(row?.status).toBe('failed');
  });
});

describe('the dev mailbox without SMTP', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('mail is kept in outbound_emails and shown to staff only', async () => {
    const person = await signUp(t, 'mailbox-user@example.com', 'Mabel');
    const row = await waitFor(async () => {
      const [found] = await t.deps.db
        .select()
        .from(outboundEmails)
        .where(and(eq(outboundEmails.toAddress, person.email), eq(outboundEmails.status, 'sent')));
      return found;
    });
    expect(row.kind).toBe('email_verification');
    expect(row.textBody).toContain('/api/auth/verify-email?token=');

    expect((await t.call('GET', '/api/v1/staff/mailbox', { cookie: person.cookie })).status).toBe(403);
    expect((await t.call('GET', '/api/v1/staff/mailbox')).status).toBe(401);

    const staff = await signUp(t, 'postmaster@herald.test', 'Post Master');
    await addStaffMember(t.deps.db, systemAudit(t.deps.authSecret), staff.email, 'support');
    const response = await t.call('GET', '/api/v1/staff/mailbox?limit=100', { cookie: staff.cookie });
    expect(response.status).toBe(200);
    const mailbox = await json<{
      items: Array<{ to: string; kind: string; text: string | null; status: string }>;
    }>(response);
    const item = mailbox.items.find((m) => m.to === person.email);
    expect(item).toMatchObject({ kind: 'email_verification', status: 'sent' });
    expect(item?.text).toContain('/api/auth/verify-email?token=');
  });

  it('the mailbox pages with a cursor', async () => {
    const staff = await signUp(t, 'pager-staff@herald.test', 'Paige Staff');
    await addStaffMember(t.deps.db, systemAudit(t.deps.authSecret), staff.email, 'admin');
    for (let i = 0; i < 4; i++) await signUp(t, `mailbox-pager-${i}@example.com`, `Pager ${i}`);
    const expected = (await t.deps.db.select({ id: outboundEmails.id }).from(outboundEmails)).map(
      (r) => r.id,
    );
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let pages = 0; pages < 20; pages++) {
      const path: string = `/api/v1/staff/mailbox?limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page = await json<{ items: Array<{ id: string }>; nextCursor: string | null }>(
        await t.call('GET', path, { cookie: staff.cookie }),
      );
      seen.push(...page.items.map((m) => m.id));
      cursor = page.nextCursor;
      if (!cursor) break;
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect([...seen].sort()).toEqual([...expected].sort());
  });
});
