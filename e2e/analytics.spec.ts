import { expect, test } from '@playwright/test';
import { json, screenshot, signUpToWorkspace } from './support/changelog-steps.ts';

const owner = {
  name: 'Ana Analytics',
  email: 'ana.analytics@example.com',
  password: 'correct-horse-battery-staple',
};

test('a visitor reads the public changelog with no script and no cookie, and the workspace sees the view, the visitor and the referrer on the analytics dashboard', async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  const { workspaceId } = await signUpToWorkspace(page, owner);
  const api = `/api/v1/workspaces/${workspaceId}/changelog/entries`;
  const { entry } = await json<{ entry: { id: string } }>(
    page.request.post(api, {
      data: {
        title: 'Dark mode everywhere',
        body: 'Every page now follows your system theme.',
        category: 'New',
      },
    }),
  );
  const published = await json<{ entry: { publicUrl: string } }>(
    page.request.post(`${api}/${entry.id}/publish`, { data: {} }),
  );

  // A visitor in a fresh browser (no session) arrives from another site's link. Headless Chromium says
  // "HeadlessChrome" in its user agent, which Herald counts as a bot; a person's Chrome does not.
  const visitor = await browser.newContext({
    userAgent:
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  });
  const reader = await visitor.newPage();
  await reader.goto(published.entry.publicUrl, { referer: 'https://news.example.org/item?id=42' });
  await expect(reader.getByRole('heading', { name: 'Dark mode everywhere' })).toBeVisible();
  expect(await visitor.cookies()).toEqual([]);
  await visitor.close();

  await page.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: 'Analytics' }).click();
  await expect(page.getByRole('heading', { name: 'Analytics', level: 1 })).toBeVisible();
  const stat = (label: string) => page.locator('div', { has: page.getByText(label, { exact: true }) }).last();
  await expect(stat('Page views')).toContainText('1');
  await expect(stat('Visitors')).toContainText('1');
  await expect(page.getByRole('list', { name: 'Most-viewed entries' })).toContainText('Dark mode everywhere');
  await expect(page.getByRole('list', { name: 'Referrers' })).toContainText('news.example.org');
  await expect(page.getByRole('img', { name: 'Page views and unique visitors per day' })).toBeVisible();
  await screenshot(page, 'analytics-01-dashboard');
});
