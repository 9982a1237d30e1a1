import { expect, type Page, test } from '@playwright/test';
import { json, screenshot, signUpToWorkspace } from './support/changelog-steps.ts';
import { e2eBaseUrl } from './support/e2e-env.ts';
import {
  e2eRoadmapIssues,
  e2eRoadmapRepository,
  e2eRoadmapToken,
  githubUrlEnv,
} from './support/github-env.ts';
import { linkFrom, waitForMail } from './support/mailbox.ts';
import { grantFeatureAsStaff } from './support/staff-grants.ts';

// Issue 7's round trip: a visitor subscribes on the public changelog, confirms, upvotes a roadmap item;
// the workspace sees the subscriber, the vote and the page views, and moves the item on its board.

const owner = {
  name: 'Otto Audience',
  email: 'otto.audience@example.com',
  password: 'correct-horse-battery-staple',
};
// Unique to this spec: the SMTP peer's mailbox is shared by every spec of a run.
const visitorEmail = 'vicky.visitor.audience@example.com';
// Headless Chromium's user agent says "HeadlessChrome", which Herald counts as a bot (no view, no vote).
const personUserAgent =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const [votedIssue, movedIssue] = e2eRoadmapIssues as [
  (typeof e2eRoadmapIssues)[number],
  (typeof e2eRoadmapIssues)[number],
];

type SubscriberList = { items: { email: string; status: string; confirmedVia: string | null }[] };

/** The labels the fake GitHub holds for an issue, read through its REST API like Herald does. */
async function issueLabels(number: number): Promise<string[]> {
  const base = process.env[githubUrlEnv];
  if (!base) throw new Error(`${githubUrlEnv} is not set; run the specs through playwright.config.ts`);
  const response = await fetch(`${base}/repos/${e2eRoadmapRepository}/issues?state=all&per_page=100`, {
    headers: { authorization: `Bearer ${e2eRoadmapToken}`, accept: 'application/vnd.github+json' },
  });
  const issues = (await response.json()) as { number: number; labels: { name: string }[] }[];
  return issues.find((issue) => issue.number === number)?.labels.map((label) => label.name) ?? [];
}

/** The big number under a stat's label on the analytics dashboard. */
function statValue(page: Page, label: string) {
  // The stat cards come first; the chart legend repeats some labels further down.
  return page
    .locator('p', { hasText: new RegExp(`^${label}$`) })
    .first()
    .locator('xpath=following-sibling::p[1]');
}

test('a visitor subscribes on the public changelog, confirms with the button, upvotes a roadmap item; the workspace sees the subscriber, the vote and the views, and moves the item on its board', async ({
  page,
  browser,
}) => {
  test.setTimeout(240_000);
  const { workspaceUrl, workspaceId } = await signUpToWorkspace(page, owner);
  await grantFeatureAsStaff(workspaceId, 'roadmap');
  const nav = page.getByRole('navigation', { name: 'Workspace' });

  // Connect the repository whose issues carry the roadmap label.
  await nav.getByRole('link', { name: 'Repositories' }).click();
  await expect(page.getByRole('heading', { name: 'Repositories', level: 1 })).toBeVisible();
  await page.getByRole('button', { name: 'Connect repository' }).click();
  const connect = page.getByRole('dialog', { name: 'Connect a GitHub repository' });
  await connect.getByLabel('Repository', { exact: true }).fill(e2eRoadmapRepository);
  await connect.getByLabel('Token', { exact: true }).fill(e2eRoadmapToken);
  await connect.getByRole('button', { name: 'Connect', exact: true }).click();
  const setup = page.getByRole('dialog', { name: 'Add the webhook on GitHub' });
  await setup.getByRole('button', { name: 'I have copied it' }).click();
  await expect(setup).toBeHidden();
  await expect(page.getByRole('article', { name: e2eRoadmapRepository })).toBeVisible();

  // Enable the roadmap for it (default mapping: label "roadmap"): the import brings the two issues.
  await nav.getByRole('link', { name: 'Roadmap' }).click();
  await expect(page.getByRole('heading', { name: 'Roadmap', level: 1 })).toBeVisible();
  await page.getByRole('switch', { name: /Roadmap from this repository's issues/ }).click();
  const board = {
    column: (name: string) => page.getByRole('region', { name, exact: true }),
    card: (title: string) => page.getByTestId('roadmap-item').filter({ hasText: title }),
  };
  for (const issue of e2eRoadmapIssues) {
    await expect(
      board.column('Planned').getByTestId('roadmap-item').filter({ hasText: issue.title }),
    ).toBeVisible({
      timeout: 60_000,
    });
  }

  // The saved mapping comes back from the server as it was sent: nothing to save or discard.
  await expect(page.getByRole('button', { name: 'Save mapping' })).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Discard' })).toHaveCount(0);

  // Publish a changelog entry, so the public changelog has something to read.
  const api = `/api/v1/workspaces/${workspaceId}/changelog/entries`;
  const { entry } = await json<{ entry: { id: string } }>(
    page.request.post(api, {
      data: { title: 'Audit log export', body: 'Download the audit log as CSV.', category: 'New' },
    }),
  );
  const published = await json<{ entry: { publicUrl: string } }>(
    page.request.post(`${api}/${entry.id}/publish`, { data: {} }),
  );
  const entryUrl = new URL(published.entry.publicUrl);
  const changelogPath = entryUrl.pathname.replace(/\/entries\/.*$/, '');
  const slug = changelogPath.split('/').pop() ?? '';
  expect(slug).not.toBe('');

  // A visitor in a fresh browser (no session) reads the changelog and subscribes with the plain form.
  const visitorContext = await browser.newContext({ userAgent: personUserAgent });
  try {
    const visitor = await visitorContext.newPage();
    // Two pages, each loaded once (a second load within the pages' max-age would come from the
    // browser's cache and never reach Herald, so it would not be counted).
    await visitor.goto(published.entry.publicUrl);
    await expect(visitor.getByRole('heading', { name: 'Audit log export' })).toBeVisible();
    await visitor
      .getByRole('link', { name: /changelog$/ })
      .first()
      .click();
    await expect(visitor).toHaveURL(new RegExp(`${changelogPath}/?$`));
    await visitor.getByLabel('Get updates by email').fill(visitorEmail);
    await visitor.getByRole('button', { name: 'Subscribe' }).click();
    await expect(visitor.getByRole('heading', { name: 'Check your mail' })).toBeVisible();

    // The mail's link opens a page that only offers a button: opening it confirms nothing.
    const mail = await waitForMail(visitorEmail, /Confirm your subscription/);
    const confirmLink = linkFrom(mail, e2eBaseUrl, '/subscribe/confirm');
    await visitor.goto(confirmLink);
    await expect(visitor.getByRole('heading', { name: 'Confirm your subscription' })).toBeVisible();
    const subscribersApi = `/api/v1/workspaces/${workspaceId}/subscribers`;
    const before = await json<SubscriberList>(page.request.get(subscribersApi));
    expect(before.items.find((s) => s.email === visitorEmail)?.status).toBe('pending');
    await visitor.getByRole('button', { name: 'Confirm subscription' }).click();
    await expect(visitor.getByRole('heading', { name: 'You are subscribed' })).toBeVisible();
    const after = await json<SubscriberList>(page.request.get(subscribersApi));
    expect(after.items.find((s) => s.email === visitorEmail)?.status).toBe('confirmed');

    // The public roadmap: the visitor upvotes an item with its no-script form and comes back to the page.
    await visitor.goto(`${e2eBaseUrl}/roadmap/${slug}`);
    const item = visitor.locator('article.item', { hasText: votedIssue.title });
    await expect(item.locator('.votes')).toHaveText('0');
    await item.getByRole('button', { name: 'Upvote' }).click();
    await expect(visitor).toHaveURL(new RegExp(`/roadmap/${slug}`));
    await expect(visitor.locator('article.item', { hasText: votedIssue.title }).locator('.votes')).toHaveText(
      '1',
    );
    await expect(visitor.locator('article.item', { hasText: movedIssue.title }).locator('.votes')).toHaveText(
      '0',
    );
    await screenshot(visitor, 'audience-03-public-roadmap');
    expect((await visitorContext.cookies()).map((cookie) => cookie.name)).toEqual(['herald_voter']);
  } finally {
    await visitorContext.close();
  }

  // The workspace: the subscriber, confirmed from the page.
  await nav.getByRole('link', { name: 'Subscribers' }).click();
  await expect(page.getByRole('heading', { name: 'Subscribers', level: 1 })).toBeVisible();
  const row = page
    .getByRole('table', { name: 'Subscribers' })
    .getByRole('row')
    .filter({ hasText: visitorEmail });
  await expect(row).toBeVisible();
  await expect(row.getByText('confirmed', { exact: true })).toBeVisible();
  await expect(row.getByText(/\(page:desktop\)/)).toBeVisible();
  await screenshot(page, 'audience-01-subscribers');

  // The board: the vote on its card; dragging the other card to "In progress" labels the issue on GitHub.
  // A fresh load: the web client keeps the board it fetched before the vote for up to 30 s (staleTime).
  await nav.getByRole('link', { name: 'Roadmap' }).click();
  await page.reload();
  await expect(board.card(votedIssue.title).getByTestId('roadmap-votes')).toHaveText('1');
  await expect(board.card(movedIssue.title).getByTestId('roadmap-votes')).toHaveText('0');
  await board.card(movedIssue.title).dragTo(board.column('In progress'));
  await expect(
    board.column('In progress').getByTestId('roadmap-item').filter({ hasText: movedIssue.title }),
  ).toBeVisible();
  await expect(
    board.column('Planned').getByTestId('roadmap-item').filter({ hasText: movedIssue.title }),
  ).toHaveCount(0);
  await expect.poll(() => issueLabels(movedIssue.number), { timeout: 30_000 }).toContain('in progress');
  await expect.poll(() => issueLabels(movedIssue.number), { timeout: 30_000 }).not.toContain('planned');
  expect(await issueLabels(votedIssue.number)).toEqual(['roadmap', 'planned']);
  await page.reload();
  await expect(
    board.column('In progress').getByTestId('roadmap-item').filter({ hasText: movedIssue.title }),
  ).toBeVisible();
  await screenshot(page, 'audience-02-roadmap-board');

  // The public roadmap follows the move.
  await page.goto(`/roadmap/${slug}`);
  await expect(page.locator('section[data-status="in-progress"]')).toContainText(movedIssue.title);
  await expect(page.locator('section[data-status="planned"]')).not.toContainText(movedIssue.title);
  await screenshot(page, 'audience-05-public-roadmap-after-move');
  await page.goto(workspaceUrl);

  // Analytics: the visitor's two page views (entry and index) are counted server-side and buffered;
  // the dashboard's summary flushes the buffer, so reload until it shows them.
  await nav.getByRole('link', { name: 'Analytics' }).click();
  await expect(page.getByRole('heading', { name: 'Analytics', level: 1 })).toBeVisible();
  await expect
    .poll(
      async () => {
        await page.reload();
        await expect(page.getByRole('heading', { name: 'Analytics', level: 1 })).toBeVisible();
        return (await statValue(page, 'Page views').textContent())?.trim();
      },
      { timeout: 30_000 },
    )
    .toBe('2');
  await expect(statValue(page, 'Visitors')).toHaveText('1');
  await expect(page.getByRole('list', { name: 'Most-viewed entries' })).toContainText('Audit log export');
  await screenshot(page, 'audience-04-analytics');
});
