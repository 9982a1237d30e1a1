import { afterAll, describe, expect, it } from 'vitest';
import { type CrashTarget, cleanUpCrashProcesses, crashOnPostgres, crashTarget } from './crash-process.ts';
import { type SmtpSink, startSmtpSink } from './fakes/smtp-sink.ts';
import { waitFor } from './harness.ts';

// Publishing to 5,000 subscribers sends 5,000 messages, each once, to a real SMTP server on loopback,
// even when the sending process is SIGKILLed midway and started again.
//
// The kill happens at a point where the one unavoidable window (a message the SMTP server accepted
// but the sender had not yet marked `sent`) is closed: the server holds the next message (received,
// never answered) and the test waits until the database shows every accepted message as sent. After
// the restart each recipient must have exactly one copy. (Killed inside that window, the one message
// in flight per SMTP connection would go out again: see docs/ARCHITECTURE.md, "Subscribers".)

afterAll(cleanUpCrashProcesses);

const subscriberCount = 5000;
const title = 'Five thousand readers';
const isEntryMail = (mail: { raw: string }) => mail.raw.includes(`Subject: Sub's workspace: ${title}`);

async function verifiedSignUp(target: CrashTarget, sink: SmtpSink, email: string) {
  const password = 'correct-horse-battery';
  const created = await target.call('POST', '/api/auth/sign-up/email', {
    email,
    password,
    name: 'Sub Scriber',
  });
  if (created.status !== 200) throw new Error(`sign-up answered ${created.status}: ${await created.text()}`);
  const mail = await waitFor(async () => sink.to(email)[0], 60_000);
  const parsed = await sink.parse(mail);
  const link = parsed.text.match(/https?:\/\/\S+verify-email\S+/)?.[0];
  if (!link) throw new Error(`no verification link in ${parsed.text}`);
  const url = new URL(link);
  await target.call('GET', `${url.pathname}${url.search}`);
  const signedIn = await target.call('POST', '/api/auth/sign-in/email', { email, password });
  if (signedIn.status !== 200) throw new Error(`sign-in answered ${signedIn.status}`);
  const cookie = signedIn.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const me = (await (await target.call('GET', '/api/v1/me', undefined, cookie)).json()) as {
    workspaces: Array<{ id: string }>;
  };
  return { cookie, base: `/api/v1/workspaces/${me.workspaces[0]?.id}` };
}

describe(`a ${crashOnPostgres ? 'worker' : 'Herald'} process killed while mailing 5,000 subscribers`, () => {
  it('sends every subscriber the entry exactly once after a restart', async () => {
    const sink = await startSmtpSink();
    try {
      const target = await crashTarget({
        SMTP_URL: sink.url,
        SUBSCRIBER_DELIVERY_LEASE_SECONDS: '4',
        SUBSCRIBER_SEND_BATCH: '250',
        SUBSCRIBER_SMTP_CONNECTIONS: '4',
      });
      let herald = target.start();
      await herald.ready();
      const { cookie, base } = await verifiedSignUp(target, sink, 'crash-owner@example.com');

      const csv = ['email', ...Array.from({ length: subscriberCount }, (_, i) => `reader-${i}@example.com`)];
      const importResponse = await fetchCsv(target, `${base}/subscribers/import`, csv.join('\n'), cookie);
      expect(importResponse).toMatchObject({ imported: subscriberCount, rejected: [] });

      const entry = (await (
        await target.call(
          'POST',
          `${base}/changelog/entries`,
          { title, body: 'Sent to **everyone**, once.', category: 'New' },
          cookie,
        )
      ).json()) as { entry: { id: string } };
      const summaryOf = async () =>
        (await (
          await target.call(
            'GET',
            `${base}/subscribers/deliveries/summary?entryId=${entry.entry.id}`,
            undefined,
            cookie,
          )
        ).json()) as { queued: number; sent: number; failed: number; skipped: number };

      sink.holdAfter(subscriberCount / 2, isEntryMail);
      const started = Date.now();
      const published = await target.call(
        'POST',
        `${base}/changelog/entries/${entry.entry.id}/publish`,
        {},
        cookie,
      );
      expect(published.status).toBe(200);

      // Half accepted, the next message held unanswered, and every accepted one marked sent: kill.
      await waitFor(async () => sink.held() > 0, 90_000);
      const acceptedBeforeKill = sink.accepted.filter(isEntryMail).length;
      await waitFor(async () => (await summaryOf()).sent === acceptedBeforeKill, 30_000);
      const killedAt = (Date.now() - started) / 1000;
      herald.child.kill('SIGKILL');
      await herald.exited;
      sink.release();
      expect(acceptedBeforeKill).toBe(subscriberCount / 2);

      herald = target.start();
      await herald.ready();
      const restartedAt = (Date.now() - started) / 1000;
      const done = await waitFor(async () => {
        const summary = await summaryOf();
        return summary.sent === subscriberCount && summary;
      }, 120_000);
      const seconds = (Date.now() - started) / 1000;
      expect(done).toEqual({ queued: 0, sent: subscriberCount, failed: 0, skipped: 0 });

      const perRecipient = new Map<string, number>();
      for (const mail of sink.accepted.filter(isEntryMail)) {
        for (const to of mail.to) perRecipient.set(to, (perRecipient.get(to) ?? 0) + 1);
      }
      expect(perRecipient.size).toBe(subscriberCount);
      expect([...perRecipient.values()].every((n) => n === 1)).toBe(true);
      expect(sink.accepted.filter(isEntryMail)).toHaveLength(subscriberCount);
      // Every message can be unsubscribed from in one click.
      const sample = sink.accepted.filter(isEntryMail)[123]?.raw ?? '';
      expect(sample).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r?$/m);
      console.info(
        `[subscribers-crash] ${subscriberCount} messages, one kill and restart: ${seconds.toFixed(1)} s (killed at ${killedAt.toFixed(1)} s, running again at ${restartedAt.toFixed(1)} s)`,
      );

      herald.child.kill('SIGTERM');
      await herald.exited;
    } finally {
      await sink.close();
    }
  }, 240_000);
});

async function fetchCsv(target: CrashTarget, url: string, csv: string, cookie: string) {
  const response = await target.callRaw('POST', url, csv, 'text/csv', cookie);
  const body = await response.text();
  if (response.status !== 201) throw new Error(`import answered ${response.status}: ${body}`);
  return JSON.parse(body) as unknown;
}
