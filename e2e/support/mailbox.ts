import { expect } from '@playwright/test';
import { mailboxUrlEnv } from './e2e-env.ts';
import type { ReceivedMail } from './smtp-peer.ts';

async function readMailbox(): Promise<ReceivedMail[]> {
  const url = process.env[mailboxUrlEnv];
  if (!url) throw new Error(`${mailboxUrlEnv} is not set; run the specs through playwright.config.ts`);
  const response = await fetch(url);
  return (await response.json()) as ReceivedMail[];
}

/** Waits until the SMTP peer has received a mail to `to` whose subject matches; returns the newest. */
export async function waitForMail(to: string, subject: RegExp, timeoutMs = 30_000): Promise<ReceivedMail> {
  let found: ReceivedMail | undefined;
  await expect
    .poll(
      async () => {
        const matching = (await readMailbox()).filter(
          (mail) => mail.to.includes(to.toLowerCase()) && subject.test(mail.subject),
        );
        found = matching.at(-1);
        return matching.length;
      },
      { message: `a mail to ${to} with subject ${subject}`, timeout: timeoutMs, intervals: [250, 500, 1000] },
    )
    .toBeGreaterThan(0);
  return found!;
}

/** The first link in the mail's plain-text body that points at `origin` and contains `pathPart`. */
export function linkFrom(mail: ReceivedMail, origin: string, pathPart: string): string {
  const links = mail.text.match(/https?:\/\/[^\s<>"]+/g) ?? [];
  const link = links.find((candidate) => candidate.startsWith(origin) && candidate.includes(pathPart));
  if (!link) throw new Error(`No ${pathPart} link to ${origin} in "${mail.subject}":\n${mail.text}`);
  return link;
}
