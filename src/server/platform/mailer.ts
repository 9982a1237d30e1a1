import nodemailer from 'nodemailer';

export interface OutgoingMail {
  from: string;
  to: string;
  subject: string;
  text: string;
  html?: string | null;
  headers?: Record<string, string>;
}

export interface Mailer {
  kind: 'smtp' | 'dev-mailbox';
  /** Delivers over SMTP; the dev mailbox keeps mail in the database instead, so this is a no-op there. */
  deliver(mail: OutgoingMail): Promise<void>;
  /**
   * The same over a pool of kept-open SMTP connections (`bulkConnections` of them), for mail to many
   * recipients (changelog subscribers). Resolves once the server accepted the message.
   */
  deliverBulk(mail: OutgoingMail): Promise<void>;
  close(): void;
}

export interface MailerOptions {
  /** Connections of the bulk pool (default 1). */
  bulkConnections?: number;
}

export function createMailer(smtpUrl: string | undefined, options: MailerOptions = {}): Mailer {
  if (!smtpUrl) {
    return { kind: 'dev-mailbox', deliver: async () => {}, deliverBulk: async () => {}, close: () => {} };
  }
  const transport = nodemailer.createTransport(smtpUrl);
  // nodemailer reads pool settings from the URL's query (documented: `smtp://…/?pool=true`).
  let bulk: ReturnType<typeof nodemailer.createTransport> | undefined;
  const bulkTransport = () => {
    if (!bulk) {
      const url = new URL(smtpUrl);
      url.searchParams.set('pool', 'true');
      url.searchParams.set('maxConnections', String(options.bulkConnections ?? 1));
      url.searchParams.set('maxMessages', '100000');
      bulk = nodemailer.createTransport(url.toString());
    }
    return bulk;
  };
  const message = (mail: OutgoingMail) => ({
    from: mail.from,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    html: mail.html ?? undefined,
    headers: mail.headers,
  });
  return {
    kind: 'smtp',
    async deliver(mail) {
      await transport.sendMail(message(mail));
    },
    async deliverBulk(mail) {
      await bulkTransport().sendMail(message(mail));
    },
    close: () => {
      transport.close();
      bulk?.close();
    },
  };
}
