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
  close(): void;
}

export function createMailer(smtpUrl: string | undefined): Mailer {
  if (!smtpUrl) return { kind: 'dev-mailbox', deliver: async () => {}, close: () => {} };
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    kind: 'smtp',
    async deliver(mail) {
      await transport.sendMail({
        from: mail.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html ?? undefined,
        headers: mail.headers,
      });
    },
    close: () => transport.close(),
  };
}
