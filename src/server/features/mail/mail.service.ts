import { eq } from 'drizzle-orm';
import type { AppDeps } from '../../app-context.ts';
import type { Database } from '../../platform/db.ts';
import { outboundEmails } from './mail.table.ts';

export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
  kind: string;
  headers?: Record<string, string>;
}

export const sendEmailJobName = 'mail.send';

type MailDeps = Pick<AppDeps, 'db' | 'queue'>;

/**
 * Every email goes through the job queue: the row is written, then a job delivers it, so a slow or
 * failing SMTP server never blocks a request and failures are retried. Pass `tx` to queue the email
 * inside a caller's transaction.
 */
export async function queueEmail(deps: MailDeps, message: EmailMessage, tx?: Database): Promise<string> {
  const db = tx ?? deps.db;
  const [row] = await db
    .insert(outboundEmails)
    .values({
      toAddress: message.to,
      subject: message.subject,
      textBody: message.text,
      htmlBody: message.html ?? null,
      headers: message.headers ?? {},
      kind: message.kind,
    })
    .returning({ id: outboundEmails.id });
  if (!row) throw new Error('email row not written');
  await deps.queue.send(sendEmailJobName, { emailId: row.id }, { tx, singletonKey: row.id });
  return row.id;
}

/** Delivers one queued email; a second delivery of the same job finds it `sent` and stops. */
export async function deliverQueuedEmail(
  deps: Pick<AppDeps, 'db' | 'mailer' | 'config' | 'clock'>,
  emailId: string,
  options: { isLastAttempt?: boolean } = {},
): Promise<void> {
  const [email] = await deps.db.select().from(outboundEmails).where(eq(outboundEmails.id, emailId));
  if (!email || email.status === 'sent') return;
  try {
    await deps.mailer.deliver({
      from: deps.config.MAIL_FROM,
      to: email.toAddress,
      subject: email.subject,
      text: email.textBody ?? '',
      html: email.htmlBody,
      headers: email.headers,
    });
  } catch (error) {
    await deps.db
      .update(outboundEmails)
      .set({
        attempts: email.attempts + 1,
        error: (error as Error).message.slice(0, 500),
        // After the queue's last retry the email is given up on, and says so.
        ...(options.isLastAttempt ? { status: 'failed' as const } : {}),
      })
      .where(eq(outboundEmails.id, emailId));
    throw error;
  }
  const keepBody = deps.mailer.kind === 'dev-mailbox';
  await deps.db
    .update(outboundEmails)
    .set({
      status: 'sent',
      sentAt: deps.clock.now(),
      attempts: email.attempts + 1,
      error: null,
      ...(keepBody ? {} : { textBody: null, htmlBody: null }),
    })
    .where(eq(outboundEmails.id, emailId));
}
