import { mkdirSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import { e2eBaseUrl, e2eStaffEmail, staffPasswordEnv } from './support/e2e-env.ts';
import { linkFrom, waitForMail } from './support/mailbox.ts';
import { sendStripeEvent, subscriptionCreatedEvent } from './support/stripe-event.ts';

const screensDir = 'test-results/screens';
const customer = {
  name: 'Carla Customer',
  email: 'carla@example.com',
  password: 'correct-horse-battery-staple',
};

async function screenshot(page: Page, name: string) {
  mkdirSync(screensDir, { recursive: true });
  await page.screenshot({ path: `${screensDir}/${name}.png`, fullPage: true });
}

async function signIn(page: Page, email: string, password: string) {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** The billing page's plan name and its generations meter ("used / limit"). */
async function expectPlan(page: Page, planName: string, generationsLimit: number) {
  await expect(page.getByTestId('current-plan-name')).toHaveText(planName);
  const meter = page.getByRole('progressbar', { name: 'Generations' });
  await expect(meter).toHaveAttribute('aria-valuemax', String(generationsLimit));
  await expect(page.getByRole('list', { name: 'Usage' })).toContainText(`0 / ${generationsLimit}`);
}

test("staff set the cost of a generation; a signed Stripe event upgrades a customer, whose billing page then shows Pro and its limits; staff import the customer's subscribers", async ({
  page,
  browser,
}) => {
  const staffPassword = process.env[staffPasswordEnv];
  if (!staffPassword)
    throw new Error(`${staffPasswordEnv} is not set; run the specs through playwright.config.ts`);

  // Staff (made by the CLI in the global setup) sets what a generation for X costs.
  await signIn(page, e2eStaffEmail, staffPassword);
  await expect(page.getByRole('button', { name: 'User menu' })).toBeVisible();
  await page.goto('/staff/operation-costs');
  await expect(page.getByRole('heading', { name: 'Operation costs' })).toBeVisible();
  const cost = page.getByLabel('Cost of generation.x', { exact: true });
  await expect(cost).toHaveValue('1');
  await cost.fill('3');
  await expect(page.getByText('1 unsaved change')).toBeVisible();
  await page.getByRole('button', { name: 'Save costs' }).click();
  await expect(page.getByText('Costs saved.')).toBeVisible();
  await page.reload();
  await expect(page.getByLabel('Cost of generation.x', { exact: true })).toHaveValue('3');
  await screenshot(page, 'billing-01-operation-costs');

  // A customer, in a browser of their own, signs up, verifies and opens billing: Free and its limits.
  const customerContext = await browser.newContext();
  const customerPage = await customerContext.newPage();
  await customerPage.goto('/sign-up');
  await customerPage.getByLabel('Name').fill(customer.name);
  await customerPage.getByLabel('Email').fill(customer.email);
  await customerPage.getByLabel('Password').fill(customer.password);
  await customerPage.getByRole('button', { name: 'Sign up' }).click();
  await expect(customerPage).toHaveURL(/\/verify-email/);
  const verification = await waitForMail(customer.email, /verify your email/i);
  await customerPage.goto(linkFrom(verification, e2eBaseUrl, '/api/auth/verify-email'));
  await expect(customerPage.getByRole('heading', { name: 'Your email is verified' })).toBeVisible();
  await customerPage.goto('/');
  await expect(customerPage).toHaveURL(/\/w\/[^/]+\/?$/);
  const workspaceId = /\/w\/([^/?#]+)/.exec(customerPage.url())?.[1];
  expect(workspaceId).toBeTruthy();

  await customerPage.getByRole('link', { name: 'Billing', exact: true }).click();
  await expect(customerPage).toHaveURL(new RegExp(`/w/${workspaceId}/billing$`));
  await expect(customerPage).toHaveTitle(/^Billing/);
  await expectPlan(customerPage, 'Free', 10);
  await expect(
    customerPage.getByText('Billing is not configured on this server — ask your administrator.'),
  ).toBeVisible();
  await expect(customerPage.getByRole('button', { name: 'Upgrade to Pro' })).toBeDisabled();
  await screenshot(customerPage, 'billing-02-customer-free');

  // Stripe tells Herald the workspace subscribed to Pro: signed with the webhook secret, sent by Node.
  const response = await sendStripeEvent(subscriptionCreatedEvent(workspaceId!, 'pro'));
  expect(response.status).toBe(200);
  expect(await response.json()).toMatchObject({ received: true, duplicate: false });

  // The event is processed by a job; the page shows Pro once it has been.
  await expect(async () => {
    await customerPage.reload();
    await expect(customerPage.getByTestId('current-plan-name')).toHaveText('Pro', { timeout: 2_000 });
  }).toPass({ timeout: 30_000, intervals: [500, 1000, 2000] });
  await expectPlan(customerPage, 'Pro', 500);
  await expect(customerPage.getByText('Renews on')).toBeVisible();
  await expect(customerPage.getByRole('table', { name: 'Credit history' })).toContainText(
    'Monthly grant (Pro plan)',
  );
  // The bell's request runs beside the billing request and can be answered just before the event's
  // transaction commits; the bell then catches up on its 30 s poll. A reload asks again at once.
  await customerPage.reload();
  await expect(customerPage.getByRole('button', { name: /^Notifications \(\d+ unread\)$/ })).toBeVisible();
  await screenshot(customerPage, 'billing-03-customer-pro');

  // Staff see the delivery in the webhook log, processed.
  await page.goto('/staff/webhook-events');
  const row = page.getByRole('row').filter({ hasText: 'customer.subscription.created' });
  await expect(row).toContainText('Processed');
  await screenshot(page, 'billing-04-webhook-events');

  // Staff bring the customer's subscribers over from another tool: a CSV on the staff workspace page.
  await page.goto(`/staff/workspaces/${workspaceId}`);
  await page.getByLabel('CSV file of confirmed subscribers').setInputFiles({
    name: 'subscribers.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('email,preference\nann.reader@example.com,all\nbo.reader@example.com,major\n'),
  });
  await expect(page.getByText('2 imported, 0 already subscribed')).toBeVisible();
  await screenshot(page, 'billing-05-staff-subscribers-import');
  // The customer sees them, confirmed, on their own Subscribers page.
  await customerPage.getByRole('link', { name: 'Subscribers', exact: true }).click();
  const imported = customerPage.getByRole('row').filter({ hasText: 'ann.reader@example.com' });
  await expect(imported).toContainText(/confirmed/i);
  await expect(customerPage.getByRole('row').filter({ hasText: 'bo.reader@example.com' })).toBeVisible();
  await customerContext.close();
});
