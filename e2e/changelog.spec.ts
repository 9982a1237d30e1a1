import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { mergedPullRequestPayload, signGithubDelivery } from '../test/fakes/fake-github.ts';
import { json, screensDir, screenshot, signUpToWorkspace } from './support/changelog-steps.ts';
import { e2eBaseUrl } from './support/e2e-env.ts';
import { e2eBackfilledPullRequests, e2eGithubRepository, e2eGithubToken } from './support/github-env.ts';

const maintainer = {
  name: 'Mia Maintainer',
  email: 'mia.maintainer@example.com',
  password: 'correct-horse-battery-staple',
};
const merged = {
  number: 3,
  title: 'feat: export invoices as CSV',
  entryTitle: 'Export invoices as CSV',
  body: 'Invoices can now be **exported as CSV** from the billing page.\n\n- one row per invoice\n- amounts in cents',
};

/** A stranger's website on another port, embedding the widget exactly as the snippet says. */
async function startHostPage(snippet: string) {
  const server: Server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><html><head><title>Rocket docs</title>
<style>* { all: unset; } body { display: block; font: 40px serif; color: red; }</style></head>
<body><h1>Rocket documentation</h1><p>Welcome.</p>${snippet}</body></html>`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

test('a maintainer connects a repository, a signed merged-PR delivery makes a draft, publishing puts it on the public page, and a widget on another site shows it and counts the impression', async ({
  page,
  context,
}) => {
  test.setTimeout(240_000);
  const { workspaceUrl, workspaceId } = await signUpToWorkspace(page, maintainer);
  const nav = page.getByRole('navigation', { name: 'Workspace' });

  // Connect the repository with a token, importing its past merged pull requests.
  await nav.getByRole('link', { name: 'Repositories' }).click();
  await expect(page.getByRole('heading', { name: 'Repositories', level: 1 })).toBeVisible();
  await page.getByRole('button', { name: 'Connect repository' }).click();
  const connect = page.getByRole('dialog', { name: 'Connect a GitHub repository' });
  await connect.getByLabel('Repository', { exact: true }).fill(e2eGithubRepository);
  await connect.getByLabel('Token', { exact: true }).fill(e2eGithubToken);
  await connect.getByLabel('How many').fill('10');
  await screenshot(page, 'changelog-01-connect');
  await connect.getByRole('button', { name: 'Connect', exact: true }).click();

  // The webhook URL and secret are shown once, with GitHub's settings.
  const setup = page.getByRole('dialog', { name: 'Add the webhook on GitHub' });
  await expect(setup.getByText('application/json')).toBeVisible();
  await expect(setup.getByText('Pull requests', { exact: true })).toBeVisible();
  const webhookUrl = (await setup.getByTestId('webhook-url').textContent()) ?? '';
  const secret = (await setup.getByTestId('webhook-secret').textContent()) ?? '';
  expect(webhookUrl).toMatch(new RegExp(`^${e2eBaseUrl}/webhooks/github/[^/]+$`));
  expect(secret.length).toBeGreaterThanOrEqual(20);
  await screenshot(page, 'changelog-02-webhook-secret');
  await setup.getByRole('button', { name: 'I have copied it' }).click();
  await expect(setup).toBeHidden();

  const card = page.getByRole('article', { name: e2eGithubRepository });
  await expect(card.getByText(`Imported ${e2eBackfilledPullRequests.length}`)).toBeVisible({
    timeout: 60_000,
  });
  await expect(card.getByText('No delivery yet')).toBeVisible();

  // GitHub delivers the merged pull request, signed with the repository's secret.
  const deliver = async (event: string, payload: unknown, signature?: string) => {
    const body = JSON.stringify(payload);
    return page.request.post(webhookUrl, {
      headers: {
        'content-type': 'application/json',
        'x-github-event': event,
        'x-github-delivery': randomUUID(),
        'x-hub-signature-256': signature ?? signGithubDelivery(secret, body),
      },
      data: body,
    });
  };
  const payload = mergedPullRequestPayload({
    number: merged.number,
    title: merged.title,
    body: merged.body,
    labels: ['enhancement'],
    login: 'octocat',
    repository: { id: 1_296_269, fullName: e2eGithubRepository },
  });
  expect((await deliver('pull_request', payload, signGithubDelivery('not-the-secret', '{}'))).status()).toBe(
    401,
  );
  expect((await deliver('pull_request', payload)).status()).toBe(200);
  await page.reload();
  await expect(card.getByText('Receiving')).toBeVisible();
  await expect(card.getByText('pull_request')).toBeVisible();
  await screenshot(page, 'changelog-03-repositories');

  // The category mapping is editable per repository: a new label, kept after saving.
  await card.getByRole('button', { name: 'Categories' }).click();
  const categories = page.getByRole('dialog', { name: 'Categories' });
  await categories.getByRole('button', { name: 'Add label' }).click();
  const labelCount = await categories.getByRole('textbox', { name: /^Label \d+$/ }).count();
  await categories.getByRole('textbox', { name: `Label ${labelCount}` }).fill('ux');
  await categories
    .getByRole('combobox', { name: `Category for label ${labelCount}` })
    .selectOption('Improved');
  await screenshot(page, 'changelog-03b-categories');
  await categories.getByRole('button', { name: 'Save' }).click();
  await expect(categories).toBeHidden();
  await card.getByRole('button', { name: 'Categories' }).click();
  const labels = categories.getByRole('textbox', { name: /^Label \d+$/ });
  await expect(labels.first()).toBeVisible();
  expect(
    await labels.evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value)),
  ).toContain('ux');
  await categories.getByRole('button', { name: 'Cancel' }).click();

  // A second backfill, by date range: already imported pull requests make no second draft.
  await card.getByRole('button', { name: 'Backfill', exact: true }).click();
  const backfill = page.getByRole('dialog', { name: 'Backfill pull requests' });
  await backfill.getByLabel('A date range').check();
  await backfill.getByLabel('Merged from').fill('2020-01-01');
  await backfill.getByRole('button', { name: 'Start backfill' }).click();
  await expect(backfill).toBeHidden();
  await expect(card.getByText(/pull requests merged since 2020-01-01/)).toBeVisible();
  await expect(card.getByText(/^Imported \d+$/)).toBeVisible({ timeout: 60_000 });
  await expect(card.getByText('3 entries')).toBeVisible();

  // The draft shows in the Changelog, beside the backfilled ones.
  await nav.getByRole('link', { name: 'Changelog' }).click();
  await expect(page.getByRole('heading', { name: 'Changelog', level: 1 })).toBeVisible();
  const table = page.getByRole('table', { name: 'Entries' });
  const row = table.getByRole('row').filter({ hasText: merged.entryTitle });
  await expect(row).toBeVisible({ timeout: 30_000 });
  await expect(row.getByTestId('entry-status')).toHaveText('Draft');
  await expect(row.getByText('Improved')).toBeVisible();
  await expect(table.getByRole('row').filter({ hasText: 'Dark mode for the dashboard' })).toBeVisible();
  await screenshot(page, 'changelog-04-entries');

  // Open it: the PR behind it, a Markdown preview, then publish.
  await row.getByRole('link', { name: merged.entryTitle }).click();
  await expect(page.getByRole('heading', { name: merged.entryTitle, level: 1 })).toBeVisible();
  await expect(page.getByRole('link', { name: new RegExp(`#${merged.number}`) })).toHaveAttribute(
    'href',
    `https://github.com/${e2eGithubRepository}/pull/${merged.number}`,
  );
  await page.getByRole('button', { name: 'Preview', exact: true }).click();
  await expect(page.getByTestId('markdown-preview').locator('strong')).toHaveText('exported as CSV');
  await page.getByRole('button', { name: 'Publish now' }).click();
  const publicLink = page.getByRole('link', { name: 'View on the public changelog' });
  await expect(publicLink).toBeVisible();
  await expect(page.getByTestId('entry-status')).toHaveText('Published');
  await screenshot(page, 'changelog-05-editor-published');
  const entryUrl = (await publicLink.getAttribute('href')) ?? '';

  // The public pages show it, no sign-in needed.
  await page.goto(entryUrl);
  await expect(page.getByRole('heading', { name: merged.entryTitle })).toBeVisible();
  const publicIndex = new URL(entryUrl).pathname.replace(/\/entries\/.*$/, '');
  await page.goto(publicIndex);
  await expect(page.getByRole('link', { name: merged.entryTitle }).first()).toBeVisible();
  await screenshot(page, 'changelog-06-public-page');

  // The widget page: live preview of the saved look, and the one-line snippet.
  await page.goto(`${workspaceUrl}/widget`);
  await expect(page.getByRole('heading', { name: 'Widget', level: 1 })).toBeVisible();
  const snippet = (await page.getByTestId('embed-snippet').textContent()) ?? '';
  expect(snippet).toContain(`${e2eBaseUrl}/widget.js`);
  const preview = page.frameLocator('iframe[title="Widget preview"]');
  await expect(
    preview.getByRole('dialog', { name: "What's new" }).getByText(merged.entryTitle),
  ).toBeVisible();
  await page.getByLabel('Title', { exact: true }).fill('Rocket updates');
  await expect(preview.getByRole('dialog', { name: 'Rocket updates' })).toBeVisible();
  await expect(page.getByText('With your unsaved changes')).toBeVisible();
  await page.getByLabel('Accent color').fill('#0f766e');
  // The panel's header takes the accent color once the preview has reloaded with it.
  await expect(preview.getByRole('dialog', { name: 'Rocket updates' }).locator('div').first()).toHaveCSS(
    'background-color',
    'rgb(15, 118, 110)',
  );
  await page
    .getByTitle('Widget preview')
    .screenshot({ path: `${screensDir}/changelog-07-widget-preview.png` });
  await screenshot(page, 'changelog-07-widget-page');

  // A stranger's site on another port embeds it; its own CSS does not reach inside.
  const host = await startHostPage(snippet);
  try {
    const site = await context.newPage();
    await site.goto(host.url);
    const launcher = site.getByRole('button', { name: "What's new" });
    await expect(launcher).toBeVisible();
    // Pinned to its configured corner (bottom right) despite the page's `* { all: unset }`.
    const box = await launcher.boundingBox();
    const viewport = site.viewportSize();
    expect(box && viewport).toBeTruthy();
    if (box && viewport) {
      expect(viewport.width - (box.x + box.width)).toBeLessThan(40);
      expect(viewport.height - (box.y + box.height)).toBeLessThan(40);
    }
    await launcher.click();
    const panel = site.getByRole('dialog', { name: "What's new" });
    await expect(panel.getByRole('link', { name: merged.entryTitle })).toBeVisible();
    await expect(panel.getByText('New', { exact: true }).first()).toBeVisible();
    await screenshot(site, 'changelog-08-widget-on-host');

    // The host page load counted one impression, of the widget and of the entry; the previews none.
    type Stats = { totals: { impressions: number }; entries: { title: string; impressions: number }[] };
    const statsUrl = `/api/v1/workspaces/${workspaceId}/widget/stats`;
    await expect
      .poll(async () => (await json<Stats>(page.request.get(statsUrl))).totals.impressions, {
        timeout: 15_000,
      })
      .toBe(1);
    const stats = await json<Stats>(page.request.get(statsUrl));
    expect(stats.entries.find((entry) => entry.title === merged.entryTitle)?.impressions).toBe(1);
    await site.close();
  } finally {
    await host.close();
  }
  await page.reload();
  await expect(page.getByTestId('widget-impressions')).toHaveText('1');
  await expect(
    page.getByRole('table', { name: 'Widget stats per entry' }).getByText(merged.entryTitle),
  ).toBeVisible();
  await screenshot(page, 'changelog-09-widget-stats');
});
