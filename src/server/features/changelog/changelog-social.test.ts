import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ChangelogUser,
  changelogUser,
  entriesPath,
  pullRequestEntry,
} from '../../../../test/entry-fixtures.ts';
import { type FakeLlm, startFakeLlm } from '../../../../test/fakes/fake-llm.ts';
import { grantFeatures } from '../../../../test/feature-grants.ts';
import { createTestApp, json, type TestApp, waitFor } from '../../../../test/harness.ts';
import { checkOutput } from '../../../shared/studio/platform-rules.ts';
import type { GenerationView } from '../generations/generations.schemas.ts';

// Social posts from an entry: a Studio generation saved as library drafts pointing back at the entry.
let t: TestApp;
let fake: FakeLlm;
beforeAll(async () => {
  fake = await startFakeLlm();
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
  await fake.close();
});

interface ApiPost {
  id: string;
  platform: string;
  status: string;
  title: string | null;
  content: Record<string, unknown>;
  originType: string;
  originId: string | null;
}

const socialPosts = (user: ChangelogUser, entryId: string, body: unknown = {}) =>
  t.call('POST', entriesPath(user, `/${entryId}/social-posts`), { cookie: user.cookie, body });

async function libraryPosts(user: ChangelogUser) {
  const response = await t.call('GET', `/api/v1/workspaces/${user.workspaceId}/posts`, {
    cookie: user.cookie,
  });
  return (await json<{ items: ApiPost[] }>(response)).items;
}

async function publishedEntry(user: ChangelogUser) {
  const row = await pullRequestEntry(t, user.workspaceId, {
    number: 81,
    title: 'Offline mode',
    body: 'Herald now works without a connection. Drafts you write on a plane are saved locally and sync as soon as you are back online, so nothing is lost.',
    category: 'New',
  });
  const published = await t.call('POST', entriesPath(user, `/${row.id}/publish`), {
    cookie: user.cookie,
    body: {},
  });
  expect(published.status).toBe(200);
  return row;
}

describe('social posts from an entry', () => {
  it('writes an X thread and a LinkedIn post with the local engine and saves both in the library', async () => {
    const user = await changelogUser(t, 'social');
    const entry = await publishedEntry(user);
    const response = await socialPosts(user, entry.id);
    expect(response.status, await response.clone().text()).toBe(201);
    const { generationId, posts } = await json<{ generationId: string; posts: ApiPost[] }>(response);
    expect(posts.map((post) => post.platform).sort()).toEqual(['linkedin', 'x']);
    for (const post of posts) {
      expect(post).toMatchObject({
        status: 'draft',
        title: 'Offline mode',
        originType: 'changelog_entry',
        originId: entry.id,
      });
      expect(checkOutput(post.platform as 'x' | 'linkedin', post.content)).toEqual([]);
    }
    expect((await libraryPosts(user)).map((post) => post.id).sort()).toEqual(
      posts.map((post) => post.id).sort(),
    );

    const generation = await json<GenerationView>(
      await t.call('GET', `/api/v1/workspaces/${user.workspaceId}/generations/${generationId}`, {
        cookie: user.cookie,
      }),
    );
    expect(generation).toMatchObject({
      sourceType: 'changelog_entry',
      sourceId: entry.id,
      status: 'completed',
    });
    expect(generation.input).toContain('https://github.com/acme/rocket/pull/81');
    expect(generation.input).toMatch(
      /Read more: http:\/\/herald\.test\/changelog\/.+\/entries\/offline-mode-81/,
    );
  });

  it('takes one platform, and a draft entry too', async () => {
    const user = await changelogUser(t, 'social-one');
    const row = await pullRequestEntry(t, user.workspaceId, {
      number: 3,
      title: 'Faster search',
      body: 'Search answers in a tenth of the time it took before, even across large workspaces with years of posts.',
    });
    const response = await socialPosts(user, row.id, { platforms: ['linkedin'], tone: 'educational' });
    expect(response.status).toBe(201);
    const { posts } = await json<{ posts: ApiPost[] }>(response);
    expect(posts.map((post) => post.platform)).toEqual(['linkedin']);
    expect((await socialPosts(user, 'no-such-entry')).status).toBe(404);
  });

  it('with an LLM engine, answers 202 and saves the posts once the generation job is done', async () => {
    const user = await changelogUser(t, 'social-llm');
    await grantFeatures(t, user.workspaceId, ['llm_providers']);
    const provider = await t.call('PUT', `/api/v1/workspaces/${user.workspaceId}/ai-provider`, {
      cookie: user.cookie,
      body: { kind: 'openai-compatible', model: 'fake-model', baseUrl: fake.baseUrl },
    });
    expect(provider.status).toBe(200);
    const entry = await publishedEntry(user);
    const response = await socialPosts(user, entry.id);
    expect(response.status, await response.clone().text()).toBe(202);
    const { posts } = await json<{ generationId: string; posts: ApiPost[] }>(response);
    expect(posts).toEqual([]);
    const saved = await waitFor(async () => {
      const library = await libraryPosts(user);
      return library.length === 2 && library;
    });
    expect(saved.every((post) => post.originType === 'changelog_entry' && post.originId === entry.id)).toBe(
      true,
    );
    expect(saved.map((post) => post.platform).sort()).toEqual(['linkedin', 'x']);
  });
});
