// Ship → notify: an issue closed by a merged PR completes its roadmap item and links the PR's entry;
// publishing that entry tells the item's voters who left an email, once each, however often it is
// unpublished and published again.
import { and, eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import {
  type FakeGithub,
  issuesPayload,
  mergedPullRequestPayload,
  startFakeGithub,
} from '../../../../test/fakes/fake-github.ts';
import { grantFeatures } from '../../../../test/feature-grants.ts';
import { connectRepository, deliver, entriesOf, githubEnv } from '../../../../test/github-fixtures.ts';
import { createTestApp, json, signUp, type TestApp, waitFor } from '../../../../test/harness.ts';
import { outboundEmails } from '../mail/mail.table.ts';
import { subscribers } from '../subscribers/subscribers.table.ts';
import { workspaces } from '../workspaces/workspaces.table.ts';
import { roadmapItems, roadmapNotifications } from './roadmap.table.ts';

const github: FakeGithub = await startFakeGithub();
const t: TestApp = await createTestApp({ env: githubEnv(github) });
afterAll(async () => {
  await t.close();
  await github.close();
});

let counter = 0;
async function shipSetup() {
  counter += 1;
  const user = await signUp(t, `ship-${counter}@example.com`, 'Sam Ship');
  await grantFeatures(t, user.workspaceId, ['roadmap']);
  const [ws] = await t.deps.db.select().from(workspaces).where(eq(workspaces.id, user.workspaceId));
  const setup = await connectRepository(t, github, user, `octo-org/ship-${counter}`);
  const fullName = setup.remote.fullName;
  const repository = { id: setup.remote.id, fullName };
  const send = (payload: unknown, event: string) =>
    deliver(t, setup.repository.id, setup.webhook.secret, payload, { event });
  const enable = async () => {
    const response = await t.call(
      'PUT',
      `/api/v1/workspaces/${user.workspaceId}/roadmap/repositories/${setup.repository.id}`,
      {
        cookie: user.cookie,
        body: { enabled: true },
      },
    );
    expect(response.status).toBe(200);
    await waitFor(async () => {
      const [row] = await t.deps.db
        .select()
        .from(roadmapItems)
        .where(eq(roadmapItems.repositoryId, setup.repository.id));
      return row ?? null;
    });
  };
  const itemOf = async (number: number) => {
    const [row] = await t.deps.db
      .select()
      .from(roadmapItems)
      .where(and(eq(roadmapItems.repositoryId, setup.repository.id), eq(roadmapItems.issueNumber, number)));
    return row;
  };
  const vote = (itemId: string, body: Record<string, unknown>, userAgent: string, cookie?: string) =>
    t.call('POST', `/api/public/roadmap/${ws?.slug}/items/${itemId}/upvote`, {
      body,
      cookie,
      headers: { 'user-agent': userAgent },
    });
  const entriesPath = `/api/v1/workspaces/${user.workspaceId}/changelog/entries`;
  return { user, setup, fullName, repository, send, enable, itemOf, vote, entriesPath };
}

const shippedMails = (to?: string) =>
  t.deps.db
    .select()
    .from(outboundEmails)
    .where(
      to
        ? and(eq(outboundEmails.kind, 'roadmap_shipped'), eq(outboundEmails.toAddress, to))
        : eq(outboundEmails.kind, 'roadmap_shipped'),
    );

const browser = (n: number) => `Mozilla/5.0 (X11; Linux x86_64) Gecko/20100101 Firefox/${120 + n}.0`;

describe('ship → notify', () => {
  it('a merged PR that closes an issue completes the item and links its entry; publishing tells each emailed voter once', async () => {
    const s = await shipSetup();
    github.addIssue(s.fullName, { number: 7, title: 'Export to CSV', labels: ['roadmap'] });
    await s.enable();
    const item = await s.itemOf(7);
    if (!item) throw new Error('no item');

    const a = `ada-${counter}@example.com`;
    const b = `bob-${counter}@example.com`;
    expect((await s.vote(item.id, { voterId: 'voter-aaaaaaaaaaaaaaaa', email: a }, browser(1))).status).toBe(
      200,
    );
    expect((await s.vote(item.id, { voterId: 'voter-bbbbbbbbbbbbbbbb', email: b }, browser(2))).status).toBe(
      200,
    );
    // The same voter again, and one who left no address.
    expect((await s.vote(item.id, { voterId: 'voter-bbbbbbbbbbbbbbbb', email: b }, browser(2))).status).toBe(
      200,
    );
    expect((await s.vote(item.id, { voterId: 'voter-cccccccccccccccc' }, browser(3))).status).toBe(200);
    // A signed-in voter with an address (the same as Ada's, in other casing: one mail).
    expect((await s.vote(item.id, { email: a.toUpperCase() }, browser(4), s.user.cookie)).status).toBe(200);

    const merged = await s.send(
      mergedPullRequestPayload({
        number: 50,
        title: 'feat: export the board to CSV',
        body: 'Adds CSV.\n\nCloses #7',
        repository: s.repository,
      }),
      'pull_request',
    );
    expect(merged.status).toBe(200);
    const linked = await waitFor(async () => {
      const row = await s.itemOf(7);
      return row?.entryId ? row : null;
    });
    const [entry] = await entriesOf(t, s.setup.repository.id);
    expect(linked).toMatchObject({ status: 'completed', closedByPr: 50, entryId: entry?.id });
    expect(await shippedMails()).toHaveLength(0);

    // GitHub closes the issue itself: nothing changes.
    const issue = github.issue(s.fullName, 7);
    if (issue) issue.state = 'closed';
    await s.send(
      issuesPayload({
        action: 'closed',
        issue: issue ?? { number: 7, title: '', body: null, labels: [], state: 'closed' },
        repository: s.repository,
      }),
      'issues',
    );

    const publish = await t.call('POST', `${s.entriesPath}/${entry?.id}/publish`, {
      cookie: s.user.cookie,
      body: {},
    });
    expect(publish.status, await publish.clone().text()).toBe(200);
    await waitFor(
      async () =>
        (await shippedMails()).filter((m) => [a, b].includes(m.toAddress.toLowerCase())).length === 2,
    );
    const first = await shippedMails();
    expect(first.map((m) => m.toAddress.toLowerCase()).sort()).toEqual([a, b].sort());
    expect(first[0]?.subject).toBe('Shipped: Export to CSV');
    expect(first[0]?.textBody).toContain(`/changelog/`);

    // Unpublish, a new voter with an address, publish again: only the new voter is told.
    expect(
      (await t.call('POST', `${s.entriesPath}/${entry?.id}/unpublish`, { cookie: s.user.cookie })).status,
    ).toBe(200);
    const c = `cy-${counter}@example.com`;
    expect((await s.vote(item.id, { voterId: 'voter-dddddddddddddddd', email: c }, browser(5))).status).toBe(
      200,
    );
    expect(
      (await t.call('POST', `${s.entriesPath}/${entry?.id}/publish`, { cookie: s.user.cookie, body: {} }))
        .status,
    ).toBe(200);
    await waitFor(async () => (await shippedMails(c)).length === 1);
    for (const address of [a, b]) {
      expect((await shippedMails()).filter((m) => m.toAddress.toLowerCase() === address)).toHaveLength(1);
    }
    expect(
      await t.deps.db.select().from(roadmapNotifications).where(eq(roadmapNotifications.itemId, item.id)),
    ).toHaveLength(3);

    // The public roadmap shows it shipped with a link to the entry.
    const [ws] = await t.deps.db.select().from(workspaces).where(eq(workspaces.id, s.user.workspaceId));
    const board = await json<{
      items: Array<{ id: string; status: string; entryUrl: string | null; votes: number }>;
    }>(await t.call('GET', `/api/public/roadmap/${ws?.slug}`));
    expect(board.items).toEqual([
      expect.objectContaining({
        id: item.id,
        status: 'completed',
        votes: 5,
        entryUrl: expect.stringContaining(`/entries/${entry?.slug}`),
      }),
    ]);
  });

  it('an issue closed after its PR merged is linked to the PR that closes it', async () => {
    const s = await shipSetup();
    github.addIssue(s.fullName, { number: 1, title: 'Seed', labels: ['roadmap'] });
    await s.enable();
    // The PR merges while issue #9 is not on the roadmap yet.
    const issue = github.addIssue(s.fullName, { number: 9, title: 'Slack alerts', labels: [] });
    await s.send(
      mergedPullRequestPayload({
        number: 52,
        title: 'feat: slack alerts',
        body: `Resolves ${s.fullName}#9 and mentions #1 without a keyword.`,
        repository: s.repository,
      }),
      'pull_request',
    );
    await waitFor(async () => (await entriesOf(t, s.setup.repository.id)).length === 1);
    issue.labels = ['roadmap'];
    issue.state = 'closed';
    await s.send(
      issuesPayload({ action: 'labeled', label: 'roadmap', issue, repository: s.repository }),
      'issues',
    );
    const row = await waitFor(async () => (await s.itemOf(9)) ?? null);
    const [entry] = await entriesOf(t, s.setup.repository.id);
    expect(row).toMatchObject({ status: 'completed', closedByPr: 52, entryId: entry?.id });
    // #1 was only mentioned: untouched.
    expect(await s.itemOf(1)).toMatchObject({ status: 'planned', entryId: null });
  });

  it('a voter who subscribes to the changelog is not mailed twice: the subscriber mail tells them', async () => {
    const s = await shipSetup();
    github.addIssue(s.fullName, { number: 3, title: 'Audit log', labels: ['roadmap'] });
    await s.enable();
    const item = await s.itemOf(3);
    if (!item) throw new Error('no item');
    const fan = `fan-${counter}@example.com`;
    const other = `other-${counter}@example.com`;
    await t.deps.db.insert(subscribers).values({
      workspaceId: s.user.workspaceId,
      email: fan,
      status: 'confirmed',
      preference: 'all',
      source: 'page',
    });
    expect(
      (await s.vote(item.id, { voterId: 'voter-ffffffffffffffff', email: fan.toUpperCase() }, browser(6)))
        .status,
    ).toBe(200);
    expect(
      (await s.vote(item.id, { voterId: 'voter-gggggggggggggggg', email: other }, browser(7))).status,
    ).toBe(200);
    await s.send(
      mergedPullRequestPayload({
        number: 60,
        title: 'feat: audit log',
        body: 'fixes #3',
        repository: s.repository,
      }),
      'pull_request',
    );
    const linked = await waitFor(async () => (await s.itemOf(3))?.entryId ?? null);
    expect(
      (await t.call('POST', `${s.entriesPath}/${linked}/publish`, { cookie: s.user.cookie, body: {} }))
        .status,
    ).toBe(200);
    await waitFor(async () => (await shippedMails(other)).length === 1);
    await waitFor(
      async () =>
        (await t.deps.db.select().from(roadmapNotifications).where(eq(roadmapNotifications.itemId, item.id)))
          .length === 2,
    );
    expect(await shippedMails(fan)).toEqual([]);
    expect(await shippedMails(fan.toUpperCase())).toEqual([]);
  });
});
