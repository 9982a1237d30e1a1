import { mkdirSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import { e2eBaseUrl } from './support/e2e-env.ts';
import { linkFrom, waitForMail } from './support/mailbox.ts';
import type { ReceivedMail } from './support/smtp-peer.ts';

const screensDir = 'test-results/screens';
const password = 'correct-horse-battery-staple';
const owner = { name: 'Olivia Owner', email: 'olivia@example.com' };
const member = { name: 'Max Member', email: 'user2@example.com' };

async function screenshot(page: Page, name: string) {
  mkdirSync(screensDir, { recursive: true });
  await page.screenshot({ path: `${screensDir}/${name}.png`, fullPage: true });
}

async function signUp(page: Page, person: { name: string; email: string }) {
  await page.goto('/sign-up');
  await page.getByLabel('Name').fill(person.name);
  await page.getByLabel('Email').fill(person.email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign up' }).click();
  // SMTP is configured, so the account has to verify its address before it can sign in.
  await expect(page).toHaveURL(/\/verify-email/);
  await expect(page.getByRole('heading', { name: 'Check your inbox' })).toBeVisible();
}

async function signIn(page: Page, email: string) {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

async function verifyThroughMail(page: Page, mail: ReceivedMail) {
  await page.goto(linkFrom(mail, e2eBaseUrl, '/api/auth/verify-email'));
  await expect(page.getByRole('heading', { name: 'Your email is verified' })).toBeVisible();
}

test('an owner invites a teammate by email and the teammate joins as a member who cannot rename the workspace', async ({
  page,
  browser,
}) => {
  // User 1 signs up and the verification mail really goes out over SMTP. The mail is taken now:
  // the refused sign-in below sends a second one, whose link leads elsewhere after verifying.
  await signUp(page, owner);
  await screenshot(page, '01-verify-email');
  const ownerVerification = await waitForMail(owner.email, /verify your email/i);

  // Signing in before verifying is refused, with a way to resend the mail.
  await signIn(page, owner.email);
  await expect(page.getByText('Verify your email first')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Resend the email' })).toBeVisible();

  await verifyThroughMail(page, ownerVerification);
  await screenshot(page, '02-email-verified');

  // Sign in from a clean browser, as someone coming back later would.
  await page.context().clearCookies();
  await signIn(page, owner.email);
  await expect(page).toHaveURL(/\/w\/[^/]+\/?$/);
  await screenshot(page, '03-personal-workspace');

  await page.getByRole('button', { name: 'Create workspace' }).first().click();
  const createDialog = page.getByRole('dialog');
  await createDialog.getByLabel('Workspace name').fill('Launch Team');
  await screenshot(page, '04-create-workspace-dialog');
  await createDialog.getByRole('button', { name: 'Create workspace' }).click();
  await expect(page.getByRole('button', { name: 'Switch workspace (current: Launch Team)' })).toBeVisible();
  const workspaceId = /\/w\/([^/?#]+)/.exec(page.url())?.[1];
  expect(workspaceId).toBeTruthy();

  await page.goto(`/w/${workspaceId}/members`);
  await page.getByRole('button', { name: 'Invite member' }).click();
  const inviteDialog = page.getByRole('dialog');
  await inviteDialog.getByLabel('Email').fill(member.email);
  await inviteDialog.getByLabel('Role').selectOption('member');
  await inviteDialog.getByRole('button', { name: 'Send invitation' }).click();
  await expect(inviteDialog).toBeHidden();
  await expect(page.getByText(member.email)).toBeVisible();
  await screenshot(page, '05-members-with-invitation');

  const invitationMail = await waitForMail(member.email, /invited you to Launch Team/);
  const invitationLink = linkFrom(invitationMail, e2eBaseUrl, '/invitations/');

  // User 2, in a browser of their own, signs up and verifies through their own mail.
  const memberContext = await browser.newContext();
  const memberPage = await memberContext.newPage();
  await signUp(memberPage, member);
  await verifyThroughMail(memberPage, await waitForMail(member.email, /verify your email/i));

  // Verifying signed them in, so the invitation can be accepted straight away.
  await memberPage.goto(invitationLink);
  await expect(memberPage.getByRole('heading', { name: 'Join Launch Team' })).toBeVisible();
  await screenshot(memberPage, '06-invitation');
  await memberPage.getByRole('button', { name: 'Accept invitation' }).click();
  await expect(memberPage).toHaveURL(new RegExp(`/w/${workspaceId}/?$`));
  const switcher = memberPage.getByRole('button', { name: 'Switch workspace (current: Launch Team)' });
  await expect(switcher).toBeVisible();
  await expect(switcher).toContainText('Member');
  await screenshot(memberPage, '07-member-overview');

  await memberPage.goto(`/w/${workspaceId}/members`);
  const myRow = memberPage
    .getByRole('table', { name: 'Members' })
    .getByRole('row')
    .filter({ hasText: member.email });
  await expect(myRow).toContainText('Member');
  await screenshot(memberPage, '08-member-members-page');

  // Members see the settings but cannot change them: the form is disabled and has no Save button.
  await memberPage.goto(`/w/${workspaceId}/settings`);
  await expect(memberPage.getByText('Only owners and admins can change workspace settings.')).toBeVisible();
  await expect(memberPage.getByLabel('Workspace name')).toHaveValue('Launch Team');
  await expect(memberPage.getByLabel('Workspace name')).toBeDisabled();
  await expect(memberPage.getByRole('button', { name: 'Save' })).toHaveCount(0);
  await screenshot(memberPage, '09-member-settings');

  // The server refuses the rename too, not just the UI.
  const rename = await memberPage.request.patch(`/api/v1/workspaces/${workspaceId}`, {
    data: { name: 'Renamed by a member' },
    headers: { origin: e2eBaseUrl },
  });
  expect(rename.status()).toBe(403);

  // The owner sees the new member on the members page.
  await page.reload();
  await expect(page.getByRole('combobox', { name: `Access for ${member.name}` })).toHaveValue('member');
  await screenshot(page, '10-owner-members-page');

  // Coming back to Herald's home opens the workspace the owner was last in (Launch Team), not the
  // personal one that is listed first.
  await page.goto('/');
  await expect(page).toHaveURL(new RegExp(`/w/${workspaceId}/?$`));
  await memberContext.close();
});
