// The subscriber's pages: "check your mail", the confirmation page (a button; the GET changes
// nothing), unsubscribe and preferences. No script; hono/html escapes every value.
import { html, raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import type { SubscriberPreference } from './subscribers.table.ts';

type Html = HtmlEscapedString;

function h(strings: TemplateStringsArray, ...values: unknown[]): Html {
  const out = html(strings, ...values);
  if (out instanceof Promise) throw new Error('subscriber pages render synchronously');
  return out;
}

// The pages post forms to their own origin and nothing else may run.
export const subscriberPageHeaders = {
  'Content-Security-Policy':
    "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
  'X-Robots-Tag': 'noindex',
};

const styles = `:root{color-scheme:light dark}body{font:16px/1.6 system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem}
button{font:inherit;padding:.55rem 1.1rem;border-radius:6px;border:0;background:#4f46e5;color:#fff;cursor:pointer}
label{display:block;margin:.4rem 0}.muted{color:#6b7280}`;

function page(title: string, body: Html): string {
  return h`<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex"><title>${title}</title><style>${raw(styles)}</style></head><body>${body}</body></html>`.toString();
}

export function checkYourMailPage(workspaceName: string, backUrl: string): string {
  return page(
    'Check your mail',
    h`<h1>Check your mail</h1><p>If the address can be subscribed to the ${workspaceName} changelog, a confirmation mail is on its way. Open it and press the button on the page it links to.</p><p><a href="${backUrl}">← Back to the changelog</a></p>`,
  );
}

export function confirmPage(token: string): string {
  return page(
    'Confirm your subscription',
    h`<h1>Confirm your subscription</h1><p>Press the button to start getting changelog updates at this address.</p>
<form method="post" action="/subscribe/confirm"><input type="hidden" name="token" value="${token}"><button type="submit">Confirm subscription</button></form>`,
  );
}

export function confirmedPage(preferencesUrl: string): string {
  return page(
    'Subscribed',
    h`<h1>You are subscribed</h1><p>Thanks for confirming. <a href="${preferencesUrl}">Choose what you get</a>.</p>`,
  );
}

export function invalidLinkPage(): string {
  return page(
    'Link not valid',
    h`<h1>This link is not valid</h1><p class="muted">It may have expired or been used already. Subscribe again from the changelog page to get a new one.</p>`,
  );
}

export function unsubscribePage(action: string, email: string, done: boolean): string {
  return page(
    done ? 'Unsubscribed' : 'Unsubscribe',
    done
      ? h`<h1>You are unsubscribed</h1><p>${email} will get no more changelog mail.</p>`
      : h`<h1>Unsubscribe</h1><p>Stop changelog mail to ${email}?</p><form method="post" action="${action}"><button type="submit">Unsubscribe</button></form>`,
  );
}

const preferenceLabels: Record<SubscriberPreference, string> = {
  all: 'Every update, as it is published',
  major: 'Major releases only',
  digest: 'A digest of what changed',
};

export function preferencesPage(
  action: string,
  email: string,
  current: SubscriberPreference,
  saved: boolean,
  unsubscribeUrl: string,
): string {
  const options = (Object.keys(preferenceLabels) as SubscriberPreference[]).map(
    (value) =>
      h`<label><input type="radio" name="preference" value="${value}"${value === current ? raw(' checked') : ''}> ${preferenceLabels[value]}</label>`,
  );
  return page(
    'Mail preferences',
    h`<h1>Mail preferences</h1><p>For ${email}.</p>${saved ? h`<p><strong>Saved.</strong></p>` : ''}
<form method="post" action="${action}">${options}<p><button type="submit">Save</button></p></form><p><a href="${unsubscribeUrl}">Unsubscribe</a></p>`,
  );
}
