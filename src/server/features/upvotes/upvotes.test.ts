import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { grantFeatures } from '../../../../test/feature-grants.ts';
import { createTestApp, json, signUp, type TestApp } from '../../../../test/harness.ts';
import { changelogOwner, insertEntry, insertRepository } from '../../../../test/public-changelog-fixtures.ts';
import { roadmapItems, roadmapRepositories } from '../roadmap/roadmap.table.ts';
import { upvotes } from './upvotes.table.ts';

const t: TestApp = await createTestApp();
afterAll(() => t.close());

const browser = (n: number) => `Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) Safari/605.1.15 v${n}`;
const voterId = (n: number) => `voter-${String(n).padStart(16, '0')}`;

async function publishedEntry() {
  const owner = await changelogOwner(t, 'up');
  const entry = await insertEntry(t, owner.workspaceId, {
    title: 'Faster search',
    slug: `faster-search-${owner.workspaceId.slice(0, 8)}`,
  });
  const path = `/api/public/changelog/${owner.workspaceSlug}/entries/${entry.slug}/upvote`;
  const vote = (body: unknown, userAgent: string, options: { method?: string; cookie?: string } = {}) =>
    t.call(options.method ?? 'POST', path, {
      body,
      cookie: options.cookie,
      headers: { 'user-agent': userAgent },
    });
  return { owner, entry, path, vote };
}

type Result = { votes: number; voted: boolean; counted: boolean };

const votesIn = (html: string) => [...html.matchAll(/data-votes="(\d+)"/g)].map((m) => Number(m[1]));

describe('upvotes on changelog entries', () => {
  it('count once per voter id, once per signed-in user, and once per visitor a day', async () => {
    const { owner, vote, entry } = await publishedEntry();
    expect(await json<Result>(await vote({ voterId: voterId(1) }, browser(1)))).toEqual({
      votes: 1,
      voted: true,
      counted: true,
    });
    // The same voter id again (even from another browser): still one.
    expect(await json<Result>(await vote({ voterId: voterId(1) }, browser(9)))).toEqual({
      votes: 1,
      voted: true,
      counted: false,
    });
    // A fresh voter id from the same visitor today (same address and browser): not counted.
    expect(await json<Result>(await vote({ voterId: voterId(2) }, browser(1)))).toEqual({
      votes: 1,
      voted: false,
      counted: false,
    });
    // Someone else.
    expect(await json<Result>(await vote({ voterId: voterId(3) }, browser(3)))).toMatchObject({
      votes: 2,
      counted: true,
    });
    // A signed-in user: once, whatever the browser.
    const reader = await signUp(t, `reader-${owner.workspaceId}@example.com`);
    expect(await json<Result>(await vote({}, browser(1), { cookie: reader.cookie }))).toMatchObject({
      votes: 3,
      counted: true,
    });
    expect(await json<Result>(await vote({}, browser(4), { cookie: reader.cookie }))).toMatchObject({
      votes: 3,
      counted: false,
    });
    // Taking a vote back.
    expect(await json<Result>(await vote({ voterId: voterId(3) }, browser(3), { method: 'DELETE' }))).toEqual(
      { votes: 2, voted: false, counted: true },
    );
    expect(await json<Result>(await vote({ voterId: voterId(3) }, browser(3), { method: 'DELETE' }))).toEqual(
      { votes: 2, voted: false, counted: false },
    );

    const rows = await t.deps.db.select().from(upvotes).where(eq(upvotes.entryId, entry.id));
    expect(rows).toHaveLength(2);
    // Neither the voter id nor anything like an address is stored as sent.
    expect(JSON.stringify(rows)).not.toContain(voterId(1));
  });

  it('ignores bots: the count is answered and nothing is written', async () => {
    const { vote, entry } = await publishedEntry();
    for (const ua of ['Googlebot/2.1 (+http://www.google.com/bot.html)', 'curl/8.4.0', '']) {
      const response = await vote({ voterId: voterId(7) }, ua);
      expect(response.status).toBe(200);
      expect(await json<Result>(response)).toEqual({ votes: 0, voted: false, counted: false });
    }
    expect(await t.deps.db.select().from(upvotes).where(eq(upvotes.entryId, entry.id))).toEqual([]);
  });

  it('shows counts on the public pages and takes no-JS form votes (a first-party voter cookie)', async () => {
    const { owner, entry, vote } = await publishedEntry();
    await vote({ voterId: voterId(1) }, browser(1));
    const page = await t.call('GET', `/changelog/${owner.workspaceSlug}/entries/${entry.slug}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(votesIn(html)).toEqual([1]);
    expect(html).toContain(
      `action="http://herald.test/changelog/${owner.workspaceSlug}/entries/${entry.slug}/upvote"`,
    );
    expect(page.headers.get('content-security-policy')).toContain("form-action 'self'");

    const form = (cookie?: string) =>
      t.call('POST', `/changelog/${owner.workspaceSlug}/entries/${entry.slug}/upvote`, {
        rawBody: '',
        cookie,
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': browser(2) },
      });
    const first = await form();
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe(
      `http://herald.test/changelog/${owner.workspaceSlug}/entries/${entry.slug}`,
    );
    const setCookie = first.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^herald_voter=[A-Za-z0-9_-]+;/);
    expect(setCookie).toContain('HttpOnly');
    const cookie = setCookie.split(';')[0];
    expect((await form(cookie)).status).toBe(303);
    // The list and the entry page both show 2 at once (the page cache follows the votes).
    const list = await (await t.call('GET', `/changelog/${owner.workspaceSlug}`)).text();
    expect(votesIn(list)).toEqual([2]);
    expect(
      votesIn(await (await t.call('GET', `/changelog/${owner.workspaceSlug}/entries/${entry.slug}`)).text()),
    ).toEqual([2]);
  });

  it('refuses bad input with a 4xx and changes nothing', async () => {
    const { owner, vote, path, entry } = await publishedEntry();
    const draft = await insertEntry(t, owner.workspaceId, {
      title: 'Not yet',
      status: 'draft',
      slug: `draft-${owner.workspaceId.slice(0, 8)}`,
    });
    expect((await vote({}, browser(1))).status).toBe(422);
    expect((await vote({ voterId: 'short' }, browser(1))).status).toBe(422);
    expect((await vote({ voterId: voterId(1), extra: true }, browser(1))).status).toBe(422);
    const notJson = await t.call('POST', path, {
      rawBody: '{nope',
      headers: { 'content-type': 'application/json', 'user-agent': browser(1) },
    });
    expect(notJson.status).toBe(400);
    expect(
      (
        await t.call('POST', `/api/public/changelog/${owner.workspaceSlug}/entries/${draft.slug}/upvote`, {
          body: { voterId: voterId(1) },
          headers: { 'user-agent': browser(1) },
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await t.call('POST', `/api/public/changelog/no-such-workspace/entries/${entry.slug}/upvote`, {
          body: { voterId: voterId(1) },
          headers: { 'user-agent': browser(1) },
        })
      ).status,
    ).toBe(404);
    const jsonForm = await t.call('POST', `/changelog/${owner.workspaceSlug}/entries/${entry.slug}/upvote`, {
      body: { remove: '1' },
      headers: { 'user-agent': browser(1) },
    });
    expect(jsonForm.status).toBe(415);
    expect((await json<{ error: { code: string } }>(jsonForm)).error.code).toBe('unsupported_media_type');
    expect(await t.deps.db.select().from(upvotes)).toSatisfy((rows: unknown[]) =>
      rows.every((row) => (row as { entryId: string }).entryId !== draft.id),
    );
    expect(await t.deps.db.select().from(upvotes).where(eq(upvotes.entryId, entry.id))).toEqual([]);
  });

  it('answers CORS for scripts on any site', async () => {
    const { vote, path } = await publishedEntry();
    const preflight = await t.call('OPTIONS', path);
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-methods')).toContain('DELETE');
    const ok = await vote({ voterId: voterId(1) }, browser(1));
    expect(ok.headers.get('access-control-allow-origin')).toBe('*');
    const refused = await vote({}, browser(1));
    expect(refused.headers.get('access-control-allow-origin')).toBe('*');
  });
});

describe('upvotes on the public roadmap', () => {
  async function roadmapWith(
    items: Array<{ number: number; title: string; status?: 'planned' | 'in-progress' | 'completed' }>,
  ) {
    const owner = await changelogOwner(t, 'rm');
    await grantFeatures(t, owner.workspaceId, ['roadmap']);
    const repo = await insertRepository(t, owner.workspaceId, `octo-org/rm-${owner.workspaceId.slice(0, 8)}`);
    await t.deps.db.insert(roadmapRepositories).values({
      repositoryId: repo.id,
      workspaceId: owner.workspaceId,
      enabled: true,
      mapping: {
        labels: ['roadmap'],
        planned: 'planned',
        inProgress: 'in progress',
        completed: null,
        closeOnComplete: false,
      },
    });
    const rows = await t.deps.db
      .insert(roadmapItems)
      .values(
        items.map((item) => ({
          workspaceId: owner.workspaceId,
          repositoryId: repo.id,
          issueNumber: item.number,
          title: item.title,
          status: item.status ?? 'planned',
          url: `https://github.com/${repo.fullName}/issues/${item.number}`,
        })),
      )
      .returning();
    return { owner, repo, rows };
  }

  it('shows columns with counts and takes form votes with an optional email; bad email is 422', async () => {
    const { owner, rows } = await roadmapWith([
      { number: 1, title: 'Dark mode' },
      { number: 2, title: 'SSO', status: 'in-progress' },
      { number: 3, title: '<script>alert(1)</script>', status: 'completed' },
    ]);
    const [dark] = rows;
    const form = (body: string, userAgent = browser(1)) =>
      t.call('POST', `/roadmap/${owner.workspaceSlug}/items/${dark?.id}/upvote`, {
        rawBody: body,
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': userAgent },
      });
    const voted = await form('email=fan%40example.com');
    expect(voted.status).toBe(303);
    expect(voted.headers.get('location')).toBe(
      `http://herald.test/roadmap/${owner.workspaceSlug}#item-${dark?.id}`,
    );
    expect((await form('email=not-an-address', browser(2))).status).toBe(422);
    const page = await t.call('GET', `/roadmap/${owner.workspaceSlug}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;');
    expect(votesIn(html)).toEqual([1, 0, 0]);
    expect(html).toMatch(
      /data-status="planned".*Dark mode.*data-status="in-progress".*SSO.*data-status="completed"/s,
    );
    const [vote] = await t.deps.db
      .select()
      .from(upvotes)
      .where(eq(upvotes.itemId, dark?.id ?? ''));
    expect(vote?.email).toBe('fan@example.com');
  });

  it("cannot reach another workspace's item or a hidden one, and needs the roadmap feature", async () => {
    const mine = await roadmapWith([{ number: 1, title: 'Mine' }]);
    const theirs = await roadmapWith([{ number: 1, title: 'Theirs' }]);
    const theirItem = theirs.rows[0]?.id ?? '';
    const through = (slug: string, id: string) =>
      t.call('POST', `/api/public/roadmap/${slug}/items/${id}/upvote`, {
        body: { voterId: voterId(1) },
        headers: { 'user-agent': browser(1) },
      });
    expect((await through(mine.owner.workspaceSlug, theirItem)).status).toBe(404);
    expect((await through(theirs.owner.workspaceSlug, theirItem)).status).toBe(200);
    await t.deps.db.update(roadmapItems).set({ tracked: false }).where(eq(roadmapItems.id, theirItem));
    expect((await through(theirs.owner.workspaceSlug, theirItem)).status).toBe(404);
    const bad = await t.call(
      'POST',
      `/api/public/roadmap/${mine.owner.workspaceSlug}/items/${mine.rows[0]?.id}/upvote`,
      {
        body: { voterId: voterId(2), email: 'nope' },
        headers: { 'user-agent': browser(2) },
      },
    );
    expect(bad.status).toBe(422);
    // Without the feature the roadmap and its votes are not there.
    await t.deps.db.delete(roadmapRepositories);
    const plain = await changelogOwner(t, 'plain');
    expect((await t.call('GET', `/roadmap/${plain.workspaceSlug}`)).status).toBe(404);
    expect((await t.call('GET', `/api/public/roadmap/${plain.workspaceSlug}`)).status).toBe(404);
  });
});
