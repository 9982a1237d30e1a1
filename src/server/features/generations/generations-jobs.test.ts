import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeLlm, startFakeLlm } from '../../../../test/fakes/fake-llm.ts';
import { grantFeatures } from '../../../../test/feature-grants.ts';
import { createTestApp, json, signUp, type TestApp, waitFor } from '../../../../test/harness.ts';
import { generationEventReader, type StudioUser, studioKit } from '../../../../test/studio-fixtures.ts';
import { checkOutput } from '../../../shared/studio/platform-rules.ts';
import type { Platform } from '../../../shared/studio/studio-types.ts';
import { createManualClock } from '../../platform/clock.ts';
import { chargeOperation } from '../billing/metering.service.ts';
import { getCreditBalance } from '../credits/credits.service.ts';
import { usageEvents } from '../usage/usage.table.ts';
import { runGenerationJob } from './generations.jobs.ts';
import { insertGeneration } from './generations.queries.ts';
import type { GenerationView } from './generations.schemas.ts';
import { generateJobName } from './generations.service.ts';

// The paths around the engine: the cache window, refunds after a crash, a retried job, and LLM
// engines (the fake OpenAI-compatible server on loopback) through the real `studio.generate` job.
const clock = createManualClock(new Date('2032-04-10T10:00:00.000Z'));
let t: TestApp;
let fake: FakeLlm;
let kit: ReturnType<typeof studioKit>;
beforeAll(async () => {
  fake = await startFakeLlm();
  t = await createTestApp({
    clock,
    env: { LLM_PRICE_TABLE: JSON.stringify({ 'fake-model': { input: 1, output: 2 } }) },
  });
  kit = studioKit(t, clock, signUp);
});
afterAll(async () => {
  await t.close();
  await fake.close();
});

const article =
  'Focus time is the scarcest resource a small team has. Meetings cut the day into pieces too small for deep work. Two long blocks a day beat six short ones, and written updates replace most status meetings.';

async function useFakeLlm(user: StudioUser) {
  await grantFeatures(t, user.workspaceId, ['llm_providers']);
  const response = await t.call('PUT', `/api/v1/workspaces/${user.workspaceId}/ai-provider`, {
    cookie: user.cookie,
    body: { kind: 'openai-compatible', model: 'fake-model', baseUrl: fake.baseUrl },
  });
  expect(response.status).toBe(200);
}

/** A generation row left pending with no job queued for it: the test decides when a job runs. */
async function pendingGeneration(user: StudioUser, platforms: Platform[]) {
  return insertGeneration(t.deps.db, {
    workspaceId: user.workspaceId,
    createdBy: user.userId,
    input: article,
    inputHash: crypto.randomUUID(),
    language: 'en',
    platforms,
    tone: 'educational',
    engine: 'local',
    model: 'local-1',
    createdAt: clock.now(),
  });
}

describe('the cache window', () => {
  it('an identical request after the window runs and charges again; with the window at 0 it always does', async () => {
    const owner = await signUp(t, 'window@example.com');
    const body = { text: article, platforms: ['x'], tone: 'educational' };
    expect((await kit.generate(owner, body)).status).toBe(201);
    clock.advance(86_000 * 1000);
    expect((await kit.generate(owner, body)).status).toBe(200);
    clock.advance(1000 * 1000);
    expect((await kit.generate(owner, body)).status).toBe(201);
    expect(await getCreditBalance(t.deps.db, owner.workspaceId)).toBe(8);

    const window = t.deps.config.STUDIO_CACHE_WINDOW_SECONDS;
    t.deps.config.STUDIO_CACHE_WINDOW_SECONDS = 0;
    try {
      expect((await kit.generate(owner, body)).status).toBe(201);
    } finally {
      t.deps.config.STUDIO_CACHE_WINDOW_SECONDS = window;
    }
    expect(await getCreditBalance(t.deps.db, owner.workspaceId)).toBe(7);
  });
});

describe('charging after a crash and on a retry', () => {
  it('a crash after one platform was charged refunds it and marks the generation failed', async () => {
    const owner = await signUp(t, 'crash@example.com');
    // The usage log refuses LinkedIn's charge for this workspace, the way a dropped connection would.
    await t.deps.db.execute(
      sql.raw(`create function herald_test_crash() returns trigger language plpgsql as $$
        begin
          if new.workspace_id = '${owner.workspaceId}' and new.idempotency_key like 'generation:%:linkedin' then
            raise exception 'simulated crash';
          end if;
          return new;
        end $$`),
    );
    await t.deps.db.execute(
      sql.raw(
        'create trigger herald_test_crash before insert on usage_events for each row execute function herald_test_crash()',
      ),
    );
    try {
      const response = await kit.generate(owner, {
        text: article,
        platforms: ['x', 'linkedin'],
        tone: 'authority',
      });
      expect(response.status).toBe(201);
      const generation = await json<GenerationView>(response);
      expect(generation).toMatchObject({ status: 'failed', creditsCharged: 0, outputs: {} });
      expect(generation.error).toMatch(/nothing was charged/);
    } finally {
      await t.deps.db.execute(sql.raw('drop trigger herald_test_crash on usage_events'));
      await t.deps.db.execute(sql.raw('drop function herald_test_crash()'));
    }
    const charges = await kit.generationCharges(owner.workspaceId);
    expect(charges.map((c) => [c.operationType, c.reason, c.amount])).toEqual([
      ['generation.x', 'generation', -1],
      ['generation.x', 'refund', 1],
    ]);
    expect(await getCreditBalance(t.deps.db, owner.workspaceId)).toBe(10);
  });

  it('a job retried after it charged one platform charges each platform once', async () => {
    const owner = await signUp(t, 'retry@example.com');
    const row = await pendingGeneration(owner, ['x', 'facebook']);
    // The first attempt charged X, then died before finishing.
    await chargeOperation(t.deps, {
      workspaceId: owner.workspaceId,
      unit: 'generations',
      quantity: 1,
      operationType: 'generation.x',
      idempotencyKey: `generation:${row.id}:x`,
      actor: { type: 'user', id: owner.userId },
    });
    await runGenerationJob(t.deps, { generationId: row.id }, 1);
    const finished = await kit.getOne(owner, row.id);
    expect(finished).toMatchObject({ status: 'completed', creditsCharged: 2 });
    const charges = await kit.generationCharges(owner.workspaceId);
    expect(charges.map((c) => c.operationType).sort()).toEqual(['generation.facebook', 'generation.x']);
    expect(await getCreditBalance(t.deps.db, owner.workspaceId)).toBe(8);

    // Delivered twice (a duplicate job): the second run finds it finished and does nothing.
    await runGenerationJob(t.deps, { generationId: row.id }, 0);
    expect(await kit.getOne(owner, row.id)).toEqual(finished);
    expect(await kit.generationCharges(owner.workspaceId)).toHaveLength(2);
  });
});

describe('generations with an LLM engine', () => {
  it('answers 202 pending, the job completes it with every output valid, and tokens and cost are recorded', async () => {
    const owner = await signUp(t, 'llm@example.com');
    await useFakeLlm(owner);
    const response = await kit.generate(owner, {
      text: article,
      platforms: ['x', 'linkedin'],
      tone: 'opinionated',
    });
    expect(response.status).toBe(202);
    const pending = await json<GenerationView>(response);
    expect(pending).toMatchObject({
      status: 'pending',
      engine: 'openai-compatible',
      model: 'fake-model',
      outputs: {},
      creditsCharged: 0,
    });
    const done = await waitFor(async () => {
      const current = await kit.getOne(owner, pending.id);
      return current.status === 'pending' ? null : current;
    });
    expect(done).toMatchObject({ status: 'completed', creditsCharged: 2, failures: {} });
    expect(checkOutput('x', done.outputs.x)).toEqual([]);
    expect(checkOutput('linkedin', done.outputs.linkedin)).toEqual([]);
    expect(done.tokensInput).toBeGreaterThan(0);
    expect(done.costUsdMicros).toBe(done.tokensInput * 1 + done.tokensOutput * 2);
    // The usage log carries the tokens and cost, split over the delivered platforms.
    const events = await t.deps.db
      .select()
      .from(usageEvents)
      .where(eq(usageEvents.workspaceId, owner.workspaceId));
    expect(events.reduce((sum, e) => sum + (e.tokensInput ?? 0), 0)).toBe(done.tokensInput);
    expect(events.reduce((sum, e) => sum + (e.costUsdMicros ?? 0), 0)).toBe(done.costUsdMicros);
  });

  it('a platform that keeps failing makes the generation partial, charged only for what was delivered', async () => {
    const owner = await signUp(t, 'llm-partial@example.com');
    await useFakeLlm(owner);
    fake.enqueue('threads', ...Array.from({ length: 3 }, () => ({ type: 'http' as const, status: 500 })));
    const pending = await json<GenerationView>(
      await kit.generate(owner, { text: article, platforms: ['facebook', 'threads'], tone: 'educational' }),
    );
    const done = await waitFor(async () => {
      const current = await kit.getOne(owner, pending.id);
      return current.status === 'pending' ? null : current;
    });
    expect(done).toMatchObject({ status: 'partial', creditsCharged: 1, error: null });
    expect(Object.keys(done.outputs)).toEqual(['facebook']);
    expect(done.failures.threads).toMatch(/HTTP 500/);
    expect((await kit.generationCharges(owner.workspaceId)).map((c) => c.operationType)).toEqual([
      'generation.facebook',
    ]);
  });

  it('when every platform fails the generation fails, nothing is charged, and its event stream shows pending then failed', async () => {
    const owner = await signUp(t, 'llm-failed@example.com');
    await useFakeLlm(owner);
    const row = await pendingGeneration(owner, ['x', 'email']);
    const response = await t.call(
      'GET',
      `/api/v1/workspaces/${owner.workspaceId}/generations/${row.id}/events`,
      {
        cookie: owner.cookie,
      },
    );
    expect(response.status).toBe(200);
    const next = generationEventReader(response);
    expect(await next()).toMatchObject({ id: row.id, status: 'pending' });

    for (const platform of ['x', 'email'] as const) {
      fake.enqueue(platform, ...Array.from({ length: 3 }, () => ({ type: 'http' as const, status: 500 })));
    }
    await t.deps.queue.send(generateJobName, { generationId: row.id });
    const terminal = await next();
    expect(terminal).toMatchObject({
      status: 'failed',
      creditsCharged: 0,
      outputs: {},
      engine: 'openai-compatible',
    });
    expect(terminal?.failures).toEqual({ x: expect.any(String), email: expect.any(String) });
    expect(await next()).toBeNull();
    expect(await kit.generationCharges(owner.workspaceId)).toEqual([]);
    const [usage] = await t.deps.db
      .select({ n: sql<number>`count(*)::int` })
      .from(usageEvents)
      .where(and(eq(usageEvents.workspaceId, owner.workspaceId)));
    expect(usage?.n).toBe(0);
  });
});
