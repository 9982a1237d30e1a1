import { and, eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { type FakeGithub, issuesPayload, startFakeGithub } from '../../../../test/fakes/fake-github.ts';
import { grantFeatures } from '../../../../test/feature-grants.ts';
import { connectRepository, deliver, githubEnv } from '../../../../test/github-fixtures.ts';
import { createTestApp, json, signUp, type TestApp, waitFor } from '../../../../test/harness.ts';
import { auditLogs } from '../audit/audit.table.ts';
import { webhookEvents } from '../webhooks/webhooks.table.ts';
import { workspaces } from '../workspaces/workspaces.table.ts';
import { roadmapItems } from './roadmap.table.ts';

const github: FakeGithub = await startFakeGithub();
const t: TestApp = await createTestApp({ env: githubEnv(github) });
afterAll(async () => {
  await t.close();
  await github.close();
});

interface Item {
  id: string;
  issueNumber: number;
  status: string;
  labels: string[];
  votes: number;
  title: string;
}

let counter = 0;
async function roadmapRepo(options: { grant?: boolean } = {}) {
  counter += 1;
  const user = await signUp(t, `roadmap-${counter}@example.com`, 'Rory Roadmap');
  if (options.grant !== false) await grantFeatures(t, user.workspaceId, ['roadmap']);
  const setup = await connectRepository(t, github, user, `octo-org/road-${counter}`);
  const fullName = setup.remote.fullName;
  const base = `/api/v1/workspaces/${user.workspaceId}/roadmap`;
  const issueEvent = (action: string, number: number, label?: string) =>
    deliver(
      t,
      setup.repository.id,
      setup.webhook.secret,
      issuesPayload({
        action,
        label,
        issue: github.issue(fullName, number) ?? {
          number,
          title: 'x',
          body: null,
          labels: [],
          state: 'open',
        },
        repository: { id: setup.remote.id, fullName },
      }),
      { event: 'issues' },
    );
  const items = async () => {
    const response = await t.call('GET', base, { cookie: user.cookie });
    expect(response.status).toBe(200);
    return (await json<{ items: Item[] }>(response)).items;
  };
  const item = async (number: number) => (await items()).find((i) => i.issueNumber === number);
  const enable = async (body: Record<string, unknown> = { enabled: true }) => {
    const response = await t.call('PUT', `${base}/repositories/${setup.repository.id}`, {
      cookie: user.cookie,
      body,
    });
    expect(response.status, await response.clone().text()).toBe(200);
    await waitFor(async () => {
      const r = await json<{ repositories: Array<{ importStatus: string }> }>(
        await t.call('GET', base, { cookie: user.cookie }),
      );
      return r.repositories[0]?.importStatus === 'completed';
    });
  };
  const move = (itemId: string, status: string, cookie = user.cookie) =>
    t.call('PATCH', `${base}/items/${itemId}`, { cookie, body: { status } });
  return { user, setup, fullName, base, issueEvent, items, item, enable, move };
}

/** Waits until every stored GitHub delivery has been processed. */
const settled = () =>
  waitFor(async () => {
    const rows = await t.deps.db.select().from(webhookEvents).where(eq(webhookEvents.source, 'github'));
    return rows.every((row) => row.processed);
  });

const syncedAudits = async (itemId: string) =>
  t.deps.db
    .select()
    .from(auditLogs)
    .where(and(eq(auditLogs.entityId, itemId), eq(auditLogs.action, 'roadmap_item.synced_from_github')));

describe('roadmap import and GitHub → Herald', () => {
  it('enabling imports labelled issues over several pages; pull requests and other issues are left out', async () => {
    const r = await roadmapRepo();
    github.setMaxPageSize(2);
    try {
      github.addIssue(r.fullName, { number: 1, title: 'Dark mode', labels: ['roadmap'] });
      github.addIssue(r.fullName, { number: 2, title: 'SSO', labels: ['Roadmap', 'in progress'] });
      github.addIssue(r.fullName, { number: 3, title: 'A bug', labels: ['bug'] });
      github.addIssue(r.fullName, { number: 4, title: 'CSV export', labels: ['roadmap'], state: 'closed' });
      github.addPullRequest(r.fullName, { number: 5, title: 'A PR', labels: ['roadmap'] });
      github.addIssue(r.fullName, { number: 6, title: 'Webhooks', labels: ['roadmap', 'planned'] });
      await r.enable();
    } finally {
      github.setMaxPageSize(100);
    }
    // Five issues and a pull request, two a page: three pages, each asked for once.
    const listCalls = github.requests.filter(
      (req) => req.method === 'GET' && req.path === `/repos/${r.fullName}/issues`,
    );
    expect(listCalls.map((req) => req.query.get('page') ?? '1')).toEqual(['1', '2', '3']);
    const items = await r.items();
    expect(items.map((i) => [i.issueNumber, i.title, i.status]).sort()).toEqual([
      [1, 'Dark mode', 'planned'],
      [2, 'SSO', 'in-progress'],
      [4, 'CSV export', 'completed'],
      [6, 'Webhooks', 'planned'],
    ]);
    // Importing again changes nothing.
    const again = await t.call('POST', `${r.base}/repositories/${r.setup.repository.id}/import`, {
      cookie: r.user.cookie,
    });
    expect(again.status).toBe(202);
    await waitFor(async () => (await r.items()).length === 4 && true);
    expect(
      (
        await t.deps.db
          .select()
          .from(roadmapItems)
          .where(eq(roadmapItems.repositoryId, r.setup.repository.id))
      ).length,
    ).toBe(4);
  });

  it('label changes, closing and reopening on GitHub move the item in Herald', async () => {
    const r = await roadmapRepo();
    const issue = github.addIssue(r.fullName, { number: 10, title: 'Team seats', labels: ['roadmap'] });
    await r.enable();
    expect((await r.item(10))?.status).toBe('planned');

    issue.labels.push('in progress');
    await r.issueEvent('labeled', 10, 'in progress');
    await settled();
    expect((await r.item(10))?.status).toBe('in-progress');
    const repoView = await t.call(
      'GET',
      `/api/v1/workspaces/${r.user.workspaceId}/repositories/${r.setup.repository.id}`,
      {
        cookie: r.user.cookie,
      },
    );
    expect(
      (await json<{ repository: { lastDelivery: { event: string } } }>(repoView)).repository.lastDelivery
        .event,
    ).toBe('issues.labeled');

    issue.state = 'closed';
    await r.issueEvent('closed', 10);
    await settled();
    expect((await r.item(10))?.status).toBe('completed');

    issue.state = 'open';
    issue.labels = ['roadmap'];
    await r.issueEvent('reopened', 10);
    await settled();
    expect((await r.item(10))?.status).toBe('planned');

    // Taking the roadmap label off hides the item; an unlabelled new issue never becomes one.
    issue.labels = [];
    await r.issueEvent('unlabeled', 10, 'roadmap');
    github.addIssue(r.fullName, { number: 11, labels: ['bug'] });
    await r.issueEvent('opened', 11);
    await settled();
    expect(await r.items()).toEqual([]);
    // Herald never wrote to GitHub for any of this.
    expect(github.issueWrites.filter((w) => w.repo === r.fullName)).toEqual([]);
  });
});

describe('Herald → GitHub', () => {
  it('moving an item swaps the status labels on GitHub, and the echoes change nothing', async () => {
    const r = await roadmapRepo();
    github.addIssue(r.fullName, { number: 20, title: 'Audit log export', labels: ['roadmap', 'planned'] });
    await r.enable();
    const item = await r.item(20);
    if (!item) throw new Error('no item');

    const moved = await r.move(item.id, 'in-progress');
    expect(moved.status).toBe(200);
    expect((await json<{ item: Item }>(moved)).item.status).toBe('in-progress');
    await waitFor(async () => github.issueWrites.filter((w) => w.repo === r.fullName).length === 2);
    expect(github.issueWrites.filter((w) => w.repo === r.fullName)).toEqual([
      { kind: 'add-labels', repo: r.fullName, number: 20, labels: ['in progress'] },
      { kind: 'remove-label', repo: r.fullName, number: 20, label: 'planned' },
    ]);
    expect(github.issue(r.fullName, 20)?.labels).toEqual(['roadmap', 'in progress']);

    // GitHub's deliveries for those two changes: the item stays where Herald put it, nothing is written back.
    await r.issueEvent('labeled', 20, 'in progress');
    await r.issueEvent('unlabeled', 20, 'planned');
    await settled();
    expect((await r.item(20))?.status).toBe('in-progress');
    expect(await syncedAudits(item.id)).toEqual([]);
    expect(github.issueWrites.filter((w) => w.repo === r.fullName)).toHaveLength(2);
    const [row] = await t.deps.db.select().from(roadmapItems).where(eq(roadmapItems.id, item.id));
    expect(row?.echoes).toEqual([]);

    // A person adding the planned label on GitHub is not an echo: it moves the item.
    github.issue(r.fullName, 20)?.labels.push('planned');
    await r.issueEvent('labeled', 20, 'planned');
    await settled();
    expect((await r.item(20))?.status).toBe('planned');
    expect(await syncedAudits(item.id)).toHaveLength(1);
  });

  it('a late echo of an earlier move does not undo a later one', async () => {
    const r = await roadmapRepo();
    github.addIssue(r.fullName, { number: 21, labels: ['roadmap'] });
    await r.enable();
    const item = await r.item(21);
    if (!item) throw new Error('no item');
    expect((await r.move(item.id, 'in-progress')).status).toBe(200);
    await waitFor(async () => github.issue(r.fullName, 21)?.labels.includes('in progress'));
    expect((await r.move(item.id, 'planned')).status).toBe(200);
    await waitFor(async () => {
      const labels = github.issue(r.fullName, 21)?.labels ?? [];
      return labels.includes('planned') && !labels.includes('in progress');
    });
    // The first move's echo arrives after the second move.
    await r.issueEvent('labeled', 21, 'in progress');
    await r.issueEvent('labeled', 21, 'planned');
    await r.issueEvent('unlabeled', 21, 'in progress');
    await settled();
    expect((await r.item(21))?.status).toBe('planned');
    expect(await syncedAudits(item.id)).toEqual([]);
  });

  it('with closeOnComplete, completing closes the issue (and its echo is a no-op)', async () => {
    const r = await roadmapRepo();
    github.addIssue(r.fullName, { number: 30, labels: ['roadmap', 'in progress'] });
    await r.enable({
      enabled: true,
      mapping: {
        labels: ['roadmap'],
        planned: 'planned',
        inProgress: 'in progress',
        completed: 'shipped',
        closeOnComplete: true,
      },
    });
    const item = await r.item(30);
    expect(item?.status).toBe('in-progress');
    expect((await r.move(item?.id ?? '', 'completed')).status).toBe(200);
    await waitFor(async () => github.issue(r.fullName, 30)?.state === 'closed');
    expect(github.issue(r.fullName, 30)?.labels).toEqual(['roadmap', 'shipped']);
    await r.issueEvent('labeled', 30, 'shipped');
    await r.issueEvent('unlabeled', 30, 'in progress');
    await r.issueEvent('closed', 30);
    await settled();
    expect((await r.item(30))?.status).toBe('completed');
    expect(await syncedAudits(item?.id ?? '')).toEqual([]);
  });
});

describe('roadmap access', () => {
  it('is gated by the roadmap plan feature: 402 on the workspace routes, 404 for the public roadmap', async () => {
    const r = await roadmapRepo({ grant: false });
    const list = await t.call('GET', r.base, { cookie: r.user.cookie });
    expect(list.status).toBe(402);
    expect((await json<{ error: { details: unknown } }>(list)).error.details).toEqual({ feature: 'roadmap' });
    const put = await t.call('PUT', `${r.base}/repositories/${r.setup.repository.id}`, {
      cookie: r.user.cookie,
      body: { enabled: true },
    });
    expect(put.status).toBe(402);
    const [ws] = await t.deps.db.select().from(workspaces).where(eq(workspaces.id, r.user.workspaceId));
    const workspaceSlug = ws?.slug ?? '';
    expect((await t.call('GET', `/roadmap/${workspaceSlug}`)).status).toBe(404);
    expect((await t.call('GET', `/api/public/roadmap/${workspaceSlug}`)).status).toBe(404);
  });

  it("another workspace's items are unreachable, and bad input changes nothing", async () => {
    const r = await roadmapRepo();
    github.addIssue(r.fullName, { number: 40, labels: ['roadmap'] });
    await r.enable();
    const item = await r.item(40);
    if (!item) throw new Error('no item');
    const other = await roadmapRepo();
    // The other workspace's admin: the item is not found through their workspace or through this one.
    expect(
      (
        await t.call('PATCH', `${other.base}/items/${item.id}`, {
          cookie: other.user.cookie,
          body: { status: 'completed' },
        })
      ).status,
    ).toBe(404);
    expect((await r.move(item.id, 'completed', other.user.cookie)).status).toBe(404);
    expect(
      (
        await t.call('PUT', `${other.base}/repositories/${r.setup.repository.id}`, {
          cookie: other.user.cookie,
          body: { enabled: false },
        })
      ).status,
    ).toBe(404);

    expect((await r.move(item.id, 'done')).status).toBe(422);
    const badMapping = await t.call('PUT', `${r.base}/repositories/${r.setup.repository.id}`, {
      cookie: r.user.cookie,
      body: {
        mapping: { labels: [], planned: 'p', inProgress: 'p', completed: null, closeOnComplete: false },
      },
    });
    expect(badMapping.status).toBe(422);
    const same = await t.call('PUT', `${r.base}/repositories/${r.setup.repository.id}`, {
      cookie: r.user.cookie,
      body: {
        mapping: {
          labels: ['roadmap'],
          planned: 'x',
          inProgress: 'X',
          completed: null,
          closeOnComplete: false,
        },
      },
    });
    expect(same.status).toBe(422);
    expect((await r.item(40))?.status).toBe('planned');
    expect(github.issueWrites.filter((w) => w.repo === r.fullName)).toEqual([]);
  });
});
