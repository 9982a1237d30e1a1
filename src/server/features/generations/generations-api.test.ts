import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, json, signUp, type TestApp } from '../../../../test/harness.ts';
import { studioArticle as article, studioKit } from '../../../../test/studio-fixtures.ts';
import { type Platform, platforms } from '../../../shared/studio/studio-types.ts';
import { createManualClock } from '../../platform/clock.ts';
import type { GenerationView } from './generations.schemas.ts';

// The generations API around the engine: who may generate, the API-key alias, drafts, the list,
// the event stream and the studio rules.
const clock = createManualClock(new Date('2032-03-10T10:00:00.000Z'));
let t: TestApp;
let kit: ReturnType<typeof studioKit>;
beforeAll(async () => {
  t = await createTestApp({ clock, workers: false });
  kit = studioKit(t, clock, signUp);
});
afterAll(() => t.close());

describe('who may generate', () => {
  it('a viewer cannot generate and a read-only API key cannot either, while both can read', async () => {
    const owner = await signUp(t, 'gen-owner@example.com');
    const made = await json<GenerationView>(
      await kit.generate(owner, { text: article, platforms: ['x'], tone: 'educational' }),
    );
    const viewer = await kit.joinAs(owner, 'gen-viewer@example.com', 'viewer');
    const before = await kit.rowCounts(owner.workspaceId);
    expect(
      (await kit.generate(viewer, { text: article, platforms: ['threads'], tone: 'educational' })).status,
    ).toBe(403);
    const key = await json<{ secret: string }>(
      await t.call('POST', `/api/v1/workspaces/${owner.workspaceId}/api-keys`, {
        cookie: owner.cookie,
        body: { name: 'reader', scope: 'read' },
      }),
    );
    const byKey = await t.call('POST', '/api/v1/generations', {
      apiKey: key.secret,
      body: { text: article, platforms: ['threads'], tone: 'educational' },
    });
    expect(byKey.status).toBe(403);
    expect(await kit.rowCounts(owner.workspaceId)).toEqual(before);
    const path = `/api/v1/workspaces/${owner.workspaceId}/generations/${made.id}`;
    expect((await t.call('GET', path, { cookie: viewer.cookie })).status).toBe(200);
    expect((await t.call('GET', `/api/v1/generations/${made.id}`, { apiKey: key.secret })).status).toBe(200);
  });

  it('a read-write API key generates through /api/v1/generations in its own workspace', async () => {
    const owner = await signUp(t, 'gen-key@example.com');
    const key = await json<{ secret: string }>(
      await t.call('POST', `/api/v1/workspaces/${owner.workspaceId}/api-keys`, {
        cookie: owner.cookie,
        body: { name: 'writer', scope: 'read_write' },
      }),
    );
    const response = await t.call('POST', '/api/v1/generations', {
      apiKey: key.secret,
      body: { text: article, platforms: ['facebook', 'email'], tone: 'conversational' },
    });
    expect(response.status).toBe(201);
    const generation = await json<GenerationView>(response);
    expect(generation).toMatchObject({
      workspaceId: owner.workspaceId,
      status: 'completed',
      creditsCharged: 2,
    });
    const list = await json<{ items: GenerationView[] }>(
      await t.call('GET', '/api/v1/generations', { apiKey: key.secret }),
    );
    expect(list.items.map((g) => g.id)).toEqual([generation.id]);
    // A session must say which workspace on the alias.
    expect((await t.call('GET', '/api/v1/generations', { cookie: owner.cookie })).status).toBe(422);
  });
});

describe('drafts', () => {
  it('a valid edit is saved as the draft, and a tweet over 280 weighted characters is refused with its violations and nothing saved', async () => {
    const owner = await signUp(t, 'drafts@example.com');
    const made = await json<GenerationView>(
      await kit.generate(owner, { text: article, platforms: ['x', 'linkedin'], tone: 'conversational' }),
    );
    const base = `/api/v1/workspaces/${owner.workspaceId}/generations/${made.id}/drafts`;
    const edit = {
      tweets: ['1/2 Publish a changelog every week.', '2/2 Your support queue will thank you.'],
      hashtags: ['#changelog'],
    };
    const saved = await t.call('PUT', `${base}/x`, { cookie: owner.cookie, body: edit });
    expect(saved.status).toBe(200);
    expect((await json<GenerationView>(saved)).drafts.x).toEqual(edit);

    // 150 emoji weigh 300: over X's limit although the string is only 300 UTF-16 units… and 150 code points.
    const tooLong = { tweets: ['😀'.repeat(150)], hashtags: [] };
    const refused = await t.call('PUT', `${base}/x`, { cookie: owner.cookie, body: tooLong });
    expect(refused.status).toBe(422);
    const error = (
      await json<{
        error: { code: string; details: { violations: Array<{ path: unknown[]; code: string }> } };
      }>(refused)
    ).error;
    expect(error.code).toBe('rule_violation');
    expect(error.details.violations).toContainEqual(
      expect.objectContaining({ path: ['tweets', 0], code: 'too_long' }),
    );
    const after = await json<GenerationView>(
      await t.call('GET', `/api/v1/workspaces/${owner.workspaceId}/generations/${made.id}`, {
        cookie: owner.cookie,
      }),
    );
    expect(after.drafts).toEqual({ x: edit });

    const wrongShape = await t.call('PUT', `${base}/linkedin`, { cookie: owner.cookie, body: edit });
    expect(wrongShape.status).toBe(422);
    const notRequested = await t.call('PUT', `${base}/email`, { cookie: owner.cookie, body: edit });
    expect(notRequested.status).toBe(422);
    // Only the seven output shapes are taken: extra keys, and deep nesting with them, are refused up front.
    const nested = `{"tweets":["a"],"hashtags":[],"extra":${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}}`;
    const deep = await t.call('PUT', `${base}/x`, {
      cookie: owner.cookie,
      rawBody: nested,
      headers: { 'content-type': 'application/json' },
    });
    expect(deep.status).toBe(422);
    expect(await json(deep)).toMatchObject({ error: { code: 'validation_failed' } });
  });

  it('a viewer cannot save a draft', async () => {
    const owner = await signUp(t, 'drafts-owner@example.com');
    const made = await json<GenerationView>(
      await kit.generate(owner, { text: article, platforms: ['facebook'], tone: 'educational' }),
    );
    const viewer = await kit.joinAs(owner, 'drafts-viewer@example.com', 'viewer');
    const response = await t.call(
      'PUT',
      `/api/v1/workspaces/${owner.workspaceId}/generations/${made.id}/drafts/facebook`,
      {
        cookie: viewer.cookie,
        body: { text: 'Edited by a viewer', hashtags: [] },
      },
    );
    expect(response.status).toBe(403);
  });
});

describe('listing and events', () => {
  it('the list pages newest first with a cursor and filters by status', async () => {
    const owner = await signUp(t, 'gen-list@example.com');
    const ids: string[] = [];
    for (const [i, platform] of (['x', 'threads', 'facebook'] as Platform[]).entries()) {
      const made = await json<GenerationView>(
        await kit.generate(owner, {
          text: `${article}\n\nPart ${i}.`,
          platforms: [platform],
          tone: 'educational',
        }),
      );
      ids.unshift(made.id);
    }
    const base = `/api/v1/workspaces/${owner.workspaceId}/generations`;
    const first = await json<{ items: GenerationView[]; nextCursor: string | null }>(
      await t.call('GET', `${base}?limit=2`, { cookie: owner.cookie }),
    );
    expect(first.items.map((g) => g.id)).toEqual(ids.slice(0, 2));
    const second = await json<{ items: GenerationView[]; nextCursor: string | null }>(
      await t.call('GET', `${base}?limit=2&cursor=${first.nextCursor}`, { cookie: owner.cookie }),
    );
    expect(second).toMatchObject({ nextCursor: null });
    expect(second.items.map((g) => g.id)).toEqual(ids.slice(2));
    const pending = await json<{ items: GenerationView[] }>(
      await t.call('GET', `${base}?status=pending`, { cookie: owner.cookie }),
    );
    expect(pending.items).toEqual([]);
  });

  it('the events stream of a finished generation sends it once and closes', async () => {
    const owner = await signUp(t, 'gen-sse@example.com');
    const made = await json<GenerationView>(
      await kit.generate(owner, { text: article, platforms: ['x'], tone: 'educational' }),
    );
    const response = await t.call(
      'GET',
      `/api/v1/workspaces/${owner.workspaceId}/generations/${made.id}/events`,
      {
        cookie: owner.cookie,
      },
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const events = parseEvents(await response.text());
    expect(events).toEqual([
      { event: 'generation', data: expect.objectContaining({ id: made.id, status: 'completed' }) },
    ]);
    const missing = await t.call('GET', `/api/v1/workspaces/${owner.workspaceId}/generations/nope/events`, {
      cookie: owner.cookie,
    });
    expect(missing.status).toBe(404);
  });

  it('the studio rules name the limits, the input limit and the workspace engine', async () => {
    const owner = await signUp(t, 'gen-rules@example.com');
    const rules = await json(
      await t.call('GET', `/api/v1/workspaces/${owner.workspaceId}/studio/rules`, { cookie: owner.cookie }),
    );
    expect(rules).toMatchObject({
      maxInputChars: 100_000,
      platforms: [...platforms],
      limits: { x: { maxWeightedLength: 280 }, threads: { maxChars: 500 } },
      engine: { kind: 'local' },
    });
  });
});

/** `event:` / `data:` blocks of a text/event-stream body; comments (heartbeats) are skipped. */
function parseEvents(body: string) {
  return body
    .split('\n\n')
    .map((block) => block.split('\n').filter((line) => line && !line.startsWith(':')))
    .filter((lines) => lines.length > 0)
    .map((lines) => ({
      event: lines.find((l) => l.startsWith('event: '))?.slice(7),
      data: JSON.parse(
        lines
          .filter((l) => l.startsWith('data: '))
          .map((l) => l.slice(6))
          .join('\n'),
      ) as GenerationView,
    }));
}
