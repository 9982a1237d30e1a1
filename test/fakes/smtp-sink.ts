import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

// A real SMTP server on loopback for the subscriber tests. It keeps each message it *accepted* (the
// DATA reply was 250) with its envelope recipients and raw source; `hold()` makes it keep the DATA
// phase of every further message open without answering, so a test can kill the sender while a
// message is neither accepted nor refused.

export interface SunkMail {
  to: string[];
  raw: string;
}

export interface SmtpSink {
  url: string;
  accepted: SunkMail[];
  /** Messages currently held (received, not answered). */
  held(): number;
  hold(): void;
  /** Starts holding once this many messages matching `filter` were accepted. */
  holdAfter(count: number, filter: (mail: SunkMail) => boolean): void;
  release(): void;
  /** Accepted messages to one address. */
  to(address: string): SunkMail[];
  parse(mail: SunkMail): Promise<{ subject: string; text: string; headers: Map<string, unknown> }>;
  close(): Promise<void>;
}

export async function startSmtpSink(): Promise<SmtpSink> {
  const accepted: SunkMail[] = [];
  let holding = false;
  let holdRule: { count: number; filter: (mail: SunkMail) => boolean; seen: number } | undefined;
  let heldCount = 0;
  const waiting: Array<() => void> = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    // The 5,000-message test opens several pooled connections and reuses them.
    maxClients: 100,
    // `refuse-…@` recipients are refused with a permanent error (a bounce).
    onRcptTo(address, _session, callback) {
      if (address.address.toLowerCase().startsWith('refuse-')) callback(new Error('550 mailbox unavailable'));
      else callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', (error) => callback(error));
      stream.on('end', () => {
        const finish = () => {
          const mail = {
            to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
            raw: Buffer.concat(chunks).toString('utf8'),
          };
          accepted.push(mail);
          if (holdRule?.filter(mail)) holdRule.seen++;
          callback();
        };
        if (holdRule && holdRule.seen >= holdRule.count) holding = true;
        if (!holding) return finish();
        heldCount++;
        // Never answered while held; a closed connection means the sender never heard "accepted".
        waiting.push(() => {
          heldCount--;
          finish();
        });
      });
    },
  });
  server.on('error', () => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    accepted,
    held: () => heldCount,
    hold: () => {
      holding = true;
    },
    holdAfter: (count, filter) => {
      holdRule = { count, filter, seen: accepted.filter(filter).length };
    },
    release: () => {
      holding = false;
      holdRule = undefined;
      // Held messages were never acknowledged to a sender that is gone: dropped, not accepted.
      waiting.length = 0;
      heldCount = 0;
    },
    to: (address) => accepted.filter((m) => m.to.includes(address.toLowerCase())),
    parse: async (mail) => {
      const parsed = await simpleParser(mail.raw);
      return {
        subject: parsed.subject ?? '',
        text: parsed.text ?? '',
        headers: parsed.headers as Map<string, unknown>,
      };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
