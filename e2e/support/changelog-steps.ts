import { mkdirSync } from 'node:fs';
import { type APIResponse, expect, type Page } from '@playwright/test';
import { e2eBaseUrl } from './e2e-env.ts';
import { linkFrom, waitForMail } from './mailbox.ts';

// Steps shared by the changelog specs.

export const screensDir = 'test-results/screens';

export async function screenshot(page: Page, name: string) {
  mkdirSync(screensDir, { recursive: true });
  await page.screenshot({ path: `${screensDir}/${name}.png`, fullPage: true });
}

export async function signUpAndVerify(page: Page, person: { name: string; email: string; password: string }) {
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

/** Signs up a new person and answers the path and id of their personal workspace. */
export async function signUpToWorkspace(
  page: Page,
  person: { name: string; email: string; password: string },
) {
  await page.setViewportSize({ width: 1280, height: 900 });
  await signUpAndVerify(page, person);
  await page.goto('/');
  await expect(page).toHaveURL(/\/w\/[^/]+\/?$/);
  const workspaceUrl = new URL(page.url()).pathname.replace(/\/$/, '');
  return { workspaceUrl, workspaceId: workspaceUrl.split('/').pop() ?? '' };
}

export async function json<T>(response: Promise<APIResponse>): Promise<T> {
  const answered = await response;
  expect(answered.ok(), `${answered.url()} answered ${answered.status()}`).toBe(true);
  return (await answered.json()) as T;
}
