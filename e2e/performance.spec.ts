import { mkdirSync } from 'node:fs';
import { type APIResponse, expect, type Page, test } from '@playwright/test';
import { e2eBaseUrl } from './support/e2e-env.ts';
import { linkFrom, waitForMail } from './support/mailbox.ts';

const screensDir = 'test-results/screens';
const analyst = {
  name: 'Andy Analyst',
  email: 'andy.analyst@example.com',
  password: 'correct-horse-battery-staple',
};

async function screenshot(page: Page, name: string) {
  mkdirSync(screensDir, { recursive: true });
  // From the top: a full-page shot taken scrolled down draws the sticky header mid-page.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `${screensDir}/${name}.png`, fullPage: true });
}

async function signUpAndVerify(page: Page, person: typeof analyst) {
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

test('a planner records a post’s numbers by hand and from a CSV, and reads them per platform with a chart', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await signUpAndVerify(page, analyst);
  await page.goto('/');
  await expect(page).toHaveURL(/\/w\/[^/]+\/?$/);
  const workspaceId = new URL(page.url()).pathname.split('/')[2] as string;
  const headers = { origin: e2eBaseUrl };
  const post = await json<{ id: string }>(
    page.request.post(`/api/v1/workspaces/${workspaceId}/posts`, {
      data: {
        platform: 'x',
        title: 'Changelog habit',
        content: {
          tweets: ['Ship a changelog every Friday: small teams that publish weekly build trust.'],
          hashtags: [],
        },
      },
      headers,
    }),
  );

  await page
    .getByRole('navigation', { name: 'Workspace' })
    .getByRole('link', { name: 'Performance' })
    .click();
  await expect(page.getByRole('heading', { name: 'Performance', level: 1 })).toBeVisible();
  await expect(page.getByText('No numbers in this range')).toBeVisible();

  // By hand, in the post's panel: 63 interactions over a reach of 950 is 6.63%.
  await page.getByRole('combobox', { name: 'Post' }).selectOption(post.id);
  const snapshot = page.getByRole('form', { name: 'Add a snapshot' });
  for (const [label, value] of [
    ['Views', '1200'],
    ['Likes', '48'],
    ['Shares', '9'],
    ['Comments', '6'],
    ['Reach', '950'],
  ] as const) {
    await snapshot.getByLabel(label, { exact: true }).fill(value);
  }
  await snapshot.getByRole('button', { name: 'Save snapshot' }).click();
  await expect(snapshot.getByText('Snapshot saved.')).toBeVisible();
  await expect(page.getByText('6.63%').first()).toBeVisible();

  // From a CSV: a good row for two days ago and a bad one, reported by row.
  const twoDaysAgo = new Date(Date.now() - 2 * 86_400_000).toISOString();
  const importer = page.locator('section', { has: page.getByRole('heading', { name: 'Import numbers' }) });
  await importer
    .getByLabel('CSV')
    .fill(
      `post_id,recorded_at,views,likes,shares,comments,reach\n${post.id},${twoDaysAgo},600,20,4,2,500\n${post.id},yesterday,-5,0,0,0,0\n`,
    );
  await importer.getByRole('button', { name: 'Import' }).click();
  await expect(importer.getByText('1 row(s) imported')).toBeVisible();
  await expect(importer.getByText(/Row 2/)).toBeVisible();

  await expect(
    page.getByRole('table', { name: 'Totals per platform' }).getByRole('cell', { name: 'X', exact: true }),
  ).toBeVisible();
  await expect(page.getByRole('img', { name: 'Views per day and platform' })).toBeVisible();
  await screenshot(page, 'performance-01-page');
  await page.getByRole('button', { name: 'Bars' }).click();
  await page.getByRole('button', { name: 'Engagement' }).click();
  await expect(page.getByRole('img', { name: 'Engagement per day and platform' })).toBeVisible();
  await screenshot(page, 'performance-02-bars');
});
