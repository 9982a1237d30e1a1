import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import {
  type FakeGithub,
  mergedPullRequestPayload,
  startFakeGithub,
} from '../../../../test/fakes/fake-github.ts';
import {
  connectRepository,
  deliver,
  entriesOf,
  githubEnv,
  pullRequestsOf,
} from '../../../../test/github-fixtures.ts';
import { createTestApp, json, signUp, type TestApp, waitFor } from '../../../../test/harness.ts';
import { auditLogs } from '../audit/audit.table.ts';
import { changelogEntries } from '../changelog/changelog.table.ts';
import { webhookEvents } from '../webhooks/webhooks.table.ts';
import { ingestMergedPullRequest } from './github.ingest.ts';
import { mergedPullRequestOf, pullRequestEventSchema } from './github.payloads.ts';
import { findRepositoryById } from './github.queries.ts';

const github: FakeGithub = await startFakeGithub();
const t: TestApp = await createTestApp({ env: githubEnv(github) });
afterAll(async () => {
  await t.close();
  await github.close();
});

let counter = 0;
async function connected() {
  const user = await signUp(t, `hook-owner-${++counter}@example.com`, 'Hook Owner');
  const setup = await connectRepository(t, github, user, `octo-org/hooked-${counter}`);
  const payload = (input: Omit<Parameters<typeof mergedPullRequestPayload>[0], 'repository'>) =>
    mergedPullRequestPayload({
      ...input,
      repository: { id: setup.remote.id, fullName: setup.remote.fullName },
    });
  return { user, ...setup, id: setup.repository.id, secret: setup.webhook.secret, payload };
}

const githubEventCount = async () =>
  (await t.deps.db.select().from(webhookEvents).where(eq(webhookEvents.source, 'github'))).length;

/** Waits until every stored GitHub delivery has been processed. */
const settled = () =>
  waitFor(async () => {
    const rows = await t.deps.db.select().from(webhookEvents).where(eq(webhookEvents.source, 'github'));
    return rows.every((row) => row.processed);
  });

describe('GitHub deliveries', () => {
  it('a signed merged-PR delivery makes a draft with the PR recorded beside it', async () => {
    const repo = await connected();
    const mergedAt = new Date('2026-03-02T10:00:00Z');
    const response = await deliver(
      t,
      repo.id,
      repo.secret,
      repo.payload({
        number: 42,
        title: 'feat(widget): show a badge for unseen entries',
        body: 'Adds a **badge**.\n\nCloses #40',
        labels: ['widget', 'enhancement'],
        login: 'mona',
        mergedAt,
      }),
    );
    expect(response.status).toBe(200);
    expect(await json(response)).toEqual({ received: true, duplicate: false });
    const [entry] = await waitFor(async () => {
      const rows = await entriesOf(t, repo.id);
      return rows.length > 0 ? rows : null;
    });
    expect(entry).toMatchObject({
      title: 'Show a badge for unseen entries',
      body: 'Adds a **badge**.\n\nCloses #40',
      category: 'Improved',
      status: 'draft',
      slug: 'show-a-badge-for-unseen-entries-42',
      editedByUser: false,
      workspaceId: repo.user.workspaceId,
    });
    const [pr] = await pullRequestsOf(t, repo.id);
    expect(pr).toMatchObject({
      entryId: entry?.id,
      number: 42,
      url: `https://github.com/${repo.remote.fullName}/pull/42`,
      title: 'feat(widget): show a badge for unseen entries',
      authorLogin: 'mona',
      authorUrl: 'https://github.com/mona',
      labels: ['widget', 'enhancement'],
      category: 'Improved',
      breaking: false,
      skipped: false,
    });
    expect(pr?.mergedAt.toISOString()).toBe(mergedAt.toISOString());
    const view = await json<{ repository: { lastDelivery: unknown; entryCount: number } }>(
      await t.call('GET', `/api/v1/workspaces/${repo.user.workspaceId}/repositories/${repo.id}`, {
        cookie: repo.user.cookie,
      }),
    );
    expect(view.repository).toMatchObject({
      lastDelivery: { event: 'pull_request.closed', error: null },
      entryCount: 1,
    });
    const [audit] = await t.deps.db
      .select()
      .from(auditLogs)
      .where(eq(auditLogs.entityId, entry?.id ?? ''));
    expect(audit).toMatchObject({ action: 'changelog_entry.created', actorType: 'system' });
  });

  it('an edit after the merge updates the draft, until a person edits it or it is published', async () => {
    const repo = await connected();
    await deliver(t, repo.id, repo.secret, repo.payload({ number: 7, title: 'fix: crash on empty feed' }));
    await settled();
    await deliver(
      t,
      repo.id,
      repo.secret,
      repo.payload({
        action: 'edited',
        number: 7,
        title: 'feat: empty feeds show a hint',
        body: 'Now with a hint',
        labels: [],
      }),
    );
    await settled();
    const [edited] = await entriesOf(t, repo.id);
    expect(edited).toMatchObject({
      title: 'Empty feeds show a hint',
      body: 'Now with a hint',
      category: 'New',
      version: 2,
    });

    await t.deps.db
      .update(changelogEntries)
      .set({ editedByUser: true, title: 'Mine now' })
      .where(eq(changelogEntries.id, edited?.id ?? ''));
    await deliver(
      t,
      repo.id,
      repo.secret,
      repo.payload({ action: 'edited', number: 7, title: 'fix: third title' }),
    );
    await settled();
    const [kept] = await entriesOf(t, repo.id);
    expect(kept).toMatchObject({ title: 'Mine now', category: 'New' });
    expect((await pullRequestsOf(t, repo.id))[0]).toMatchObject({
      title: 'fix: third title',
      category: 'Fixed',
    });

    await t.deps.db
      .update(changelogEntries)
      .set({ editedByUser: false, status: 'published', publishedAt: new Date() })
      .where(eq(changelogEntries.id, edited?.id ?? ''));
    await deliver(
      t,
      repo.id,
      repo.secret,
      repo.payload({ action: 'edited', number: 7, title: 'fix: fourth title' }),
    );
    await settled();
    expect((await entriesOf(t, repo.id))[0]).toMatchObject({ title: 'Mine now', status: 'published' });
    expect(await entriesOf(t, repo.id)).toHaveLength(1);
  });

  it('a delivery older than the stored PR (a late redelivery) changes neither the PR nor the draft', async () => {
    const repo = await connected();
    const mergedAt = new Date(Date.now() - 3_600_000);
    const at = (minutes: number) => new Date(mergedAt.getTime() + minutes * 60_000);
    await deliver(t, repo.id, repo.secret, repo.payload({ number: 12, title: 'fix: old title', mergedAt }));
    await settled();
    const edit = (title: string, minutes: number) =>
      repo.payload({ action: 'edited', number: 12, title, mergedAt, updatedAt: at(minutes) });
    await deliver(t, repo.id, repo.secret, edit('feat: newest title', 10));
    await settled();
    // GitHub redelivers the earlier edit after the later one.
    await deliver(t, repo.id, repo.secret, edit('fix: middle title', 5));
    await settled();
    expect((await entriesOf(t, repo.id))[0]).toMatchObject({ title: 'Newest title', category: 'New' });
    expect((await pullRequestsOf(t, repo.id))[0]).toMatchObject({
      title: 'feat: newest title',
      githubUpdatedAt: at(10),
    });
    // A newer edit still applies.
    await deliver(t, repo.id, repo.secret, edit('fix: final title', 15));
    await settled();
    expect((await entriesOf(t, repo.id))[0]).toMatchObject({ title: 'Final title', category: 'Fixed' });
  });

  it('a draft a person deleted does not come back with a later edit', async () => {
    const repo = await connected();
    await deliver(t, repo.id, repo.secret, repo.payload({ number: 31, title: 'fix: not worth a note' }));
    await settled();
    const [entry] = await entriesOf(t, repo.id);
    await t.deps.db.delete(changelogEntries).where(eq(changelogEntries.id, entry?.id ?? ''));
    await deliver(
      t,
      repo.id,
      repo.secret,
      repo.payload({ action: 'edited', number: 31, title: 'fix: still not' }),
    );
    await settled();
    expect(await entriesOf(t, repo.id)).toHaveLength(0);
    expect(await pullRequestsOf(t, repo.id)).toEqual([
      expect.objectContaining({ number: 31, title: 'fix: still not', entryId: null }),
    ]);
  });

  it('a bad or missing signature is 401 and writes nothing', async () => {
    const repo = await connected();
    const payload = repo.payload({ number: 1, title: 'feat: forged' });
    const eventsBefore = await githubEventCount();
    const auditBefore = await t.deps.db
      .select()
      .from(auditLogs)
      .where(eq(auditLogs.workspaceId, repo.user.workspaceId));
    const cases = [
      { signWith: 'not-the-secret' },
      { signature: null },
      { signature: 'sha1=0123456789abcdef0123456789abcdef01234567' },
      { signature: `sha256=${'0'.repeat(64)}` },
      { signature: 'sha256=zz' },
      { signedBody: JSON.stringify({ ...payload, action: 'opened' }) },
    ];
    for (const options of cases) {
      const response = await deliver(t, repo.id, repo.secret, payload, options);
      expect(response.status, JSON.stringify(options)).toBe(401);
      expect(await json(response)).toMatchObject({ error: { code: 'invalid_signature' } });
    }
    expect(await githubEventCount()).toBe(eventsBefore);
    expect(await entriesOf(t, repo.id)).toHaveLength(0);
    expect(await pullRequestsOf(t, repo.id)).toHaveLength(0);
    const row = await findRepositoryById(t.deps.db, repo.id);
    expect(row?.lastDeliveryAt).toBeNull();
    expect(
      await t.deps.db.select().from(auditLogs).where(eq(auditLogs.workspaceId, repo.user.workspaceId)),
    ).toEqual(auditBefore);

    // A rotated secret: the old one no longer signs.
    const rotated = await t.call(
      'POST',
      `/api/v1/workspaces/${repo.user.workspaceId}/repositories/${repo.id}/webhook-secret`,
      {
        cookie: repo.user.cookie,
      },
    );
    const { webhook } = await json<{ webhook: { secret: string } }>(rotated);
    expect((await deliver(t, repo.id, repo.secret, payload)).status).toBe(401);
    expect((await deliver(t, repo.id, webhook.secret, payload)).status).toBe(200);
  });

  it('an unknown repository is 404; a delivery for another repository or an unreadable one is 400', async () => {
    const repo = await connected();
    const payload = repo.payload({ number: 3, title: 'fix: x' });
    expect((await deliver(t, randomUUID(), repo.secret, payload)).status).toBe(404);
    const other = mergedPullRequestPayload({
      number: 3,
      title: 'fix: x',
      repository: { id: 1, fullName: 'someone/else' },
    });
    const wrongRepo = await deliver(t, repo.id, repo.secret, other);
    expect(wrongRepo.status).toBe(400);
    expect((await deliver(t, repo.id, repo.secret, { action: 'closed' })).status).toBe(400);
    expect((await deliver(t, repo.id, repo.secret, payload, { event: '' })).status).toBe(400);
    expect((await deliver(t, repo.id, repo.secret, payload, { deliveryId: 'bad id!' })).status).toBe(400);
    const row = await findRepositoryById(t.deps.db, repo.id);
    expect(row?.lastDeliveryError).toContain('Missing or malformed X-GitHub-Delivery');
    expect(await pullRequestsOf(t, repo.id)).toHaveLength(0);
  });

  it('five redeliveries, with the same or new delivery ids, make one draft', async () => {
    const repo = await connected();
    const payload = repo.payload({ number: 11, title: 'fix: only once' });
    const deliveryId = randomUUID();
    const answers = [];
    for (let i = 0; i < 5; i++)
      answers.push(await json(await deliver(t, repo.id, repo.secret, payload, { deliveryId })));
    expect(answers.filter((a) => a.duplicate === true)).toHaveLength(4);
    for (let i = 0; i < 5; i++) expect((await deliver(t, repo.id, repo.secret, payload)).status).toBe(200);
    await settled();
    expect(await entriesOf(t, repo.id)).toHaveLength(1);
    expect(await pullRequestsOf(t, repo.id)).toHaveLength(1);
    expect((await entriesOf(t, repo.id))[0]?.version).toBe(1);
  });

  it('concurrent deliveries of the same PR make one draft', async () => {
    const repo = await connected();
    const payload = repo.payload({ number: 12, title: 'perf: faster feeds' });
    const responses = await Promise.all(
      Array.from({ length: 5 }, () => deliver(t, repo.id, repo.secret, payload)),
    );
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    await settled();
    expect(await entriesOf(t, repo.id)).toHaveLength(1);

    // The ingest itself, from five transactions at once (on PostgreSQL they really overlap).
    const row = await findRepositoryById(t.deps.db, repo.id);
    const event = pullRequestEventSchema.parse(repo.payload({ number: 13, title: 'fix: raced' }));
    const pr = mergedPullRequestOf(event.pull_request);
    if (!row || !pr) throw new Error('fixture');
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        t.deps.db.transaction((tx) => ingestMergedPullRequest(t.deps, tx, row, pr)),
      ),
    );
    expect(results.filter((r) => r.outcome === 'created')).toHaveLength(1);
    expect(results.filter((r) => r.outcome === 'unchanged')).toHaveLength(4);
    expect(await entriesOf(t, repo.id)).toHaveLength(2);
  });

  it('skips a PR with a skip label, closed-unmerged PRs and other actions; ping is answered', async () => {
    const repo = await connected();
    await deliver(
      t,
      repo.id,
      repo.secret,
      repo.payload({ number: 21, title: 'chore: internal', labels: ['Skip-Changelog'] }),
    );
    await deliver(
      t,
      repo.id,
      repo.secret,
      repo.payload({ number: 22, title: 'feat: abandoned', merged: false }),
    );
    await deliver(
      t,
      repo.id,
      repo.secret,
      repo.payload({ action: 'opened', number: 23, title: 'feat: open', merged: false }),
    );
    const ping = await deliver(
      t,
      repo.id,
      repo.secret,
      { zen: 'Keep it logically awesome.', hook_id: 1 },
      { event: 'ping' },
    );
    expect(ping.status).toBe(200);
    await settled();
    expect(await entriesOf(t, repo.id)).toHaveLength(0);
    const prs = await pullRequestsOf(t, repo.id);
    expect(prs).toEqual([expect.objectContaining({ number: 21, skipped: true, entryId: null })]);
    expect((await findRepositoryById(t.deps.db, repo.id))?.lastDeliveryEvent).toBe('ping');

    // The skip label taken off after the merge: the PR gets its draft.
    await deliver(
      t,
      repo.id,
      repo.secret,
      repo.payload({ action: 'unlabeled', number: 21, title: 'chore: internal', labels: [] }),
    );
    await settled();
    expect(await entriesOf(t, repo.id)).toHaveLength(1);
  });
});
