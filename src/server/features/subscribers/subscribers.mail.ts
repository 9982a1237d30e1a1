// The mail subscribers receive: the confirmation, one mail per published entry, the digest. Every one
// carries the List-Unsubscribe (signed link) and List-Unsubscribe-Post headers of RFC 8058.
import { escapeHtml } from '../../platform/html.ts';
import { signedLink } from './subscribers.links.ts';

export interface SubscriberMail {
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
}

export interface MailEntry {
  title: string;
  bodyHtml: string;
  bodyText: string;
  url: string;
  major: boolean;
}

interface LinkContext {
  publicUrl: string;
  secret: string;
  subscriberId: string;
}

export function unsubscribeHeaders(context: LinkContext): Record<string, string> {
  return {
    'List-Unsubscribe': `<${signedLink(context.publicUrl, context.secret, 'unsubscribe', context.subscriberId)}>`,
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
  };
}

function footer(context: LinkContext, workspaceName: string) {
  const unsubscribe = signedLink(context.publicUrl, context.secret, 'unsubscribe', context.subscriberId);
  const preferences = signedLink(context.publicUrl, context.secret, 'preferences', context.subscriberId);
  return {
    text: `\n\n--\nYou get this because you subscribed to the ${workspaceName} changelog.\nPreferences: ${preferences}\nUnsubscribe: ${unsubscribe}\n`,
    html: `<p style="color:#6b7280;font-size:12px;margin-top:32px">You get this because you subscribed to the ${escapeHtml(workspaceName)} changelog. <a href="${escapeHtml(preferences)}">Preferences</a> · <a href="${escapeHtml(unsubscribe)}">Unsubscribe</a></p>`,
  };
}

const wrap = (inner: string) =>
  `<!doctype html><html><body style="font-family:system-ui,sans-serif;color:#111827;max-width:600px;margin:0 auto;padding:24px">${inner}</body></html>`;

export function confirmationMail(context: LinkContext, workspaceName: string, url: string): SubscriberMail {
  return {
    subject: `Confirm your subscription to the ${workspaceName} changelog`,
    text: `Someone (hopefully you) asked to get ${workspaceName} changelog updates at this address.\n\nConfirm here (the page has a button):\n${url}\n\nIf it was not you, ignore this mail: nothing is sent without confirmation.`,
    html: wrap(
      `<h1 style="font-size:20px">Confirm your subscription</h1><p>Someone (hopefully you) asked to get ${escapeHtml(workspaceName)} changelog updates at this address.</p><p><a href="${escapeHtml(url)}">Open the confirmation page</a></p><p style="color:#6b7280;font-size:13px">${escapeHtml(url)}</p><p>If it was not you, ignore this mail: nothing is sent without confirmation.</p>`,
    ),
    headers: unsubscribeHeaders(context),
  };
}

export function entryMail(context: LinkContext, workspaceName: string, entry: MailEntry): SubscriberMail {
  const end = footer(context, workspaceName);
  return {
    subject: `${entry.major ? '[Major] ' : ''}${workspaceName}: ${entry.title}`,
    text: `${entry.title}\n\n${entry.bodyText}\n\nRead it online: ${entry.url}${end.text}`,
    html: wrap(
      `<h1 style="font-size:20px"><a href="${escapeHtml(entry.url)}" style="color:inherit">${escapeHtml(entry.title)}</a></h1><div>${entry.bodyHtml}</div><p><a href="${escapeHtml(entry.url)}">Read it online</a></p>${end.html}`,
    ),
    headers: unsubscribeHeaders(context),
  };
}

export function digestMail(
  context: LinkContext,
  workspaceName: string,
  entries: MailEntry[],
): SubscriberMail {
  const end = footer(context, workspaceName);
  const count = `${entries.length} update${entries.length === 1 ? '' : 's'}`;
  return {
    subject: `${workspaceName} changelog digest: ${count}`,
    text: `${entries.map((e) => `* ${e.title}\n  ${e.url}`).join('\n\n')}${end.text}`,
    html: wrap(
      `<h1 style="font-size:20px">${escapeHtml(workspaceName)}: ${count}</h1>${entries
        .map(
          (e) =>
            `<h2 style="font-size:17px"><a href="${escapeHtml(e.url)}">${escapeHtml(e.title)}</a></h2><div>${e.bodyHtml}</div>`,
        )
        .join('')}${end.html}`,
    ),
    headers: unsubscribeHeaders(context),
  };
}
