import { expect, test } from '@playwright/test';
import { json, screenshot, signUpToWorkspace } from './support/changelog-steps.ts';

// The entry editor's actions against a real Herald (local Studio engine, free plan limits).

test('an editor writes an entry by hand, rewrites it with AI and undoes it, schedules and cancels, makes social posts, groups drafts, and sees the monthly publish limit in plain words', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const { workspaceUrl, workspaceId } = await signUpToWorkspace(page, {
    name: 'Eddie Editor',
    email: 'eddie.editor@example.com',
    password: 'correct-horse-battery-staple',
  });
  const api = (path: string) => `/api/v1/workspaces/${workspaceId}/changelog/entries${path}`;
  type EntryBody = { entry: { id: string; title: string } };

  // A hand-written draft, saved with a body.
  await page.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: 'Changelog' }).click();
  await expect(page.getByText('No entries yet')).toBeVisible();
  await page.getByRole('button', { name: 'New entry' }).click();
  const create = page.getByRole('dialog', { name: 'New entry' });
  await create.getByLabel('Title').fill('Improve search speed');
  await create.getByLabel('Category').selectOption('Improved');
  await create.getByRole('button', { name: 'Create draft' }).click();
  await expect(page.getByRole('heading', { name: 'Improve search speed', level: 1 })).toBeVisible();
  await page
    .getByRole('textbox', { name: 'Body' })
    .fill(
      'Search answers in half the time on large workspaces.\n\n<script>alert(1)</script> [x](javascript:alert(1))',
    );
  await expect(page.getByText('You have unsaved changes.')).toBeVisible();
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('You have unsaved changes.')).toBeHidden();
  // The preview shows markup as text and makes no link of a javascript: URL.
  await page.getByRole('button', { name: 'Preview', exact: true }).click();
  const preview = page.getByTestId('markdown-preview');
  await expect(preview).toContainText('<script>alert(1)</script>');
  await expect(preview.locator('script, a')).toHaveCount(0);
  await page.getByRole('button', { name: 'Write', exact: true }).click();

  // AI rewrite through the Studio engine; the previous text stays at hand and Undo brings it back.
  await page.getByRole('button', { name: 'AI rewrite' }).click();
  await expect(page.getByText('Rewritten by AI')).toBeVisible();
  await expect(page.getByTestId('previous-title')).toHaveText('Improve search speed');
  await expect(page.getByRole('textbox', { name: 'Title' })).toHaveValue('Improved search speed');
  await screenshot(page, 'changelog-10-rewrite');
  await page.getByRole('button', { name: 'Undo rewrite' }).click();
  await expect(page.getByText('Rewritten by AI')).toBeHidden();
  await expect(page.getByRole('textbox', { name: 'Title' })).toHaveValue('Improve search speed');
  await expect(page.getByRole('textbox', { name: 'Body' })).toHaveValue(/^Search answers in half the time/);

  // Schedule in the workspace's timezone, then cancel.
  await page.getByRole('button', { name: 'Schedule', exact: true }).click();
  const schedule = page.getByRole('dialog', { name: 'Schedule publishing' });
  await expect(schedule.getByLabel(/Date and time/)).not.toHaveValue('');
  await schedule.getByRole('button', { name: 'Schedule' }).click();
  await expect(page.getByTestId('entry-status')).toHaveText('Scheduled');
  await expect(page.getByText(/Goes live/)).toBeVisible();
  await page.getByRole('button', { name: 'Cancel schedule' }).click();
  await expect(page.getByTestId('entry-status')).toHaveText('Draft');

  // An X thread and a LinkedIn post about it, saved in the Library.
  await page.getByRole('button', { name: 'Create social posts' }).click();
  const saved = page.getByRole('status').filter({ hasText: 'Saved 2 draft posts in the Library' });
  await expect(saved).toBeVisible();
  await screenshot(page, 'changelog-11-social-posts');
  await saved.getByRole('link', { name: 'LinkedIn' }).click();
  await expect(page).toHaveURL(/\/library\/[^/]+$/);

  // Two more drafts, grouped into one from the list.
  for (const title of ['Search filters by author', 'Search keeps your last query']) {
    await json<EntryBody>(page.request.post(api(''), { data: { title, category: 'New' } }));
  }
  await page.goto(`${workspaceUrl}/changelog`);
  const table = page.getByRole('table', { name: 'Entries' });
  await page.getByRole('button', { name: 'Drafts', exact: true }).click();
  await table.getByRole('checkbox', { name: 'Select Search filters by author' }).check();
  await table.getByRole('checkbox', { name: 'Select Search keeps your last query' }).check();
  await page
    .getByRole('toolbar', { name: 'Selected entries' })
    .getByRole('button', { name: 'Group' })
    .click();
  const group = page.getByRole('dialog', { name: 'Group 2 entries' });
  await group.getByLabel('Title of the grouped entry').fill('Search, remembered');
  await screenshot(page, 'changelog-12-group');
  await group.getByRole('button', { name: 'Group' }).click();
  await expect(page.getByRole('heading', { name: 'Search, remembered', level: 1 })).toBeVisible();

  // The free plan publishes 5 entries a month; the sixth is refused with the server's own words.
  for (let i = 1; i <= 5; i++) {
    const { entry } = await json<EntryBody>(
      page.request.post(api(''), { data: { title: `Release note ${i}`, category: 'Other' } }),
    );
    await json<EntryBody>(page.request.post(api(`/${entry.id}/publish`), { data: {} }));
  }
  await page.goto(`${workspaceUrl}/changelog`);
  await page.getByRole('button', { name: 'Published', exact: true }).click();
  await expect(table.getByRole('row')).toHaveCount(6);
  await page.getByRole('button', { name: 'All', exact: true }).click();
  await table.getByRole('link', { name: 'Improve search speed' }).click();
  await page.getByRole('button', { name: 'Publish now' }).click();
  const refusal = page.getByRole('alert').filter({ hasText: 'monthly limit of 5 published entries' });
  await expect(refusal).toBeVisible();
  await expect(page.getByTestId('entry-status')).toHaveText('Draft');
  await screenshot(page, 'changelog-13-limit');
});
