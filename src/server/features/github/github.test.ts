import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { type FakeGithub, startFakeGithub } from '../../../../test/fakes/fake-github.ts';
import { connectRepository, githubEnv, upgradeToPro } from '../../../../test/github-fixtures.ts';
import { createTestApp, json, signUp, type TestApp } from '../../../../test/harness.ts';
import { decryptSecret } from '../../platform/crypto.ts';
import { auditLogs } from '../audit/audit.table.ts';
import { changelogEntries } from '../changelog/changelog.table.ts';
import { workspaceMembers } from '../workspaces/workspaces.table.ts';
import { defaultCategoryMapping } from './categorize.ts';
import { githubRepositories } from './github.table.ts';

const github: FakeGithub = await startFakeGithub();
const t: TestApp = await createTestApp({ workers: false, env: githubEnv(github) });
afterAll(async () => {
  await t.close();
  await github.close();
});

let counter = 0;
const owner = () => signUp(t, `github-owner-${++counter}@example.com`, 'Gita Hub');
const base = (workspaceId: string) => `/api/v1/workspaces/${workspaceId}/repositories`;

async function repositoryRows(workspaceId: string) {
  return t.deps.db.select().from(githubRepositories).where(eq(githubRepositories.workspaceId, workspaceId));
}

async function auditCount(workspaceId: string) {
  return (await t.deps.db.select().from(auditLogs).where(eq(auditLogs.workspaceId, workspaceId))).length;
}

describe('connecting repositories', () => {
  it('connects with a token, stores it encrypted and never shows it again', async () => {
    const user = await owner();
    const { repository, webhook, token } = await connectRepository(t, github, user, 'Octo-Org/Herald');
    expect(repository).toMatchObject({
      fullName: 'Octo-Org/Herald',
      slug: 'herald',
      authType: 'token',
      installationId: null,
      tokenHint: `…${token.slice(-4)}`,
      categoryMapping: defaultCategoryMapping,
      lastDelivery: null,
      backfill: { status: 'idle', imported: 0, request: null },
      entryCount: 0,
      webhookUrl: `http://herald.test/webhooks/github/${repository.id}`,
    });
    expect(repository.publicUrl).toMatch(/^http:\/\/herald\.test\/changelog\/[^/]+\/repos\/herald$/);
    expect(webhook).toMatchObject({
      url: repository.webhookUrl,
      contentType: 'application/json',
      events: ['pull_request'],
    });
    expect(webhook.secret.length).toBeGreaterThan(30);

    const [row] = await repositoryRows(user.workspaceId);
    expect(row?.tokenEncrypted).not.toContain(token);
    expect(row?.webhookSecretEncrypted).not.toContain(webhook.secret);
    expect(decryptSecret(t.deps.encryptionKey, row?.tokenEncrypted ?? '')).toBe(token);
    expect(decryptSecret(t.deps.encryptionKey, row?.webhookSecretEncrypted ?? '')).toBe(webhook.secret);
    expect(github.requests.some((r) => r.headers.authorization === `Bearer ${token}`)).toBe(true);

    for (const path of [base(user.workspaceId), `${base(user.workspaceId)}/${repository.id}`]) {
      const text = await (await t.call('GET', path, { cookie: user.cookie })).text();
      expect(text).toContain(repository.id);
      expect(text).not.toContain(token);
      expect(text).not.toContain(webhook.secret);
    }
    const audit = await t.deps.db.select().from(auditLogs).where(eq(auditLogs.entityId, repository.id));
    expect(audit.map((a) => a.action)).toEqual(['github_repository.connected']);
    expect(JSON.stringify(audit)).not.toContain(token);
  });

  it('connects through a GitHub App installation, minting a token with a signed JWT', async () => {
    const user = await owner();
    github.addRepository('octo-org/app-repo', { installationId: '7777' });
    const minted = github.installationTokensIssued();
    const response = await t.call('POST', base(user.workspaceId), {
      cookie: user.cookie,
      body: { fullName: 'octo-org/app-repo', auth: { type: 'app', installationId: 7777 } },
    });
    expect(response.status).toBe(201);
    const { repository } = await json<{ repository: Record<string, unknown> }>(response);
    expect(repository).toMatchObject({ authType: 'app', installationId: '7777', tokenHint: null });
    expect(github.installationTokensIssued()).toBe(minted + 1);
    const [row] = await repositoryRows(user.workspaceId);
    expect(row?.tokenEncrypted).toBeNull();

    // An installation that does not exist (or a repository it cannot see) is GitHub's refusal.
    const other = await owner();
    const refused = await t.call('POST', base(other.workspaceId), {
      cookie: other.cookie,
      body: { fullName: 'octo-org/app-repo', auth: { type: 'app', installationId: '9999' } },
    });
    expect(refused.status).toBe(422);
    expect(await json(refused)).toMatchObject({ error: { code: 'github_rejected' } });
    expect(await repositoryRows(other.workspaceId)).toHaveLength(0);
  });

  it('refuses what GitHub refuses, with its message, and writes nothing', async () => {
    const user = await owner();
    github.addRepository('octo-org/private', { token: 'ghp_the_right_token_1234' });
    const auditBefore = await auditCount(user.workspaceId);
    const cases = [
      { fullName: 'octo-org/private', token: 'ghp_a_wrong_token_12345', message: 'Bad credentials' },
      { fullName: 'octo-org/does-not-exist', token: 'ghp_the_right_token_1234', message: 'Not Found' },
    ];
    for (const { fullName, token, message } of cases) {
      const response = await t.call('POST', base(user.workspaceId), {
        cookie: user.cookie,
        body: { fullName, auth: { type: 'token', token } },
      });
      expect(response.status, fullName).toBe(422);
      const body = await json<{ error: { code: string; message: string } }>(response);
      expect(body.error.code).toBe('github_rejected');
      expect(body.error.message).toContain(message);
      expect(body.error.message).not.toContain(token);
    }
    expect(await repositoryRows(user.workspaceId)).toHaveLength(0);
    expect(await auditCount(user.workspaceId)).toBe(auditBefore);
  });

  it('answers 409 for a repository already connected, whatever its case', async () => {
    const user = await owner();
    await upgradeToPro(t, user.workspaceId);
    const { token } = await connectRepository(t, github, user, 'octo-org/twice');
    const again = await t.call('POST', base(user.workspaceId), {
      cookie: user.cookie,
      body: { fullName: 'OCTO-ORG/TWICE', auth: { type: 'token', token } },
    });
    expect(again.status).toBe(409);
    expect(await repositoryRows(user.workspaceId)).toHaveLength(1);
  });

  it("holds the plan's connected_repos limit: 429 and nothing written", async () => {
    const user = await owner();
    await connectRepository(t, github, user, 'octo-org/first');
    const token = 'ghp_second_repository_token';
    github.addRepository('octo-org/second', { token });
    const requestsBefore = github.requests.length;
    const response = await t.call('POST', base(user.workspaceId), {
      cookie: user.cookie,
      body: { fullName: 'octo-org/second', auth: { type: 'token', token } },
    });
    expect(response.status).toBe(429);
    expect(await json(response)).toMatchObject({
      error: { code: 'quota_exceeded', details: { unit: 'connected_repos', used: 1, limit: 1 } },
    });
    expect(github.requests.length).toBe(requestsBefore);
    expect(await repositoryRows(user.workspaceId)).toHaveLength(1);
  });

  it('lets only admins connect; viewers and members read', async () => {
    const user = await owner();
    const { repository } = await connectRepository(t, github, user, 'octo-org/roles');
    for (const role of ['viewer', 'member'] as const) {
      const person = await owner();
      await t.deps.db
        .insert(workspaceMembers)
        .values({ workspaceId: user.workspaceId, userId: person.userId, role });
      const token = `ghp_${role}_token_123456`;
      github.addRepository(`octo-org/by-${role}`, { token });
      const connect = await t.call('POST', base(user.workspaceId), {
        cookie: person.cookie,
        body: { fullName: `octo-org/by-${role}`, auth: { type: 'token', token } },
      });
      expect(connect.status, role).toBe(403);
      for (const [method, path, body] of [
        ['PATCH', `${base(user.workspaceId)}/${repository.id}`, { categoryMapping: defaultCategoryMapping }],
        ['DELETE', `${base(user.workspaceId)}/${repository.id}`, undefined],
        ['POST', `${base(user.workspaceId)}/${repository.id}/webhook-secret`, undefined],
        ['POST', `${base(user.workspaceId)}/${repository.id}/backfill`, { count: 5 }],
      ] as const) {
        const refused = await t.call(method, path, { cookie: person.cookie, body });
        expect(refused.status, `${role} ${method} ${path}`).toBe(403);
      }
      const list = await t.call('GET', base(user.workspaceId), { cookie: person.cookie });
      expect(list.status).toBe(200);
      expect((await json<{ repositories: unknown[] }>(list)).repositories).toHaveLength(1);
    }
    expect(await repositoryRows(user.workspaceId)).toHaveLength(1);
  });

  it('refuses bad input with 422 naming the field, before asking GitHub, and changes nothing', async () => {
    const user = await owner();
    const { repository } = await connectRepository(t, github, user, 'octo-org/validated');
    const requestsBefore = github.requests.length;
    const rowsBefore = await repositoryRows(user.workspaceId);
    const token = { type: 'token', token: 'ghp_whatever_token_123' };
    const bad: Array<[string, unknown, string]> = [
      ['no slash', { fullName: 'octo-org', auth: token }, 'fullName'],
      ['path tricks', { fullName: '../etc/passwd', auth: token }, 'fullName'],
      ['dot name', { fullName: 'octo/..', auth: token }, 'fullName'],
      ['owner too long', { fullName: `${'a'.repeat(40)}/x`, auth: token }, 'fullName'],
      ['auth type', { fullName: 'octo-org/x', auth: { type: 'password', token: 'x' } }, 'auth.type'],
      [
        'token spaces',
        { fullName: 'octo-org/x', auth: { type: 'token', token: 'ghp with spaces' } },
        'auth.token',
      ],
      [
        'installation id',
        { fullName: 'octo-org/x', auth: { type: 'app', installationId: 'abc' } },
        'auth.installationId',
      ],
      ['count', { fullName: 'octo-org/x', auth: token, backfill: { count: 5000 } }, 'backfill'],
      [
        'range',
        { fullName: 'octo-org/x', auth: token, backfill: { since: '2026-02-01', until: '2026-01-01' } },
        'backfill.until',
      ],
      [
        'mapping category',
        {
          fullName: 'octo-org/x',
          auth: token,
          categoryMapping: { ...defaultCategoryMapping, labels: { bug: 'Broken' } },
        },
        'categoryMapping.labels.bug',
      ],
      ['extra field', { fullName: 'octo-org/x', auth: token, owner: 'me' }, ''],
    ];
    for (const [label, body, path] of bad) {
      const response = await t.call('POST', base(user.workspaceId), { cookie: user.cookie, body });
      expect(response.status, label).toBe(422);
      const error = (await json<{ error: { code: string; details: Array<{ path: string }> } }>(response))
        .error;
      expect(error.code, label).toBe('validation_failed');
      expect(error.details.map((d) => d.path).join(' '), label).toContain(path);
    }
    const patchPath = `${base(user.workspaceId)}/${repository.id}`;
    for (const body of [
      { categoryMapping: { labels: { bug: 'Fixed' }, prefixes: { 'not a type': 'New' }, skipLabels: [] } },
      { categoryMapping: { labels: { bug: 'fixed' }, prefixes: {}, skipLabels: [] } },
      { categoryMapping: { labels: {}, prefixes: {} } },
      {},
    ]) {
      const response = await t.call('PATCH', patchPath, { cookie: user.cookie, body });
      expect(response.status, JSON.stringify(body)).toBe(422);
    }
    expect(await repositoryRows(user.workspaceId)).toEqual(rowsBefore);
    expect(github.requests.length).toBe(requestsBefore);
  });

  it('answers 503 for App connections when the server has no App configured', async () => {
    const plain = await createTestApp({
      workers: false,
      env: { GITHUB_API_URL: github.url, OUTBOUND_ALLOW_PRIVATE_NETWORKS: 'true' },
    });
    try {
      const user = await signUp(plain, 'no-app@example.com');
      const response = await plain.call('POST', base(user.workspaceId), {
        cookie: user.cookie,
        body: { fullName: 'octo-org/app-repo', auth: { type: 'app', installationId: '7777' } },
      });
      expect(response.status).toBe(503);
      expect(await json(response)).toMatchObject({ error: { code: 'not_configured' } });
    } finally {
      await plain.close();
    }
  });
});

describe('managing a repository', () => {
  it('changes the mapping and the token (checked with GitHub first), rotates the secret, disconnects', async () => {
    const user = await owner();
    const { repository, webhook, remote } = await connectRepository(t, github, user, 'octo-org/managed');
    const path = `${base(user.workspaceId)}/${repository.id}`;
    const mapping = { labels: { 'type: bug': 'Fixed' }, prefixes: { feat: 'New' }, skipLabels: ['internal'] };
    const patched = await t.call('PATCH', path, { cookie: user.cookie, body: { categoryMapping: mapping } });
    expect(patched.status).toBe(200);
    expect(
      (await json<{ repository: { categoryMapping: unknown } }>(patched)).repository.categoryMapping,
    ).toEqual(mapping);

    const refused = await t.call('PATCH', path, {
      cookie: user.cookie,
      body: { token: 'ghp_not_known_to_github' },
    });
    expect(refused.status).toBe(422);
    remote.tokens.add('ghp_the_new_token_wxyz');
    const renewed = await t.call('PATCH', path, {
      cookie: user.cookie,
      body: { token: 'ghp_the_new_token_wxyz' },
    });
    expect((await json<{ repository: { tokenHint: string } }>(renewed)).repository.tokenHint).toBe('…wxyz');

    const rotated = await t.call('POST', `${path}/webhook-secret`, { cookie: user.cookie });
    expect(rotated.status).toBe(200);
    const { webhook: next } = await json<{ webhook: { secret: string; url: string } }>(rotated);
    expect(next.secret).not.toBe(webhook.secret);
    expect(next.url).toBe(webhook.url);

    // An entry made from the repository outlives it.
    const [entry] = await t.deps.db
      .insert(changelogEntries)
      .values({
        workspaceId: user.workspaceId,
        repositoryId: repository.id,
        title: 'Kept',
        category: 'New',
        slug: 'kept-1',
      })
      .returning();
    expect((await t.call('DELETE', path, { cookie: user.cookie })).status).toBe(204);
    expect((await t.call('GET', path, { cookie: user.cookie })).status).toBe(404);
    const [kept] = await t.deps.db
      .select()
      .from(changelogEntries)
      .where(eq(changelogEntries.id, entry?.id ?? ''));
    expect(kept?.repositoryId).toBeNull();
    const actions = (
      await t.deps.db.select().from(auditLogs).where(eq(auditLogs.entityId, repository.id))
    ).map((a) => a.action);
    expect(actions.sort()).toEqual(
      [
        'github_repository.connected',
        'github_repository.disconnected',
        'github_repository.updated',
        'github_repository.updated',
        'github_repository.webhook_secret_rotated',
      ].sort(),
    );
  });

  it("does not let another workspace's admin see or touch the repository", async () => {
    const user = await owner();
    const stranger = await owner();
    const { repository } = await connectRepository(t, github, user, 'octo-org/mine');
    const path = `${base(stranger.workspaceId)}/${repository.id}`;
    for (const method of ['GET', 'DELETE'] as const) {
      expect((await t.call(method, path, { cookie: stranger.cookie })).status).toBe(404);
    }
    expect(
      (await t.call('GET', `${base(user.workspaceId)}/${repository.id}`, { cookie: stranger.cookie })).status,
    ).toBe(404);
    expect(await repositoryRows(user.workspaceId)).toHaveLength(1);
  });
});
