import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, json, signUp, type TestApp } from '../../../../test/harness.ts';
import { studioArticle as article, studioKit } from '../../../../test/studio-fixtures.ts';
import { checkOutput } from '../../../shared/studio/platform-rules.ts';
import { platforms } from '../../../shared/studio/studio-types.ts';
import { createManualClock } from '../../platform/clock.ts';
import { applyCreditChange, getCreditBalance } from '../credits/credits.service.ts';
import { creditLedger } from '../credits/credits.table.ts';
import type { GenerationView } from './generations.schemas.ts';

// Generations on the local engine (inline, no worker): outputs, the cache, and metering before any
// work. The API around them: generations-api.test.ts; jobs and LLM engines: generations-jobs.test.ts.
const clock = createManualClock(new Date('2032-03-10T10:00:00.000Z'));
let t: TestApp;
let kit: ReturnType<typeof studioKit>;
beforeAll(async () => {
  t = await createTestApp({ clock, workers: false });
  kit = studioKit(t, clock, signUp);
});
afterAll(() => t.close());

describe('generations with the local engine', () => {
  it('a generation for all seven platforms completes at once with an analysis, valid outputs and viral scores, charging each platform', async () => {
    const owner = await signUp(t, 'gen-all@example.com');
    const response = await kit.generate(owner, { text: article, platforms, tone: 'educational' });
    expect(response.status).toBe(201);
    const generation = await json<GenerationView>(response);
    expect(generation).toMatchObject({
      status: 'completed',
      engine: 'local',
      language: 'en',
      cached: false,
      creditsCharged: 7,
      failures: {},
      error: null,
    });
    expect(generation.analysis?.coreMessage.length).toBeGreaterThan(0);
    expect(generation.durationMs).toBeGreaterThanOrEqual(0);
    for (const platform of platforms) {
      expect(checkOutput(platform, generation.outputs[platform])).toEqual([]);
      const score = generation.viralScores[platform];
      expect(score?.score).toBeGreaterThanOrEqual(1);
      expect(score?.score).toBeLessThanOrEqual(10);
      expect(score?.reasons.length).toBeGreaterThan(0);
    }
    expect(await getCreditBalance(t.deps.db, owner.workspaceId)).toBe(3);
    const charges = await t.deps.db
      .select()
      .from(creditLedger)
      .where(and(eq(creditLedger.workspaceId, owner.workspaceId), eq(creditLedger.reason, 'generation')));
    expect(charges.map((c) => c.operationType).sort()).toEqual(
      platforms.map((p) => `generation.${p}`).sort(),
    );
  });

  it('an identical request twice charges once and the second answers the first result as cached', async () => {
    const owner = await signUp(t, 'gen-cache@example.com');
    const body = { text: article, platforms: ['x', 'linkedin'], tone: 'opinionated' };
    const first = await kit.generate(owner, body);
    expect(first.status).toBe(201);
    const before = await kit.rowCounts(owner.workspaceId);
    // The same request: platforms in another order, Windows line endings and trailing spaces.
    const again = await kit.generate(owner, {
      ...body,
      text: `${article.replace(/\n/g, '  \r\n')}\n\n\n`,
      platforms: ['linkedin', 'x'],
    });
    expect(again.status).toBe(200);
    const cached = await json<GenerationView>(again);
    expect(cached).toMatchObject({ id: (await json<GenerationView>(first)).id, cached: true });
    expect(await kit.rowCounts(owner.workspaceId)).toEqual(before);
    expect(await getCreditBalance(t.deps.db, owner.workspaceId)).toBe(8);

    const otherTone = await kit.generate(owner, { ...body, tone: 'educational' });
    expect(otherTone.status).toBe(201);
    expect(await getCreditBalance(t.deps.db, owner.workspaceId)).toBe(6);
  });

  it('out of credits answers 402 before any work and writes nothing', async () => {
    const owner = await signUp(t, 'gen-broke@example.com');
    await kit.touchBilling(owner);
    await applyCreditChange(t.deps.db, {
      workspaceId: owner.workspaceId,
      amount: -9,
      operationType: 'staff_adjustment',
      reason: 'adjustment',
      idempotencyKey: 'spend-most',
      actor: { type: 'system', id: null },
    });
    const before = await kit.rowCounts(owner.workspaceId);
    const response = await kit.generate(owner, {
      text: article,
      platforms: ['x', 'threads'],
      tone: 'educational',
    });
    expect(response.status).toBe(402);
    expect(await json(response)).toMatchObject({
      error: { code: 'insufficient_credits', details: { required: 2, balance: 1 } },
    });
    expect(await kit.rowCounts(owner.workspaceId)).toEqual(before);
  });

  it('a quota that would be exceeded answers 429 before any work and writes nothing', async () => {
    const owner = await signUp(t, 'gen-quota@example.com');
    expect((await kit.generate(owner, { text: article, platforms, tone: 'authority' })).status).toBe(201);
    const before = await kit.rowCounts(owner.workspaceId);
    // 7 of the free plan's 10 generations are used: four more platforms do not fit.
    const response = await kit.generate(owner, {
      text: `${article}\n\nA second article.`,
      platforms: ['x', 'threads', 'linkedin', 'email'],
      tone: 'authority',
    });
    expect(response.status).toBe(429);
    expect(await json(response)).toMatchObject({
      error: { code: 'quota_exceeded', details: { used: 7, limit: 10 } },
    });
    expect(await kit.rowCounts(owner.workspaceId)).toEqual(before);
  });

  it('empty text after normalization, duplicate platforms and unknown tones are refused with 422 and nothing written', async () => {
    const owner = await signUp(t, 'gen-bad@example.com');
    await kit.touchBilling(owner);
    const before = await kit.rowCounts(owner.workspaceId);
    for (const body of [
      { text: ' \n\t \r\n ', platforms: ['x'], tone: 'educational' },
      { text: article, platforms: ['x', 'x'], tone: 'educational' },
      { text: article, platforms: [], tone: 'educational' },
      { text: article, platforms: ['myspace'], tone: 'educational' },
      { text: article, platforms: ['x'], tone: 'sarcastic' },
      { text: 'a'.repeat(100_001), platforms: ['x'], tone: 'educational' },
    ]) {
      const response = await kit.generate(owner, body);
      expect(response.status, JSON.stringify(body).slice(0, 80)).toBe(422);
    }
    expect(await kit.rowCounts(owner.workspaceId)).toEqual(before);
  });

  it('French text is detected as French, and a given language wins', async () => {
    const owner = await signUp(t, 'gen-fr@example.com');
    const french =
      "Les petites équipes devraient publier un journal des modifications. Il explique aux clients ce qui a changé et pourquoi c'est important pour eux. Les équipes qui en publient un chaque semaine reçoivent moins de questions.";
    const detected = await json<GenerationView>(
      await kit.generate(owner, { text: french, platforms: ['x'], tone: 'educational' }),
    );
    expect(detected).toMatchObject({ language: 'fr', status: 'completed' });
    const given = await json<GenerationView>(
      await kit.generate(owner, { text: french, platforms: ['x'], tone: 'educational', language: 'en' }),
    );
    expect(given.language).toBe('en');
  });
});
