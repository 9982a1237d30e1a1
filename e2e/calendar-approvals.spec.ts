import { mkdirSync } from 'node:fs';
import { type APIResponse, expect, type Page, test } from '@playwright/test';
import { toZonedParts } from '../src/shared/time/zoned-time.ts';
import { e2eBaseUrl } from './support/e2e-env.ts';
import { linkFrom, waitForMail } from './support/mailbox.ts';

const screensDir = 'test-results/screens';
const planner = {
  name: 'Paula Planner',
  email: 'paula.planner@example.com',
  password: 'correct-horse-battery-staple',
};
// A timezone with daylight saving, so "keeps the local time" is not the same as "adds 48 hours" by luck.
const timeZone = 'Europe/Paris';

async function screenshot(page: Page, name: string) {
  mkdirSync(screensDir, { recursive: true });
  await page.screenshot({ path: `${screensDir}/${name}.png`, fullPage: true });
}

async function signUpAndVerify(page: Page, person: typeof planner) {
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

async function json<T>(response: Promise<APIResponse>): Promise<T> {
  const answer = await response;
  expect(answer.ok(), `${answer.url()} answered ${answer.status()}: ${await answer.text()}`).toBe(true);
  return (await answer.json()) as T;
}

/** Day arithmetic on YYYY-MM-DD strings, independent of the machine's timezone. */
function addDays(day: string, count: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + count);
  return date.toISOString().slice(0, 10);
}

function wallClock(instant: string) {
  const p = toZonedParts(new Date(instant), timeZone);
  const pad = (n: number) => String(n).padStart(2, '0');
  return { day: `${p.year}-${pad(p.month)}-${pad(p.day)}`, time: `${pad(p.hour)}:${pad(p.minute)}` };
}

test('a planner finds next week’s post on the calendar, drags it to another day at the same local time, notes a day, and an outside reviewer approves it through a link', async ({
  page,
  browser,
}) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await signUpAndVerify(page, planner);
  await page.goto('/');
  await expect(page).toHaveURL(/\/w\/[^/]+\/?$/);
  const workspaceId = new URL(page.url()).pathname.split('/')[2] as string;
  const api = (path: string) => `/api/v1/workspaces/${workspaceId}${path}`;
  const headers = { origin: e2eBaseUrl };

  // Set up through the API with the planner's session: Paris time, a webhook channel, a post for next week.
  await json(page.request.patch(api(''), { data: { timezone: timeZone }, headers }));
  const { channel } = await json<{ channel: { id: string } }>(
    page.request.post(api('/channels/webhook'), {
      data: { name: 'Zapier', url: 'https://93.184.215.14/herald-e2e' },
      headers,
    }),
  );
  const post = await json<{ id: string }>(
    page.request.post(api('/posts'), {
      data: {
        platform: 'x',
        title: 'Launch week recap',
        content: {
          tweets: ['Launch week recap: five small fixes your team will notice on Monday.'],
          hashtags: [],
        },
      },
      headers,
    }),
  );
  const today = wallClock(new Date().toISOString()).day;
  const weekday = (new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7;
  const nextMonday = addDays(today, 7 - weekday);
  const wednesday = addDays(nextMonday, 2);
  const friday = addDays(nextMonday, 4);
  await json(
    page.request.post(api(`/posts/${post.id}/schedule`), {
      data: { scheduledAt: `${wednesday}T10:30`, channelId: channel.id },
      headers,
    }),
  );

  // The calendar, week view, next week: the post sits on Wednesday at 10:30.
  await page.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: 'Calendar' }).click();
  await expect(page.getByRole('heading', { name: 'Calendar', level: 1 })).toBeVisible();
  await expect(page.getByText(`Times in ${timeZone}`)).toBeVisible();
  await screenshot(page, 'calendar-01-month');
  await page.getByRole('button', { name: 'Week', exact: true }).click();
  await page.getByRole('button', { name: 'Next week' }).click();
  await expect(page).toHaveURL(/view=week/);
  const chip = page.locator(`[data-day="${wednesday}"]`).getByTestId('calendar-post');
  await expect(chip).toHaveCount(1);
  await expect(chip.getByRole('link')).toHaveAccessibleName(/X · Scheduled · 10:30 · Launch week recap/);
  await screenshot(page, 'calendar-02-week');

  // Drag it to Friday: it lands there and keeps 10:30 Paris time, which the API confirms.
  await chip.dragTo(page.locator(`[data-day="${friday}"]`));
  await expect(page.getByText(/Moved to .* at 10:30\./)).toBeVisible();
  await expect(page.locator(`[data-day="${friday}"]`).getByTestId('calendar-post')).toHaveCount(1);
  await expect(page.locator(`[data-day="${wednesday}"]`).getByTestId('calendar-post')).toHaveCount(0);
  const moved = await json<{ scheduledAt: string; status: string }>(
    page.request.get(api(`/posts/${post.id}`)),
  );
  expect(moved.status).toBe('scheduled');
  expect(wallClock(moved.scheduledAt)).toEqual({ day: friday, time: '10:30' });
  await screenshot(page, 'calendar-03-moved');

  // The same without a mouse: "Move to…" in the chip's menu, to Saturday and back to Friday.
  const saturday = addDays(nextMonday, 5);
  await page
    .locator(`[data-day="${friday}"]`)
    .getByRole('button', { name: /Actions for/ })
    .click();
  await page.getByRole('menuitem', { name: 'Move to…' }).click();
  await page.getByRole('dialog').getByLabel('New day').fill(saturday);
  await page.getByRole('dialog').getByRole('button', { name: 'Move', exact: true }).click();
  await expect(page.locator(`[data-day="${saturday}"]`).getByTestId('calendar-post')).toHaveCount(1);
  await expect(page.getByText(/Moved to Saturday, .* at 10:30\./)).toBeVisible();
  await page
    .locator(`[data-day="${saturday}"]`)
    .getByRole('button', { name: /Actions for/ })
    .click();
  await page.getByRole('menuitem', { name: 'Move to…' }).click();
  await page.getByRole('dialog').getByLabel('New day').fill(friday);
  await page.getByRole('dialog').getByRole('button', { name: 'Move', exact: true }).click();
  await expect(page.locator(`[data-day="${friday}"]`).getByTestId('calendar-post')).toHaveCount(1);
  const back = await json<{ scheduledAt: string }>(page.request.get(api(`/posts/${post.id}`)));
  expect(wallClock(back.scheduledAt)).toEqual({ day: friday, time: '10:30' });

  // A note on Thursday.
  const thursday = page.locator(`[data-day="${addDays(nextMonday, 3)}"]`);
  await thursday.getByRole('button', { name: /Add a note on/ }).click();
  await page.getByRole('dialog').getByLabel('Note').fill('Press embargo lifts at noon');
  await page.getByRole('dialog').getByRole('button', { name: 'Add note' }).click();
  await expect(thursday.getByTestId('calendar-note')).toHaveText('Press embargo lifts at noon');
  // Edit it, then add and delete a second one.
  await thursday.getByTestId('calendar-note').click();
  await page.getByRole('dialog').getByLabel('Note').fill('Press embargo lifts at 14:00');
  await page.getByRole('dialog').getByRole('button', { name: 'Save note' }).click();
  await expect(thursday.getByTestId('calendar-note')).toHaveText('Press embargo lifts at 14:00');
  await thursday.getByRole('button', { name: /Add a note on/ }).click();
  await page.getByRole('dialog').getByLabel('Note').fill('Draft a follow-up');
  await page.getByRole('dialog').getByRole('button', { name: 'Add note' }).click();
  await expect(thursday.getByTestId('calendar-note')).toHaveCount(2);
  await thursday.getByTestId('calendar-note').filter({ hasText: 'Draft a follow-up' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete note' }).click();
  await expect(thursday.getByTestId('calendar-note')).toHaveCount(1);
  await screenshot(page, 'calendar-04-note');

  // Share the post for review from its menu.
  const movedChip = page.locator(`[data-day="${friday}"]`).getByTestId('calendar-post');
  await movedChip.getByRole('button', { name: /Actions for/ }).click();
  await page.getByRole('menuitem', { name: 'Share for review…' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Note for the reviewer (optional)').fill('Is the tone right for Friday?');
  await dialog.getByRole('button', { name: 'Create link' }).click();
  const linkField = dialog.getByLabel('Review link');
  await expect(linkField).toHaveValue(new RegExp(`^${e2eBaseUrl}/review/`));
  const reviewUrl = await linkField.inputValue();
  await screenshot(page, 'calendar-05-share-link');
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(movedChip.getByRole('link')).toHaveAccessibleName(/Awaiting approval/);

  // The reviewer has no account: a fresh browser context, no session.
  const reviewerContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const reviewer = await reviewerContext.newPage();
  await reviewer.goto(reviewUrl);
  await expect(reviewer.getByRole('heading', { name: /asks for your review/ })).toBeVisible();
  await expect(reviewer.getByText('Is the tone right for Friday?')).toBeVisible();
  await expect(reviewer.getByText('Launch week recap: five small fixes')).toBeVisible();
  await screenshot(reviewer, 'review-01-open');
  await reviewer.getByLabel('Your name').fill('Rita Reviewer');
  await reviewer.getByRole('button', { name: 'Approve' }).click();
  await expect(reviewer.getByText('Rita Reviewer approved')).toBeVisible();
  await expect(reviewer.getByText('Approved', { exact: true })).toBeVisible();
  await screenshot(reviewer, 'review-02-approved');

  // Back in the app the post reads approved.
  await page.reload();
  await expect(movedChip.getByRole('link')).toHaveAccessibleName(/Approved/);
  const approved = await json<{ approvalState: string }>(page.request.get(api(`/posts/${post.id}`)));
  expect(approved.approvalState).toBe('approved');

  // The Approvals page lists the link; revoking it closes the review page.
  await page.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: 'Approvals' }).click();
  await expect(page.getByRole('table', { name: 'Review links' })).toContainText(
    'Is the tone right for Friday?',
  );
  await screenshot(page, 'approvals-01-list');
  await page.getByRole('button', { name: 'Revoke' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Revoke link' }).click();
  await expect(page.getByRole('table', { name: 'Review links' })).toContainText('Revoked');
  await reviewer.reload();
  await expect(reviewer.getByRole('heading', { name: 'This link has expired or was revoked' })).toBeVisible();
  await screenshot(reviewer, 'review-03-revoked');
  await reviewerContext.close();
});
