import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { type FakeGithub, startFakeGithub } from '../../../../test/fakes/fake-github.ts';
import { entriesOf, githubEnv, pullRequestsOf } from '../../../../test/github-fixtures.ts';
import { createTestApp, json, signUp, type TestApp, waitFor } from '../../../../test/harness.ts';

// Pages of at most five PRs, so a couple of dozen PRs make several pages.
const github: FakeGithub = await startFakeGithub({ maxPageSize: 5 });
const t: TestApp = await createTestApp({ env: githubEnv(github) });
afterAll(async () => {
  await t.close();
  await github.close();
});

interface RepositoryView {
  id: string;
  backfill: {
    status: string;
    imported: number;
    error: string | null;
    request: unknown;
    finishedAt: string | null;
  };
}

const day = 86_400_000;
const start = Date.parse('2026-01-01T12:00:00Z');
let counter = 0;

/**
 * A fake repository with `merged` merged PRs (#1 merged first … one a day) and `unmerged` closed
 * ones, plus the user who will connect it. PR #3 carries a skip label.
 */
async function seeded(merged: number, unmerged = 0, access: { installationId?: string } = {}) {
  counter += 1;
  const user = await signUp(t, `backfill-${counter}@example.com`, 'Back Fill');
  const fullName = `octo-org/backfilled-${counter}`;
  const token = `ghp_${randomUUID().replaceAll('-', '')}`;
  const remote = github.addRepository(fullName, { token, ...access });
  for (let n = 1; n <= merged; n++) {
    const mergedAt = new Date(start + n * day);
    github.addPullRequest(fullName, {
      number: n,
      title: n % 2 ? `fix: bug number ${n}` : `feat: feature number ${n}`,
      labels: n === 3 ? ['skip-changelog'] : [],
      mergedAt,
      updatedAt: new Date(mergedAt.getTime() + 60_000),
    });
  }
  for (let i = 1; i <= unmerged; i++) {
    github.addPullRequest(fullName, {
      number: merged + i,
      title: `feat: abandoned ${i}`,
      updatedAt: new Date(start + i * day + 3600_000),
    });
  }
  const connect = (body: Record<string, unknown>) =>
    t.call('POST', `/api/v1/workspaces/${user.workspaceId}/repositories`, {
      cookie: user.cookie,
      body: {
        fullName,
        auth: access.installationId
          ? { type: 'app', installationId: access.installationId }
          : { type: 'token', token },
        ...body,
      },
    });
  return { user, fullName, token, remote, connect };
}

function finished(user: { cookie: string; workspaceId: string }, repositoryId: string) {
  return waitFor(async () => {
    const response = await t.call(
      'GET',
      `/api/v1/workspaces/${user.workspaceId}/repositories/${repositoryId}`,
      {
        cookie: user.cookie,
      },
    );
    const { repository } = await json<{ repository: RepositoryView }>(response);
    return repository.backfill.status === 'completed' || repository.backfill.status === 'failed'
      ? repository
      : null;
  });
}

describe('backfill', () => {
  it('imports every merged PR across pages, waiting out a rate limit instead of failing', async () => {
    const repo = await seeded(18, 5);
    const callsBefore = github.pullsCalls();
    // The second page answers GitHub's primary rate limit (403, remaining 0, reset in a second).
    github.rateLimitPullsCall(callsBefore + 2, 'reset', 1);
    const response = await repo.connect({ backfill: { count: 1000 } });
    expect(response.status).toBe(201);
    const { repository } = await json<{ repository: RepositoryView }>(response);
    expect(repository.backfill).toMatchObject({ status: 'running', request: { count: 1000 }, imported: 0 });

    const done = await finished(repo.user, repository.id);
    // 18 merged, one of them skipped; the 5 closed-unmerged PRs are not imported.
    expect(done.backfill).toMatchObject({ status: 'completed', imported: 17, error: null });
    expect(done.backfill.finishedAt).not.toBeNull();
    // 23 PRs in pages of 5 is 5 pages, plus the refused call.
    expect(github.pullsCalls() - callsBefore).toBe(6);
    const entries = await entriesOf(t, repository.id);
    expect(entries).toHaveLength(17);
    expect(entries.every((entry) => entry.status === 'draft')).toBe(true);
    const prs = await pullRequestsOf(t, repository.id);
    expect(prs.map((pr) => pr.number).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 18 }, (_, i) => i + 1),
    );
    expect(prs.find((pr) => pr.number === 3)).toMatchObject({ skipped: true, entryId: null });

    // Again, through the route, against a secondary rate limit (429 retry-after): nothing doubles.
    github.rateLimitPullsCall(github.pullsCalls() + 3, 'retry-after', 1);
    const again = await t.call(
      'POST',
      `/api/v1/workspaces/${repo.user.workspaceId}/repositories/${repository.id}/backfill`,
      { cookie: repo.user.cookie, body: { count: 1000 } },
    );
    expect(again.status).toBe(202);
    expect((await json<{ repository: RepositoryView }>(again)).repository.backfill.status).toBe('running');
    const redone = await finished(repo.user, repository.id);
    expect(redone.backfill).toMatchObject({ status: 'completed', imported: 17 });
    expect(await entriesOf(t, repository.id)).toHaveLength(17);
    expect(await pullRequestsOf(t, repository.id)).toHaveLength(18);
  });

  it('stops at the count: the most recently merged PRs', async () => {
    const repo = await seeded(12);
    const response = await repo.connect({ backfill: { count: 4 } });
    const { repository } = await json<{ repository: RepositoryView }>(response);
    const done = await finished(repo.user, repository.id);
    expect(done.backfill).toMatchObject({ status: 'completed', imported: 4 });
    const prs = await pullRequestsOf(t, repository.id);
    expect(prs.map((pr) => pr.number).sort((a, b) => a - b)).toEqual([9, 10, 11, 12]);
  });

  it('imports a date range and stops paging once PRs are older than it', async () => {
    const repo = await seeded(20);
    const callsBefore = github.pullsCalls();
    const since = new Date(start + 14 * day).toISOString().slice(0, 10);
    const until = new Date(start + 16 * day).toISOString().slice(0, 10);
    const response = await repo.connect({ backfill: { since, until } });
    const { repository } = await json<{ repository: RepositoryView }>(response);
    const done = await finished(repo.user, repository.id);
    // Merged on days 14, 15 and 16 (the whole `until` day counts).
    expect(done.backfill).toMatchObject({ status: 'completed', imported: 3, request: { since, until } });
    const prs = await pullRequestsOf(t, repository.id);
    expect(prs.map((pr) => pr.number).sort((a, b) => a - b)).toEqual([14, 15, 16]);
    // PRs 20…16 are page 1, 15…11 page 2 (where PR 13 is older than the range): no page 3 or 4.
    expect(github.pullsCalls() - callsBefore).toBe(2);
  });

  it('backfills through a GitHub App installation', async () => {
    const repo = await seeded(3, 0, { installationId: `${5000 + counter}` });
    const response = await repo.connect({ backfill: { count: 10 } });
    expect(response.status).toBe(201);
    const { repository } = await json<{ repository: RepositoryView }>(response);
    const done = await finished(repo.user, repository.id);
    expect(done.backfill).toMatchObject({ status: 'completed', imported: 2 });

    // GitHub stops accepting the cached installation token: a new one is minted and the run goes on.
    github.revokeInstallationTokens();
    const minted = github.installationTokensIssued();
    const again = await t.call(
      'POST',
      `/api/v1/workspaces/${repo.user.workspaceId}/repositories/${repository.id}/backfill`,
      { cookie: repo.user.cookie, body: { count: 10 } },
    );
    expect(again.status).toBe(202);
    expect((await finished(repo.user, repository.id)).backfill).toMatchObject({
      status: 'completed',
      imported: 2,
    });
    expect(github.installationTokensIssued()).toBe(minted + 1);
  });

  it('records a failure when GitHub refuses the token, and refuses bad requests with 422', async () => {
    const repo = await seeded(6);
    const response = await repo.connect({});
    const { repository } = await json<{ repository: RepositoryView }>(response);
    expect(repository.backfill.status).toBe('idle');
    const path = `/api/v1/workspaces/${repo.user.workspaceId}/repositories/${repository.id}/backfill`;
    for (const body of [
      {},
      { count: 0 },
      { count: 1001 },
      { since: 'yesterday' },
      { count: 5, since: '2026-01-01' },
    ]) {
      const refused = await t.call('POST', path, { cookie: repo.user.cookie, body });
      expect(refused.status, JSON.stringify(body)).toBe(422);
    }
    repo.remote.tokens.clear();
    const started = await t.call('POST', path, { cookie: repo.user.cookie, body: { count: 10 } });
    expect(started.status).toBe(202);
    const done = await finished(repo.user, repository.id);
    expect(done.backfill).toMatchObject({ status: 'failed', imported: 0 });
    expect(done.backfill.error).toContain('Bad credentials');
    expect(await entriesOf(t, repository.id)).toHaveLength(0);
  });
});
