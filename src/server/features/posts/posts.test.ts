import { afterAll, describe, expect, it } from 'vitest';
import { createTestApp, json, signUp } from '../../../../test/harness.ts';
import { generations } from '../generations/generations.table.ts';
import { createStorageObject } from '../storage/storage.service.ts';
import { workspaceMembers } from '../workspaces/workspaces.table.ts';

const t = await createTestApp({ workers: false });
afterAll(() => t.close());

let counter = 0;
async function owner() {
  counter += 1;
  return signUp(t, `posts-${counter}@example.com`, 'Posy');
}

const xContent = (text = 'Herald publishes each post exactly once.') => ({
  tweets: [text],
  hashtags: ['#herald'],
});

interface Post {
  id: string;
  status: string;
  version: number;
  tags: string[];
  parts: string[];
  content: Record<string, unknown>;
  originType: string;
  originId: string | null;
  platform: string;
  title: string | null;
  mediaObjectIds: string[];
}

async function create(user: { cookie: string; workspaceId: string }, body: Record<string, unknown>) {
  return t.call('POST', `/api/v1/workspaces/${user.workspaceId}/posts`, { cookie: user.cookie, body });
}

describe('posts', () => {
  it('creates a draft by hand, shows it as the platform receives it, edits it and deletes it', async () => {
    const user = await owner();
    const created = await create(user, {
      platform: 'x',
      content: xContent(),
      title: ' Launch ',
      tags: ['launch', 'launch', 'q3'],
    });
    expect(created.status).toBe(201);
    const post = await json<Post>(created);
    expect(post).toMatchObject({
      status: 'draft',
      version: 1,
      title: 'Launch',
      tags: ['launch', 'q3'],
      originType: 'manual',
    });
    expect(post.parts).toEqual(['Herald publishes each post exactly once. #herald']);

    const path = `/api/v1/workspaces/${user.workspaceId}/posts/${post.id}`;
    const edited = await t.call('PATCH', path, {
      cookie: user.cookie,
      body: { content: xContent('Edited.'), expectedVersion: 1 },
    });
    expect(edited.status).toBe(200);
    expect(await json<Post>(edited)).toMatchObject({ version: 2, parts: ['Edited. #herald'] });

    const stale = await t.call('PATCH', path, {
      cookie: user.cookie,
      body: { title: 'x', expectedVersion: 1 },
    });
    expect(stale.status).toBe(409);

    expect((await t.call('DELETE', path, { cookie: user.cookie })).status).toBe(204);
    expect((await t.call('GET', path, { cookie: user.cookie })).status).toBe(404);
  });

  it('refuses content that breaks the platform rules with the violations, and writes nothing', async () => {
    const user = await owner();
    const tooLong = await create(user, { platform: 'x', content: xContent('a'.repeat(400)) });
    expect(tooLong.status).toBe(422);
    const body = await json<{ error: { code: string; details: { violations: Array<{ code: string }> } } }>(
      tooLong,
    );
    expect(body.error.code).toBe('rule_violation');
    expect(body.error.details.violations.length).toBeGreaterThan(0);
    const wrongShape = await create(user, { platform: 'linkedin', content: xContent() });
    expect(wrongShape.status).toBe(422);
    const list = await json<{ items: Post[] }>(
      await t.call('GET', `/api/v1/workspaces/${user.workspaceId}/posts`, { cookie: user.cookie }),
    );
    expect(list.items).toHaveLength(0);
  });

  it('accepts media only from storage objects of the same workspace', async () => {
    const user = await owner();
    const other = await owner();
    const upload = (workspaceId: string) =>
      createStorageObject(t.deps, {
        workspaceId,
        uploadedBy: null,
        purpose: 'media',
        fileName: 'photo.png',
        contentType: 'image/png',
        extension: 'png',
        bytes: new Uint8Array([1, 2, 3]),
      });
    const mine = await upload(user.workspaceId);
    const theirs = await upload(other.workspaceId);
    const refused = await create(user, {
      platform: 'x',
      content: xContent(),
      mediaObjectIds: [mine.id, theirs.id],
    });
    expect(refused.status).toBe(422);
    expect(await json(refused)).toMatchObject({ error: { details: [{ path: 'mediaObjectIds.1' }] } });
    const accepted = await create(user, { platform: 'x', content: xContent(), mediaObjectIds: [mine.id] });
    expect(await json<Post>(accepted)).toMatchObject({ mediaObjectIds: [mine.id] });
  });

  it('lists newest first with cursor pages and filters by platform, status, tag and dates', async () => {
    const user = await owner();
    for (let i = 0; i < 5; i++) {
      await create(user, {
        platform: i % 2 ? 'x' : 'facebook',
        content: i % 2 ? xContent(`Post ${i}`) : { text: `Post ${i}`, hashtags: [] },
        tags: i < 2 ? ['early'] : [],
      });
    }
    const base = `/api/v1/workspaces/${user.workspaceId}/posts`;
    const first = await json<{ items: Post[]; nextCursor: string }>(
      await t.call('GET', `${base}?limit=3`, { cookie: user.cookie }),
    );
    expect(first.items).toHaveLength(3);
    const second = await json<{ items: Post[]; nextCursor: string | null }>(
      await t.call('GET', `${base}?limit=3&cursor=${first.nextCursor}`, { cookie: user.cookie }),
    );
    expect(second.items).toHaveLength(2);
    expect(second.nextCursor).toBeNull();
    expect(new Set([...first.items, ...second.items].map((p) => p.id)).size).toBe(5);
    const xOnly = await json<{ items: Post[] }>(
      await t.call('GET', `${base}?platform=x`, { cookie: user.cookie }),
    );
    expect(xOnly.items.map((p) => p.platform)).toEqual(['x', 'x']);
    const tagged = await json<{ items: Post[] }>(
      await t.call('GET', `${base}?tag=early`, { cookie: user.cookie }),
    );
    expect(tagged.items).toHaveLength(2);
    const drafts = await json<{ items: Post[] }>(
      await t.call('GET', `${base}?status=draft&from=2000-01-01&to=2999-01-01`, { cookie: user.cookie }),
    );
    expect(drafts.items).toHaveLength(5);
    const future = await json<{ items: Post[] }>(
      await t.call('GET', `${base}?from=2999-01-01`, { cookie: user.cookie }),
    );
    expect(future.items).toHaveLength(0);
    expect((await t.call('GET', `${base}?from=yesterday`, { cookie: user.cookie })).status).toBe(422);
  });

  it('makes one draft per delivered platform from a generation, preferring the saved draft', async () => {
    const user = await owner();
    const [generation] = await t.deps.db
      .insert(generations)
      .values({
        workspaceId: user.workspaceId,
        input: 'text',
        inputHash: 'hash',
        language: 'en',
        platforms: ['x', 'facebook', 'linkedin'],
        tone: 'educational',
        engine: 'local',
        status: 'partial',
        outputs: { x: xContent('Generated.'), facebook: { text: 'Generated for Facebook.', hashtags: [] } },
        drafts: { x: xContent('Edited by hand.') },
      })
      .returning();
    const path = `/api/v1/workspaces/${user.workspaceId}/posts/from-generation`;
    const made = await t.call('POST', path, { cookie: user.cookie, body: { generationId: generation?.id } });
    expect(made.status).toBe(201);
    const { items } = await json<{ items: Post[] }>(made);
    expect(items.map((p) => [p.platform, p.parts[0]])).toEqual([
      ['x', 'Edited by hand. #herald'],
      ['facebook', 'Generated for Facebook.'],
    ]);
    expect(items.every((p) => p.originType === 'generation' && p.originId === generation?.id)).toBe(true);
    const missing = await t.call('POST', path, {
      cookie: user.cookie,
      body: { generationId: generation?.id, platforms: ['linkedin'] },
    });
    expect(missing.status).toBe(422);
  });

  it('lets a viewer read posts but not write them', async () => {
    const user = await owner();
    const viewer = await signUp(t, `posts-viewer-${counter}@example.com`);
    await t.deps.db
      .insert(workspaceMembers)
      .values({ workspaceId: user.workspaceId, userId: viewer.userId, role: 'viewer' });
    const post = await json<Post>(await create(user, { platform: 'x', content: xContent() }));
    const base = `/api/v1/workspaces/${user.workspaceId}/posts`;
    expect((await t.call('GET', `${base}/${post.id}`, { cookie: viewer.cookie })).status).toBe(200);
    expect(
      (await create({ ...user, cookie: viewer.cookie }, { platform: 'x', content: xContent() })).status,
    ).toBe(403);
    expect(
      (await t.call('PATCH', `${base}/${post.id}`, { cookie: viewer.cookie, body: { title: 'no' } })).status,
    ).toBe(403);
    expect((await t.call('DELETE', `${base}/${post.id}`, { cookie: viewer.cookie })).status).toBe(403);
    expect(
      (await t.call('POST', `${base}/import`, { cookie: viewer.cookie, body: { posts: [] } })).status,
    ).toBe(403);
    expect(
      (await t.call('POST', `${base}/${post.id}/cancel`, { cookie: viewer.cookie, body: {} })).status,
    ).toBe(403);
  });
});

describe('import and export', () => {
  it('imports good rows, reports bad rows with their number and reasons, and writes nothing for them', async () => {
    const user = await owner();
    const csv = [
      'platform,title,text,content,tags',
      'facebook,Good one,Hello from a spreadsheet,,launch; q3',
      'myspace,Bad platform,Hi,,',
      `x,Too long,${'a'.repeat(300)},,`,
      'linkedin,Good two,"A hook line\n\nA body, with a comma",,',
      'tiktok,No content,,,',
    ].join('\n');
    const response = await t.call('POST', `/api/v1/workspaces/${user.workspaceId}/posts/import`, {
      cookie: user.cookie,
      rawBody: csv,
      headers: { 'content-type': 'text/csv' },
    });
    expect(response.status).toBe(201);
    const report = await json<{
      accepted: Array<{ row: number; id: string }>;
      rejected: Array<{ row: number; errors: Array<{ path: string }> }>;
    }>(response);
    expect(report.accepted.map((a) => a.row)).toEqual([1, 4]);
    expect(report.rejected.map((r) => [r.row, r.errors[0]?.path])).toEqual([
      [2, 'platform'],
      [3, 'content.tweets.0'],
      [5, 'content'],
    ]);
    const list = await json<{ items: Post[] }>(
      await t.call('GET', `/api/v1/workspaces/${user.workspaceId}/posts`, { cookie: user.cookie }),
    );
    expect(list.items.map((p) => p.title).sort()).toEqual(['Good one', 'Good two']);
    expect(list.items.find((p) => p.title === 'Good one')).toMatchObject({
      tags: ['launch', 'q3'],
      originType: 'import',
    });

    const allBad = await t.call('POST', `/api/v1/workspaces/${user.workspaceId}/posts/import`, {
      cookie: user.cookie,
      body: { posts: [{ platform: 'x' }, 'not an object'] },
    });
    expect(allBad.status).toBe(422);
    const unsupported = await t.call('POST', `/api/v1/workspaces/${user.workspaceId}/posts/import`, {
      cookie: user.cookie,
      rawBody: 'platform\nx',
      headers: { 'content-type': 'text/plain' },
    });
    expect(unsupported.status).toBe(415);
  });

  it('exports CSV and JSON that import back into the same posts', async () => {
    const source = await owner();
    await create(source, {
      platform: 'x',
      content: { tweets: ['1/2 =SUM(A1) "quoted", two', '2/2 line\nbreak'], hashtags: [] },
      title: 'Thread',
      tags: ['a b', 'c'],
    });
    await create(source, {
      platform: 'linkedin',
      content: { hook: 'Hook', body: 'Body', cta: 'Go', hashtags: ['#x'] },
      needsApproval: true,
    });
    const comparable = (posts: Post[]) =>
      posts
        .map((p) => ({ platform: p.platform, title: p.title, content: p.content, tags: p.tags }))
        .sort((a, b) => a.platform.localeCompare(b.platform));
    const original = comparable(
      (
        await json<{ items: Post[] }>(
          await t.call('GET', `/api/v1/workspaces/${source.workspaceId}/posts`, { cookie: source.cookie }),
        )
      ).items,
    );
    for (const format of ['csv', 'json'] as const) {
      const exported = await t.call(
        'GET',
        `/api/v1/workspaces/${source.workspaceId}/posts/export?format=${format}`,
        { cookie: source.cookie },
      );
      expect(exported.status).toBe(200);
      expect(exported.headers.get('content-type')).toContain(
        format === 'csv' ? 'text/csv' : 'application/json',
      );
      const text = await exported.text();
      const target = await owner();
      const imported = await t.call('POST', `/api/v1/workspaces/${target.workspaceId}/posts/import`, {
        cookie: target.cookie,
        rawBody: text,
        headers: { 'content-type': format === 'csv' ? 'text/csv' : 'application/json' },
      });
      expect(imported.status, await imported.clone().text()).toBe(201);
      const copies = (
        await json<{ items: Post[] }>(
          await t.call('GET', `/api/v1/workspaces/${target.workspaceId}/posts`, { cookie: target.cookie }),
        )
      ).items;
      expect(comparable(copies), format).toEqual(original);
    }
  });
});
