import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { systemAudit } from '../src/server/features/audit/audit.service.ts';
import {
  changelogEntries,
  changelogEntryPullRequests,
} from '../src/server/features/changelog/changelog.table.ts';
import { getPlanByKey, setWorkspacePlan } from '../src/server/features/plans/plans.service.ts';
import { type FakeGithub, signGithubDelivery } from './fakes/fake-github.ts';
import { json, type TestApp } from './harness.ts';

/** Settings pointing Herald's GitHub client (and App) at the fake; loopback, so private networks are allowed. */
export function githubEnv(github: FakeGithub, extra: Record<string, string> = {}) {
  return {
    GITHUB_API_URL: github.url,
    GITHUB_APP_ID: github.appId,
    GITHUB_APP_PRIVATE_KEY: github.appPrivateKey.replaceAll('\n', '\\n'),
    OUTBOUND_ALLOW_PRIVATE_NETWORKS: 'true',
    ...extra,
  };
}

export async function upgradeToPro(t: TestApp, workspaceId: string) {
  const pro = await getPlanByKey(t.deps.db, 'pro');
  if (!pro) throw new Error('no pro plan');
  await setWorkspacePlan(t.deps.db, systemAudit(t.deps.authSecret), workspaceId, pro.id, 'manual');
}

export interface ConnectedRepository {
  repository: { id: string; fullName: string; [key: string]: unknown };
  webhook: { url: string; secret: string; contentType: string; events: string[] };
}

/** Connects `fullName` (added to the fake with a fresh token) and returns Herald's answer. */
export async function connectRepository(
  t: TestApp,
  github: FakeGithub,
  user: { cookie: string; workspaceId: string },
  fullName: string,
  body: Record<string, unknown> = {},
) {
  const token = `ghp_${randomUUID().replaceAll('-', '')}`;
  const remote = github.addRepository(fullName, { token });
  const response = await t.call('POST', `/api/v1/workspaces/${user.workspaceId}/repositories`, {
    cookie: user.cookie,
    body: { fullName, auth: { type: 'token', token }, ...body },
  });
  if (response.status !== 201)
    throw new Error(`connect answered ${response.status}: ${await response.text()}`);
  return { ...(await json<ConnectedRepository>(response)), token, remote };
}

export interface DeliveryOptions {
  deliveryId?: string;
  event?: string;
  /** Sign with this secret instead (a wrong one). */
  signWith?: string;
  /** Send this header instead of a computed signature (null: none at all). */
  signature?: string | null;
  /** Sign this body but send the real one (tampering). */
  signedBody?: string;
}

/** Posts a delivery to Herald signed the way GitHub signs it. */
export function deliver(
  t: TestApp,
  repositoryId: string,
  secret: string,
  payload: unknown,
  options: DeliveryOptions = {},
) {
  const body = JSON.stringify(payload);
  const signature =
    options.signature === undefined
      ? signGithubDelivery(options.signWith ?? secret, options.signedBody ?? body)
      : options.signature;
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'x-github-event': options.event ?? 'pull_request',
    'x-github-delivery': options.deliveryId ?? randomUUID(),
    'user-agent': 'GitHub-Hookshot/044aadd',
  };
  if (signature !== null) headers['x-hub-signature-256'] = signature;
  return t.call('POST', `/webhooks/github/${repositoryId}`, { rawBody: body, headers });
}

export function entriesOf(t: TestApp, repositoryId: string) {
  return t.deps.db.select().from(changelogEntries).where(eq(changelogEntries.repositoryId, repositoryId));
}

export function pullRequestsOf(t: TestApp, repositoryId: string) {
  return t.deps.db
    .select()
    .from(changelogEntryPullRequests)
    .where(eq(changelogEntryPullRequests.repositoryId, repositoryId));
}
