import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { startWebhookReceiver } from '../../../../test/fakes/webhook-receiver.ts';
import { createTestApp, json } from '../../../../test/harness.ts';
import {
  draftPost,
  type PublishingUser,
  publishingUser,
  readPost,
  scheduled,
} from '../../../../test/publishing-fixtures.ts';
import { createManualClock } from '../../platform/clock.ts';
import { rowsOf } from '../../platform/db-errors.ts';
import { auditLogs } from '../audit/audit.table.ts';
import { notifications } from '../notifications/notifications.table.ts';
import { ensurePublishQueue, publishJobName } from '../publishing/publish-queue.ts';
import { runPublishJob } from '../publishing/publishing.service.ts';
import { approvalLinks } from './approvals.table.ts';

// Review links end to end: the owner's API, the reviewer's public routes, and the publish handler
// run by hand on a clock the tests move (no queue worker runs here).

const clock = createManualClock(new Date('2027-05-03T09:00:00Z'));
const receiver = await startWebhookReceiver();
const rateLimit = 40;
const t = await createTestApp({
  clock,
  workers: false,
  env: {
    OUTBOUND_ALLOW_PRIVATE_NETWORKS: 'true',
    TRUST_PROXY: 'true',
    AUTH_RATE_LIMIT_PER_MINUTE: String(rateLimit),
  },
});
// Scheduling sends its job inside a transaction: the queue must exist before (PGlite has one connection).
await ensurePublishQueue(t.deps.queue);
await t.deps.queue.ensureQueue(publishJobName, { policy: 'exclusive' });
afterAll(async () => {
  await t.close();
  await receiver.close();
});
beforeEach(() => {
  receiver.deliveries.length = 0;
  receiver.processed.clear();
});

const hour = 3_600_000;
let reviewerIp = 0;
/** Each test reviews from its own address, so the per-address limit is only reached where meant. */
const nextIp = () => `198.51.100.${++reviewerIp}`;

interface CreatedLink {
  id: string;
  url: string;
  token: string;
  expiresAt: string;
  postIds: string[];
}
interface ReviewPost {
  id: string;
  approvalState: string;
  parts: string[];
  events: Array<{ kind: string; reviewerName: string; message: string | null }>;
}

async function createLink(user: PublishingUser, body: Record<string, unknown>) {
  return t.call('POST', `/api/v1/workspaces/${user.workspaceId}/approval-links`, {
    cookie: user.cookie,
    body,
  });
}
async function linkFor(user: PublishingUser, postIds: string[], extra: Record<string, unknown> = {}) {
  const response = await createLink(user, { postIds, ...extra });
  expect(response.status, await response.clone().text()).toBe(201);
  return json<CreatedLink>(response);
}
const review = (token: string) => t.call('GET', `/api/public/review/${token}`);
const act = (token: string, postId: string, body: Record<string, unknown>, ip = nextIp()) =>
  t.call('POST', `/api/public/review/${token}/posts/${postId}`, { body, headers: { 'x-forwarded-for': ip } });

async function waitingJobs(postId: string) {
  return rowsOf<{ singleton_key: string }>(
    await t.deps.db.execute(sql`
      select singleton_key from pgboss.job
      where name = ${publishJobName} and data->>'postId' = ${postId} and state::text = 'created'`),
  );
}

describe('review links', () => {
  it('shows the token once, marks the posts pending and lists links without tokens', async () => {
    const user = await publishingUser(t, receiver.url, 'links');
    const first = await draftPost(t, user, 'First for review.');
    const second = await draftPost(t, user, 'Second for review.');
    const link = await linkFor(user, [second.id, first.id, second.id], {
      note: 'Launch week',
      expiresInHours: 48,
    });
    expect(link.url).toBe(`${t.config.publicUrl}/review/${link.token}`);
    expect(link.postIds).toEqual([second.id, first.id]);
    expect(link.expiresAt).toBe(new Date(clock.now().getTime() + 48 * hour).toISOString());
    const [stored] = await t.deps.db.select().from(approvalLinks).where(eq(approvalLinks.id, link.id));
    expect(stored?.tokenHash).not.toContain(link.token);
    expect(await readPost(t, user, first.id)).toMatchObject({
      needsApproval: true,
      approvalState: 'pending',
    });

    const listed = await t.call('GET', `/api/v1/workspaces/${user.workspaceId}/approval-links`, {
      cookie: user.cookie,
    });
    const listText = await listed.text();
    expect(listText).not.toContain(link.token);
    expect(JSON.parse(listText)).toMatchObject({
      items: [{ id: link.id, state: 'active', note: 'Launch week' }],
    });

    const page = await review(link.token);
    expect(page.status).toBe(200);
    expect(await json(page)).toMatchObject({
      note: 'Launch week',
      posts: [
        { id: second.id, parts: ['Second for review.'], approvalState: 'pending', events: [] },
        { id: first.id, approvalState: 'pending' },
      ],
    });
    const [audit] = await t.deps.db
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.action, 'approval_link.created'), eq(auditLogs.entityId, link.id)));
    expect(audit).toMatchObject({ workspaceId: user.workspaceId, details: { posts: 2 } });
  });

  it('holds a scheduled post until a reviewer approves it, then publishes it once', async () => {
    const user = await publishingUser(t, receiver.url, 'approve');
    const draft = await draftPost(t, user, 'Approve me before I go out.');
    const post = await scheduled(t, user, draft.id, new Date(clock.now().getTime() + hour));
    const link = await linkFor(user, [post.id]);
    clock.advance(hour);
    const run = () => runPublishJob(t.deps, { postId: post.id, version: post.version });
    expect(await run()).toEqual({ outcome: 'skipped', reason: 'awaiting approval' });
    expect(receiver.deliveries).toHaveLength(0);
    expect(await readPost(t, user, post.id)).toMatchObject({ status: 'scheduled', lastError: null });

    const approved = await act(link.token, post.id, { action: 'approve', reviewerName: 'Rita Reviewer' });
    expect(approved.status, await approved.clone().text()).toBe(200);
    expect(await json(approved)).toMatchObject({
      id: post.id,
      approvalState: 'approved',
      events: [{ kind: 'approved', reviewerName: 'Rita Reviewer', message: null }],
    });
    // Approval sends the job the earlier run consumed; running it publishes.
    expect(await waitingJobs(post.id)).toHaveLength(1);
    expect(await run()).toMatchObject({ outcome: 'published' });
    expect(receiver.deliveries).toHaveLength(1);
    expect(await readPost(t, user, post.id)).toMatchObject({
      status: 'published',
      approvalState: 'approved',
    });
    expect(await run()).toMatchObject({ outcome: 'skipped' });
    expect(receiver.deliveries).toHaveLength(1);
    const late = await act(link.token, post.id, {
      action: 'request_changes',
      reviewerName: 'Rita',
      message: 'Too late?',
    });
    expect(late.status).toBe(409);
  });

  it('tells the author when changes are requested and keeps the post from publishing', async () => {
    const user = await publishingUser(t, receiver.url, 'changes');
    const post = await scheduled(
      t,
      user,
      (await draftPost(t, user, 'Needs work.')).id,
      new Date(clock.now().getTime() + hour),
    );
    const link = await linkFor(user, [post.id]);
    const noMessage = await act(link.token, post.id, { action: 'request_changes', reviewerName: 'Rita' });
    expect(noMessage.status).toBe(422);
    const asked = await act(link.token, post.id, {
      action: 'request_changes',
      reviewerName: 'Rita Reviewer',
      message: 'Say "launch" instead of "ship".',
    });
    expect(asked.status).toBe(200);
    expect(await json(asked)).toMatchObject({ approvalState: 'changes_requested' });
    const [note] = await t.deps.db.select().from(notifications).where(eq(notifications.userId, user.userId));
    expect(note).toMatchObject({ title: 'Changes requested', workspaceId: user.workspaceId });
    expect(note?.message).toContain('Rita Reviewer');
    expect(note?.message).toContain('Say "launch" instead of "ship".');
    clock.advance(hour);
    expect(await runPublishJob(t.deps, { postId: post.id, version: post.version })).toEqual({
      outcome: 'skipped',
      reason: 'awaiting approval',
    });
    expect(receiver.deliveries).toHaveLength(0);
  });

  it('records a comment without changing the state, and refuses bad reviewer input with 422', async () => {
    const user = await publishingUser(t, receiver.url, 'comment');
    const post = await draftPost(t, user, 'Comment on me.');
    const link = await linkFor(user, [post.id]);
    const commented = await act(link.token, post.id, {
      action: 'comment',
      reviewerName: 'Cora',
      message: 'Nice.',
    });
    expect(await json(commented)).toMatchObject({
      approvalState: 'pending',
      events: [{ kind: 'comment', reviewerName: 'Cora', message: 'Nice.' }],
    });
    for (const body of [
      { action: 'comment', reviewerName: 'Cora' },
      { action: 'approve', reviewerName: '  ' },
      { action: 'approve', reviewerName: 'x'.repeat(81) },
      { action: 'delete', reviewerName: 'Cora' },
      { action: 'comment', reviewerName: 'Cora', message: 'x'.repeat(2001) },
      { action: 'approve', reviewerName: 'Cora', extra: 1 },
    ]) {
      const response = await act(link.token, post.id, body);
      expect(response.status, JSON.stringify(body).slice(0, 80)).toBe(422);
    }
    const page = await json<{ posts: ReviewPost[] }>(await review(link.token));
    expect(page.posts[0]?.events).toHaveLength(1);
    expect(page.posts[0]?.approvalState).toBe('pending');
  });

  it('answers expired, revoked and unknown tokens with the same 404', async () => {
    const user = await publishingUser(t, receiver.url, 'expiry');
    const post = await draftPost(t, user);
    const expiring = await linkFor(user, [post.id], { expiresInHours: 1 });
    const revoked = await linkFor(user, [post.id]);
    const path = `/api/v1/workspaces/${user.workspaceId}/approval-links/${revoked.id}`;
    expect((await t.call('DELETE', path, { cookie: user.cookie })).status).toBe(204);
    expect((await t.call('DELETE', path, { cookie: user.cookie })).status).toBe(204);
    clock.advance(hour);
    const answers = [];
    for (const token of [expiring.token, revoked.token, 'no-such-token', 'x'.repeat(43)]) {
      const got = await review(token);
      const acted = await act(token, post.id, { action: 'approve', reviewerName: 'Eve' });
      answers.push([got.status, await got.text(), acted.status, await acted.text()]);
    }
    expect(answers[0]?.[0]).toBe(404);
    expect(answers[0]?.[2]).toBe(404);
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    expect(await readPost(t, user, post.id)).toMatchObject({ approvalState: 'pending' });
    const states = await json<{ items: Array<{ id: string; state: string }> }>(
      await t.call('GET', `/api/v1/workspaces/${user.workspaceId}/approval-links`, { cookie: user.cookie }),
    );
    expect(Object.fromEntries(states.items.map((l) => [l.id, l.state]))).toEqual({
      [expiring.id]: 'expired',
      [revoked.id]: 'revoked',
    });
    const audits = await t.deps.db
      .select()
      .from(auditLogs)
      .where(eq(auditLogs.action, 'approval_link.revoked'));
    expect(audits.filter((a) => a.entityId === revoked.id)).toHaveLength(2);
  });

  it("keeps a link to its own posts: another workspace's post is out of reach", async () => {
    const alice = await publishingUser(t, receiver.url, 'alice');
    const bob = await publishingUser(t, receiver.url, 'bob');
    const alicePost = await draftPost(t, alice, 'Alice only.');
    const bobPost = await draftPost(t, bob, 'Bob only.');
    const link = await linkFor(alice, [alicePost.id]);
    const reached = await act(link.token, bobPost.id, { action: 'approve', reviewerName: 'Mallory' });
    expect(reached.status).toBe(404);
    const sneaked = await createLink(alice, { postIds: [alicePost.id, bobPost.id] });
    expect(sneaked.status).toBe(422);
    expect(await json(sneaked)).toMatchObject({ error: { details: [{ path: 'postIds.1' }] } });
    expect(await readPost(t, bob, bobPost.id)).toMatchObject({
      approvalState: 'not_required',
      needsApproval: false,
    });
    expect(await readPost(t, alice, alicePost.id)).toMatchObject({ approvalState: 'pending' });
    const foreignRevoke = await t.call(
      'DELETE',
      `/api/v1/workspaces/${bob.workspaceId}/approval-links/${link.id}`,
      {
        cookie: bob.cookie,
      },
    );
    expect(foreignRevoke.status).toBe(404);
    expect((await review(link.token)).status).toBe(200);
  });

  it('limits reviewer actions per client address', async () => {
    const user = await publishingUser(t, receiver.url, 'limit');
    const post = await draftPost(t, user);
    const link = await linkFor(user, [post.id]);
    const ip = '203.0.113.77';
    const statuses: number[] = [];
    for (let i = 0; i <= rateLimit; i++) {
      statuses.push(
        (await act(link.token, post.id, { action: 'comment', reviewerName: 'Spam', message: `#${i}` }, ip))
          .status,
      );
    }
    expect(statuses.slice(0, rateLimit).every((s) => s === 200)).toBe(true);
    const last = await act(
      link.token,
      post.id,
      { action: 'comment', reviewerName: 'Spam', message: 'again' },
      ip,
    );
    expect(last.status).toBe(429);
    expect(last.headers.get('retry-after')).toBeTruthy();
    expect((await act(link.token, post.id, { action: 'approve', reviewerName: 'Other' })).status).toBe(200);
  });
});
