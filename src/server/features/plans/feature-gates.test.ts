import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { snapshotDatabase } from '../../../../test/api-surface.ts';
import { grantFeatures, revokeFeatures } from '../../../../test/feature-grants.ts';
import { createTestApp, json, signUp, type TestApp } from '../../../../test/harness.ts';
import { postForm, wavFile } from '../../../../test/media-samples.ts';
import { insertEntry } from '../../../../test/public-changelog-fixtures.ts';
import { describeEngine, resolveEngine } from '../ai-providers/ai-providers.service.ts';
import { loadBrandVoice } from '../generations/generations.service.ts';
import { invalidatePublicChangelog } from '../public-changelog/public-changelog.service.ts';

// Each gate: on a workspace without the feature the route answers 402 `payment_required` naming it
// and writes nothing; after a grant (a staff override) the same request succeeds.

type User = Awaited<ReturnType<typeof signUp>>;

let t: TestApp;
let counter = 0;
beforeAll(async () => {
  t = await createTestApp({ env: { OUTBOUND_ALLOW_PRIVATE_NETWORKS: 'true' } });
});
afterAll(() => t.close());

async function newUser() {
  counter += 1;
  return signUp(t, `gates-${counter}@example.com`, 'Gale Gates');
}

const base = (user: User) => `/api/v1/workspaces/${user.workspaceId}`;

/** The request is refused with 402 naming the feature, and nothing of the workspace changed. */
async function expectGated(user: User, feature: string, request: () => Promise<Response>) {
  // Every row naming the workspace or its owner; background jobs (sweeps) are not the route's writes.
  const scope = { mentioning: [user.workspaceId, user.userId] };
  const before = await snapshotDatabase(t.deps.db, scope);
  const response = await request();
  expect(response.status, await response.clone().text()).toBe(402);
  const body = await json<{ error: { code: string; message: string; details: unknown } }>(response);
  expect(body.error.code).toBe('payment_required');
  expect(body.error.message).toContain(feature);
  expect(body.error.details).toEqual({ feature });
  expect(await snapshotDatabase(t.deps.db, scope)).toEqual(before);
}

async function expectStatus(response: Response, status: number) {
  expect(response.status, await response.clone().text()).toBe(status);
  return response;
}

describe('feature gates', () => {
  it('voice notes: voice_content_creation', async () => {
    const user = await newUser();
    await revokeFeatures(t, user.workspaceId, ['voice_content_creation']);
    const fields = {
      audio: { bytes: wavFile(1), fileName: 'note.wav', type: 'audio/wav' },
      platforms: 'x',
      tone: 'educational',
    };
    await expectGated(user, 'voice_content_creation', () =>
      postForm(t, `${base(user)}/voice-notes`, fields, user),
    );
    await grantFeatures(t, user.workspaceId, ['voice_content_creation']);
    await expectStatus(await postForm(t, `${base(user)}/voice-notes`, fields, user), 202);
  });

  it('a generation for several platforms: multi_platform_optimization (one platform stays allowed)', async () => {
    const user = await newUser();
    await revokeFeatures(t, user.workspaceId, ['multi_platform_optimization']);
    const body = (platforms: string[]) => ({
      cookie: user.cookie,
      body: {
        text: 'Herald turns one article into posts for each platform.',
        platforms,
        tone: 'educational',
      },
    });
    await expectGated(user, 'multi_platform_optimization', () =>
      t.call('POST', `${base(user)}/generations`, body(['x', 'linkedin'])),
    );
    await expectStatus(await t.call('POST', `${base(user)}/generations`, body(['x'])), 201);
    await grantFeatures(t, user.workspaceId, ['multi_platform_optimization']);
    await expectStatus(await t.call('POST', `${base(user)}/generations`, body(['x', 'linkedin'])), 201);
  });

  it('widget configuration and the public widget data: changelog_widget', async () => {
    const user = await newUser();
    const { widget } = await json<{ widget: { id: string } }>(
      await expectStatus(await t.call('GET', `${base(user)}/widget`, { cookie: user.cookie }), 200),
    );
    await revokeFeatures(t, user.workspaceId, ['changelog_widget']);
    const put = () =>
      t.call('PUT', `${base(user)}/widget`, { cookie: user.cookie, body: { config: { title: 'News' } } });
    await expectGated(user, 'changelog_widget', put);
    await expectStatus(await t.call('GET', `/api/public/widget/${widget.id}`), 404);
    await grantFeatures(t, user.workspaceId, ['changelog_widget']);
    await expectStatus(await put(), 200);
    await expectStatus(await t.call('GET', `/api/public/widget/${widget.id}`), 200);
  });

  it('invitations: team_collaboration', async () => {
    const user = await newUser();
    await revokeFeatures(t, user.workspaceId, ['team_collaboration']);
    const invite = () =>
      t.call('POST', `${base(user)}/invitations`, {
        cookie: user.cookie,
        body: { email: `invitee-${counter}@example.com`, role: 'member' },
      });
    await expectGated(user, 'team_collaboration', invite);
    await grantFeatures(t, user.workspaceId, ['team_collaboration']);
    await expectStatus(await invite(), 201);
  });

  it('API keys and webhook channels: custom_integrations', async () => {
    const user = await newUser();
    await revokeFeatures(t, user.workspaceId, ['custom_integrations']);
    const createKey = () =>
      t.call('POST', `${base(user)}/api-keys`, { cookie: user.cookie, body: { name: 'CI', scope: 'read' } });
    const createChannel = () =>
      t.call('POST', `${base(user)}/channels/webhook`, {
        cookie: user.cookie,
        body: { name: 'Receiver', url: 'http://127.0.0.1:9/hook' },
      });
    await expectGated(user, 'custom_integrations', createKey);
    await expectGated(user, 'custom_integrations', createChannel);
    await grantFeatures(t, user.workspaceId, ['custom_integrations']);
    await expectStatus(await createKey(), 201);
    await expectStatus(await createChannel(), 201);
  });

  it('scheduling a post and an entry publish at a time: scheduled_publishing (publishing now stays allowed)', async () => {
    const user = await newUser();
    const { channel } = await json<{ channel: { id: string } }>(
      await expectStatus(
        await t.call('POST', `${base(user)}/channels/webhook`, {
          cookie: user.cookie,
          body: { name: 'Receiver', url: 'http://127.0.0.1:9/hook' },
        }),
        201,
      ),
    );
    const post = await json<{ id: string }>(
      await expectStatus(
        await t.call('POST', `${base(user)}/posts`, {
          cookie: user.cookie,
          body: { platform: 'x', content: { tweets: ['Scheduled later.'], hashtags: [] } },
        }),
        201,
      ),
    );
    const entry = await insertEntry(t, user.workspaceId, { title: 'Later', status: 'draft' });
    const entryNow = await insertEntry(t, user.workspaceId, { title: 'Now', status: 'draft' });
    const at = new Date(t.deps.clock.now().getTime() + 86_400_000).toISOString();
    await revokeFeatures(t, user.workspaceId, ['scheduled_publishing']);
    const schedulePost = () =>
      t.call('POST', `${base(user)}/posts/${post.id}/schedule`, {
        cookie: user.cookie,
        body: { scheduledAt: at, channelId: channel.id },
      });
    const publishEntry = (id: string, body: Record<string, unknown>) =>
      t.call('POST', `${base(user)}/changelog/entries/${id}/publish`, { cookie: user.cookie, body });
    await expectGated(user, 'scheduled_publishing', schedulePost);
    await expectGated(user, 'scheduled_publishing', () => publishEntry(entry.id, { at }));
    await expectStatus(await publishEntry(entryNow.id, {}), 200);
    await grantFeatures(t, user.workspaceId, ['scheduled_publishing']);
    await expectStatus(await schedulePost(), 200);
    await expectStatus(await publishEntry(entry.id, { at }), 200);
  });

  it('performance routes: analytics_insights', async () => {
    const user = await newUser();
    await revokeFeatures(t, user.workspaceId, ['analytics_insights']);
    const summary = () =>
      t.call('GET', `${base(user)}/metrics/summary?from=2027-06-10&to=2027-06-12`, { cookie: user.cookie });
    const importCsv = () =>
      t.call('POST', `${base(user)}/metrics/import`, {
        cookie: user.cookie,
        rawBody: 'post_id,recorded_at,views\n',
        headers: { 'content-type': 'text/csv' },
      });
    await expectGated(user, 'analytics_insights', summary);
    await expectGated(user, 'analytics_insights', importCsv);
    await grantFeatures(t, user.workspaceId, ['analytics_insights']);
    await expectStatus(await summary(), 200);
  });

  it('an LLM provider: llm_providers; a downgraded workspace generates with the local engine', async () => {
    const user = await newUser();
    const setProvider = (body: Record<string, unknown>) =>
      t.call('PUT', `${base(user)}/ai-provider`, { cookie: user.cookie, body });
    const openAi = { kind: 'openai', model: 'gpt-test', apiKey: 'sk-test-12345678' };
    await expectGated(user, 'llm_providers', () => setProvider(openAi));
    await expectStatus(await setProvider({ kind: 'local' }), 200);
    await grantFeatures(t, user.workspaceId, ['llm_providers']);
    await expectStatus(await setProvider(openAi), 200);
    expect(await describeEngine(t.deps, user.workspaceId)).toEqual({ kind: 'openai', model: 'gpt-test' });

    // Downgraded: the settings stay, generation uses the local engine instead of failing.
    await revokeFeatures(t, user.workspaceId, ['llm_providers']);
    expect((await describeEngine(t.deps, user.workspaceId)).kind).toBe('local');
    expect((await resolveEngine(t.deps, user.workspaceId)).kind).toBe('local');
    const made = await expectStatus(
      await t.call('POST', `${base(user)}/generations`, {
        cookie: user.cookie,
        body: { text: 'A short note about a release.', platforms: ['x'], tone: 'educational' },
      }),
      201,
    );
    expect((await json<{ engine: string }>(made)).engine).toBe('local');
  });

  it('the brand profile reaches the engines only with brand_voice_learning; editing it stays allowed', async () => {
    const user = await newUser();
    await expectStatus(
      await t.call('PUT', `${base(user)}/brand`, {
        cookie: user.cookie,
        body: { brandName: 'Acme Rockets' },
      }),
      200,
    );
    expect(await loadBrandVoice(t.deps, user.workspaceId)).toBeNull();
    await grantFeatures(t, user.workspaceId, ['brand_voice_learning']);
    expect(await loadBrandVoice(t.deps, user.workspaceId)).toMatchObject({ brandName: 'Acme Rockets' });
  });

  it('the public changelog shows "Powered by Herald" unless white_label', async () => {
    const user = await newUser();
    const { slug } = await json<{ slug: string }>(await t.call('GET', base(user), { cookie: user.cookie }));
    await insertEntry(t, user.workspaceId, { title: 'First release' });
    const page = async () => (await t.call('GET', `/changelog/${slug}`)).text();
    expect(await page()).toContain('Powered by <a href="http://herald.test">Herald</a>');
    await grantFeatures(t, user.workspaceId, ['white_label']);
    invalidatePublicChangelog(t.deps, user.workspaceId);
    const branded = await page();
    expect(branded).toContain('First release');
    expect(branded).not.toContain('Powered by');
  });
});
