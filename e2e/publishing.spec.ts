import { createHmac, timingSafeEqual } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, type Page, test } from '@playwright/test';
import { e2eBaseUrl } from './support/e2e-env.ts';
import { linkFrom, waitForMail } from './support/mailbox.ts';

const screensDir = 'test-results/screens';
const publisher = {
  name: 'Paula Publisher',
  email: 'paula.publisher@example.com',
  password: 'correct-horse-battery-staple',
};

const article = `# Ship a changelog every Friday

Small teams forget to tell customers what changed. A weekly changelog turns invisible work into visible progress, and customers who see steady improvements trust the product more.

Write for people, not machines: "signing in is twice as fast on slow connections" beats "refactor auth middleware". Every entry answers one question: what can the reader do now that they could not before?

Consistency matters more than polish. A short update every Friday beats a beautiful essay every quarter, and each one can become a thread, a LinkedIn post and a paragraph in the monthly email.`;

interface Delivery {
  headers: IncomingHttpHeaders;
  raw: string;
}

/** A webhook receiver on loopback that records every delivery and answers like Zapier would. */
async function startReceiver() {
  const deliveries: Delivery[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      deliveries.push({ headers: req.headers, raw: Buffer.concat(chunks).toString('utf8') });
      const id = `hook-${deliveries.length}`;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id, url: `https://receiver.example.com/posts/${id}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/herald`,
    deliveries,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Herald-Signature: t=<unix>,v1=<hex HMAC-SHA256 of "<t>.<body>"> with the channel's secret. */
function signatureIsValid(delivery: Delivery, secret: string): boolean {
  const header = String(delivery.headers['herald-signature'] ?? '');
  const t = /(?:^|,)t=(\d+)/.exec(header)?.[1];
  const v1 = /(?:^|,)v1=([0-9a-f]{64})/.exec(header)?.[1];
  if (!t || !v1) return false;
  const expected = createHmac('sha256', secret).update(`${t}.${delivery.raw}`).digest();
  return timingSafeEqual(expected, Buffer.from(v1, 'hex'));
}

/**
 * A time about a minute and a half ahead, as its day and time of day in the workspace's timezone, and
 * the same time of day on the next day (where the Library first schedules the post, before the
 * calendar moves it back to today).
 */
function soonInTimeZone(timeZone: string) {
  const when = new Date(Date.now() + 100_000);
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(when)
      .map((part) => [part.type, part.value]),
  );
  const day = `${parts.year}-${parts.month}-${parts.day}`;
  const next = new Date(Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day) + 1));
  const nextDay = next.toISOString().slice(0, 10);
  const time = `${parts.hour}:${parts.minute}`;
  return { day, nextDay, time };
}

async function screenshot(page: Page, name: string) {
  mkdirSync(screensDir, { recursive: true });
  await page.screenshot({ path: `${screensDir}/${name}.png`, fullPage: true });
}

async function signUpAndVerify(page: Page, person: typeof publisher) {
  await page.goto('/sign-up');
  await page.getByLabel('Name').fill(person.name);
  await page.getByLabel('Email').fill(person.email);
  await page.getByLabel('Password').fill(person.password);
  await page.getByRole('button', { name: 'Sign up' }).click();
  await expect(page).toHaveURL(/\/verify-email/);
  const mail = await waitForMail(person.email, /verify your email/i);
  await page.goto(linkFrom(mail, e2eBaseUrl, '/api/auth/verify-email'));
  await expect(page.getByRole('heading', { name: 'Your email is verified' })).toBeVisible();
}

test('a publisher generates an X thread and a LinkedIn post, saves them as drafts, schedules the X post to a webhook, moves it to a minute from now on the calendar, and the Library shows it published after exactly one signed delivery', async ({
  page,
}) => {
  test.setTimeout(300_000);
  const receiver = await startReceiver();
  try {
    await page.setViewportSize({ width: 1280, height: 900 });
    await signUpAndVerify(page, publisher);
    await page.goto('/');
    await expect(page).toHaveURL(/\/w\/[^/]+\/?$/);
    const workspaceUrl = new URL(page.url()).pathname.replace(/\/$/, '');
    const nav = page.getByRole('navigation', { name: 'Workspace' });

    // Generate for X and LinkedIn with the built-in engine.
    await nav.getByRole('link', { name: 'Studio' }).click();
    await page.getByRole('textbox', { name: 'Article' }).fill(article);
    await page.getByRole('checkbox', { name: 'X thread' }).check();
    await page.getByRole('checkbox', { name: 'LinkedIn' }).check();
    await page.getByRole('button', { name: 'Generate' }).click();
    await expect(page.getByRole('article', { name: 'X thread output' })).toBeVisible();
    await expect(page.getByRole('article', { name: 'LinkedIn output' })).toBeVisible();

    // Both outputs become draft posts in the Library.
    await page.getByRole('button', { name: 'Save as posts' }).click();
    const saved = page.getByRole('status').filter({ hasText: 'Saved 2 draft posts' });
    await expect(saved).toBeVisible();
    await screenshot(page, 'publishing-01-saved-as-posts');
    await saved.getByRole('link', { name: 'Library' }).click();
    await expect(page.getByRole('heading', { name: 'Library', level: 1 })).toBeVisible();
    const table = page.getByRole('table', { name: 'Posts' });
    const xRow = table.getByRole('row').filter({ hasText: 'X thread' });
    const linkedinRow = table.getByRole('row').filter({ hasText: 'LinkedIn' });
    await expect(xRow.getByTestId('post-status')).toHaveText('draft');
    await expect(linkedinRow.getByTestId('post-status')).toHaveText('draft');
    await screenshot(page, 'publishing-02-library-drafts');

    // The X draft opens in the editor with its live counters and a thread preview.
    await xRow.getByRole('link').first().click();
    await expect(page.getByLabel('Tweet 1', { exact: true })).not.toHaveValue('');
    await expect(page.getByTestId('field-counter').first()).toBeVisible();
    await expect(page.getByTestId('preview-part').first()).toBeVisible();
    await screenshot(page, 'publishing-03-post-editor');

    // Connecting X is not configured on this server; the page says so.
    await page.goto(`${workspaceUrl}/channels`);
    await expect(page.getByRole('heading', { name: 'Channels', level: 1 })).toBeVisible();
    await page.getByRole('button', { name: 'Connect X' }).click();
    await expect(page.getByRole('alert')).toContainText('not configured on this server');

    // A webhook channel to the local receiver; its secret is shown once.
    await page.getByRole('button', { name: 'Add webhook' }).click();
    const addDialog = page.getByRole('dialog', { name: 'Add a webhook' });
    await addDialog.getByLabel('Name').fill('Local receiver');
    await addDialog.getByLabel('URL').fill(receiver.url);
    await addDialog.getByRole('button', { name: 'Add webhook' }).click();
    const secretDialog = page.getByRole('dialog', { name: 'Signing secret' });
    const firstSecret = (await secretDialog.getByTestId('webhook-secret').textContent())?.trim() ?? '';
    expect(firstSecret.length).toBeGreaterThanOrEqual(32);
    await screenshot(page, 'publishing-04-webhook-secret');
    await secretDialog.getByRole('button', { name: 'I have copied it' }).click();
    const channelRow = page
      .getByRole('table', { name: 'Channels' })
      .getByRole('row', { name: /Local receiver/ });
    await expect(channelRow).toContainText('Active');
    await screenshot(page, 'publishing-05-channels');
    // Rotating shows a new secret once; deliveries are signed with it from then on.
    await channelRow.getByRole('button', { name: 'Rotate the secret of Local receiver' }).click();
    const secret = (await secretDialog.getByTestId('webhook-secret').textContent())?.trim() ?? '';
    expect(secret).not.toBe(firstSecret);
    await secretDialog.getByRole('button', { name: 'I have copied it' }).click();
    await expect(secretDialog).toHaveCount(0);

    // Schedule the X post on the webhook, about a minute ahead, in the workspace's timezone.
    await nav.getByRole('link', { name: 'Library' }).click();
    await xRow.getByRole('checkbox').check();
    await page
      .getByRole('toolbar', { name: 'Selected posts' })
      .getByRole('button', { name: 'Schedule', exact: true })
      .click();
    const scheduleDialog = page.getByRole('dialog', { name: 'Schedule post' });
    const description = (await scheduleDialog.getByText(/times are in /).textContent()) ?? '';
    const timeZone = /times are in (\S+)/.exec(description)?.[1] ?? 'UTC';
    const soon = soonInTimeZone(timeZone);
    await scheduleDialog.getByLabel(/Date and time/).fill(`${soon.nextDay}T${soon.time}`);
    await expect(scheduleDialog.getByLabel('Channel')).toHaveValue(/.+/);
    await screenshot(page, 'publishing-06-schedule-dialog');
    await scheduleDialog.getByRole('button', { name: 'Schedule', exact: true }).click();
    await expect(scheduleDialog).toHaveCount(0);
    await expect(xRow.getByTestId('post-status')).toHaveText('scheduled');
    await expect(linkedinRow.getByTestId('post-status')).toHaveText('draft');
    await screenshot(page, 'publishing-07-scheduled-tomorrow');

    // On the calendar, the post moves to today at the same time of day: about a minute from now.
    await page.goto(`${workspaceUrl}/calendar?view=week&date=${soon.nextDay}`);
    await page.getByRole('button', { name: /^Actions for / }).click();
    await page.getByRole('menuitem', { name: 'Move to…' }).click();
    const moveDialog = page.getByRole('dialog', { name: 'Move post' });
    await moveDialog.getByLabel('New day').fill(soon.day);
    await screenshot(page, 'publishing-08-calendar-move');
    await moveDialog.getByRole('button', { name: 'Move' }).click();
    await expect(moveDialog).toHaveCount(0);
    await page.goto(`${workspaceUrl}/calendar?view=week&date=${soon.day}`);
    await expect(page.getByRole('button', { name: /^Actions for / })).toBeVisible();
    await screenshot(page, 'publishing-09-calendar-today');

    // At its time the receiver gets the post once, signed with the secret shown.
    await expect
      .poll(() => receiver.deliveries.length, { timeout: 180_000, intervals: [1000] })
      .toBeGreaterThanOrEqual(1);
    const [delivery] = receiver.deliveries;
    if (!delivery) throw new Error('no delivery');
    expect(signatureIsValid(delivery, secret)).toBe(true);
    expect(signatureIsValid(delivery, firstSecret)).toBe(false);
    const body = JSON.parse(delivery.raw) as { event: string; post: { platform: string; parts: string[] } };
    expect(body.event).toBe('post.published');
    expect(body.post.platform).toBe('x');
    expect(body.post.parts.length).toBeGreaterThan(0);

    // The Library follows on its own: published, with a link to what the receiver answered.
    await nav.getByRole('link', { name: 'Library' }).click();
    await expect(xRow.getByTestId('post-status')).toHaveText('published', { timeout: 60_000 });
    await expect(xRow.getByRole('link', { name: 'View' })).toHaveAttribute(
      'href',
      'https://receiver.example.com/posts/hook-1',
    );
    await screenshot(page, 'publishing-10-published');
    expect(receiver.deliveries).toHaveLength(1);

    // Filters: only published posts.
    await page.getByLabel('Status').selectOption('published');
    await expect(table.getByRole('row')).toHaveCount(2);
    await screenshot(page, 'publishing-11-filter-published');

    // The OAuth callback's return shows a banner.
    await page.goto(`${workspaceUrl}/channels?connected=x`);
    await expect(page.getByText('X is connected')).toBeVisible();
    await screenshot(page, 'publishing-12-connected-banner');
  } finally {
    await receiver.close();
  }
});

test('a writer drafts a post by hand with live limits, is told when it changed elsewhere, and moves posts out and in as CSV with a report of rejected rows', async ({
  page,
  context,
}) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await signUpAndVerify(page, { ...publisher, name: 'Dana Drafter', email: 'dana.drafter@example.com' });
  await page.goto('/');
  await expect(page).toHaveURL(/\/w\/[^/]+\/?$/);
  const nav = page.getByRole('navigation', { name: 'Workspace' });

  // A new X post: counters and the preview follow the typing.
  await nav.getByRole('link', { name: 'Library' }).click();
  await expect(page.getByText('No posts yet')).toBeVisible();
  await page.getByRole('link', { name: 'New post' }).click();
  await expect(page.getByRole('heading', { name: 'New post' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Save draft' })).toBeDisabled();
  await page.getByLabel('Title').fill('Launch note');
  await page.getByLabel('Tweet 1', { exact: true }).fill('Herald publishes every post exactly once.');
  await expect(page.getByTestId('field-counter').first()).toContainText('41 / 280');
  await expect(page.getByTestId('preview-part')).toHaveText('Herald publishes every post exactly once.');
  await page.getByLabel('Tags', { exact: true }).fill('launch, notes');
  // An image from the media library: uploaded here, attached in the order picked.
  await page.locator('input[type="file"][accept^="image/"]').setInputFiles({
    name: 'pixel.png',
    mimeType: 'image/png',
    buffer: Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
      'base64',
    ),
  });
  await expect(page.getByRole('button', { name: 'Detach pixel.png' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await screenshot(page, 'publishing-13-new-post');
  await page.getByRole('button', { name: 'Save draft' }).click();
  await expect(page).toHaveURL(/\/library\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { name: 'Launch note' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Detach pixel.png' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  const postUrl = page.url();

  // Someone saves the same post in another tab; this tab's save is refused and offers a reload.
  const other = await context.newPage();
  await other.goto(postUrl);
  await other.getByLabel('Title').fill('Launch note, edited elsewhere');
  await other.getByRole('button', { name: 'Save' }).click();
  await expect(other.getByRole('status').filter({ hasText: /^Saved$/ })).toBeVisible();
  await other.close();

  await page
    .getByLabel('Tweet 1', { exact: true })
    .fill('Herald publishes every post exactly once, even after a crash.');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('This post changed elsewhere')).toBeVisible();
  await screenshot(page, 'publishing-14-changed-elsewhere');
  await page.getByRole('button', { name: 'Reload' }).click();
  await expect(page.getByLabel('Title')).toHaveValue('Launch note, edited elsewhere');
  await expect(page.getByLabel('Tweet 1', { exact: true })).toHaveValue(
    'Herald publishes every post exactly once.',
  );

  // Export every post as CSV, then import a spreadsheet with one good row and one bad one.
  await page.getByRole('link', { name: 'Library' }).first().click();
  const downloading = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Export CSV' }).click();
  const exported = await downloading;
  expect(exported.suggestedFilename()).toBe('posts.csv');

  await page.getByRole('button', { name: 'Import' }).click();
  const importDialog = page.getByRole('dialog', { name: 'Import posts' });
  await importDialog.getByLabel('File').setInputFiles({
    name: 'spreadsheet.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(
      'platform,text,tags\nx,Hello from a spreadsheet,imported\nmastodon,Not a platform,\n',
    ),
  });
  await importDialog.getByRole('button', { name: 'Import' }).click();
  await expect(importDialog.getByText('1 imported as drafts, 1 rejected.')).toBeVisible();
  const rejected = importDialog.getByRole('table', { name: 'Rejected rows' });
  await expect(rejected.getByRole('row')).toHaveCount(2);
  await expect(rejected).toContainText('platform');
  await screenshot(page, 'publishing-15-import-report');
  await importDialog.getByRole('button', { name: 'Done' }).click();

  const table = page.getByRole('table', { name: 'Posts' });
  await expect(table.getByRole('row')).toHaveCount(3);
  await page.getByLabel('Tag', { exact: true }).fill('imported');
  await expect(table.getByRole('row')).toHaveCount(2);
  await expect(table).toContainText('Hello from a spreadsheet');
  await screenshot(page, 'publishing-16-tag-filter');
});
