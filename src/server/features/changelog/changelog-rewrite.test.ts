import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ChangelogUser,
  changelogUser,
  entriesPath,
  pullRequestEntry,
  readEntry,
  writeEntry,
} from '../../../../test/entry-fixtures.ts';
import { type FakeLlm, startFakeLlm } from '../../../../test/fakes/fake-llm.ts';
import { grantFeatures } from '../../../../test/feature-grants.ts';
import { createTestApp, json, type TestApp } from '../../../../test/harness.ts';
import { createManualClock } from '../../platform/clock.ts';
import { applyCreditChange, getCreditBalance } from '../credits/credits.service.ts';
import { creditLedger } from '../credits/credits.table.ts';
import { usageEvents } from '../usage/usage.table.ts';
import type { EntryView } from './changelog.schemas.ts';

// AI rewrite through the workspace's Studio engine: the local engine (default) and an LLM provider
// (the fake OpenAI-compatible server), metered as `ai_rewrite`.
const clock = createManualClock(new Date('2031-05-10T10:00:00.000Z'));
let t: TestApp;
let fake: FakeLlm;
beforeAll(async () => {
  fake = await startFakeLlm();
  t = await createTestApp({
    clock,
    workers: false,
    env: { LLM_PRICE_TABLE: JSON.stringify({ 'fake-model': { input: 1, output: 2 } }) },
  });
});
afterAll(async () => {
  await t.close();
  await fake.close();
});

type Rewritten = { entry: EntryView; previous: { title: string; body: string } };

const prBody = `<!-- Please describe your change -->
## Summary
the settings page has a dark theme now, following the system preference.

## Checklist
- [x] Tests added

Closes #12`;

const rewrite = (user: ChangelogUser, entryId: string) =>
  t.call('POST', entriesPath(user, `/${entryId}/rewrite`), { cookie: user.cookie });

/** Reads the billing overview once, which gives the period's credit grant (10 on the free plan). */
async function withCredits(user: ChangelogUser) {
  expect(
    (await t.call('GET', `/api/v1/workspaces/${user.workspaceId}/billing`, { cookie: user.cookie })).status,
  ).toBe(200);
  return getCreditBalance(t.deps.db, user.workspaceId);
}

async function meteredRows(workspaceId: string) {
  const [ledger] = await t.deps.db
    .select({ n: count() })
    .from(creditLedger)
    .where(eq(creditLedger.workspaceId, workspaceId));
  const [usage] = await t.deps.db
    .select({ n: count() })
    .from(usageEvents)
    .where(eq(usageEvents.workspaceId, workspaceId));
  return { ledger: ledger?.n, usage: usage?.n };
}

async function rewriteCharges(workspaceId: string) {
  return t.deps.db
    .select()
    .from(creditLedger)
    .where(and(eq(creditLedger.workspaceId, workspaceId), eq(creditLedger.operationType, 'ai_rewrite')));
}

describe('AI rewrite with the local engine', () => {
  it('rewrites a pull request entry for readers, answers the previous text, and charges one credit', async () => {
    const user = await changelogUser(t, 'rw');
    expect(await withCredits(user)).toBe(10);
    const row = await pullRequestEntry(t, user.workspaceId, {
      number: 42,
      title: 'feat(settings): add dark mode (#42)',
      body: prBody,
      category: 'New',
    });
    const response = await rewrite(user, row.id);
    expect(response.status, await response.clone().text()).toBe(200);
    const { entry, previous } = await json<Rewritten>(response);
    expect(previous).toEqual({ title: row.title, body: row.body });
    expect(entry).toMatchObject({
      title: 'Added dark mode',
      body: 'The settings page has a dark theme now, following the system preference.',
      slug: 'added-dark-mode-42',
      aiRewrittenAt: clock.now().toISOString(),
      editedByUser: true,
      version: 2,
    });
    expect(await getCreditBalance(t.deps.db, user.workspaceId)).toBe(9);
    const charges = await rewriteCharges(user.workspaceId);
    expect(charges).toMatchObject([{ amount: -1, idempotencyKey: `ai_rewrite:${row.id}:v1` }]);
    const [usage] = await t.deps.db
      .select()
      .from(usageEvents)
      .where(and(eq(usageEvents.workspaceId, user.workspaceId), eq(usageEvents.unit, 'ai_rewrites')));
    expect(usage).toMatchObject({ quantity: 1, operationType: 'ai_rewrite' });
  });

  it('two rewrites of the same version at once: one is saved and charged, the other is a 409 for free', async () => {
    const user = await changelogUser(t, 'rw-race');
    await withCredits(user);
    const entry = await writeEntry(t, user, { title: 'fix: handle empty files', category: 'Fixed' });
    const responses = await Promise.all([rewrite(user, entry.id), rewrite(user, entry.id)]);
    expect(responses.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(await getCreditBalance(t.deps.db, user.workspaceId)).toBe(9);
    expect(await rewriteCharges(user.workspaceId)).toHaveLength(1);
    expect(await readEntry(t, user, entry.id)).toMatchObject({ title: 'Handled empty files', version: 2 });
  });

  it('out of credits: 402 before any work, the entry and the meters unchanged', async () => {
    const user = await changelogUser(t, 'rw-broke');
    await withCredits(user);
    await applyCreditChange(t.deps.db, {
      workspaceId: user.workspaceId,
      amount: -10,
      operationType: 'staff_adjustment',
      reason: 'adjustment',
      idempotencyKey: 'spend-all',
      actor: { type: 'system', id: null },
    });
    const entry = await writeEntry(t, user, { title: 'feat: add webhooks', category: 'New' });
    const before = await meteredRows(user.workspaceId);
    const response = await rewrite(user, entry.id);
    expect(response.status).toBe(402);
    expect(await json(response)).toMatchObject({
      error: { code: 'insufficient_credits', details: { required: 1, balance: 0 } },
    });
    expect(await readEntry(t, user, entry.id)).toEqual(entry);
    expect(await meteredRows(user.workspaceId)).toEqual(before);
  });

  it('over the monthly rewrite quota: 429 before any work', async () => {
    const user = await changelogUser(t, 'rw-quota');
    await withCredits(user);
    const entry = await writeEntry(t, user, { title: 'feat: add exports', category: 'New' });
    // The free plan allows five rewrites a month; each rewrite is a new version of the entry.
    for (let i = 0; i < 5; i++) expect((await rewrite(user, entry.id)).status).toBe(200);
    const current = await readEntry(t, user, entry.id);
    const before = await meteredRows(user.workspaceId);
    const response = await rewrite(user, entry.id);
    expect(response.status).toBe(429);
    expect(await json(response)).toMatchObject({
      error: { code: 'quota_exceeded', details: { unit: 'ai_rewrites', used: 5, limit: 5 } },
    });
    expect(await readEntry(t, user, entry.id)).toEqual(current);
    expect(await meteredRows(user.workspaceId)).toEqual(before);
  });
});

async function connectFakeLlm(user: ChangelogUser) {
  await grantFeatures(t, user.workspaceId, ['llm_providers']);
  const response = await t.call('PUT', `/api/v1/workspaces/${user.workspaceId}/ai-provider`, {
    cookie: user.cookie,
    body: { kind: 'openai-compatible', model: 'fake-model', baseUrl: fake.baseUrl },
  });
  expect(response.status).toBe(200);
}

describe('AI rewrite with an LLM provider', () => {
  it('asks the model once with the entry as material, saves its answer and records the tokens', async () => {
    const user = await changelogUser(t, 'rw-llm');
    await withCredits(user);
    await connectFakeLlm(user);
    const row = await pullRequestEntry(t, user.workspaceId, {
      number: 5,
      title: 'feat: dark mode',
      body: prBody,
    });
    fake.requests.length = 0;
    const response = await rewrite(user, row.id);
    expect(response.status, await response.clone().text()).toBe(200);
    expect((await json<Rewritten>(response)).entry).toMatchObject({
      title: 'Added dark mode',
      body: 'The app now follows your system theme, so late-night sessions are easier on the eyes.',
    });
    const calls = fake.requestsFor('rewrite');
    expect(calls).toHaveLength(1);
    expect(calls[0]?.prompt).toContain('feat: dark mode');
    expect(calls[0]?.prompt).toContain('- #5 feat: dark mode');
    const [usage] = await t.deps.db
      .select()
      .from(usageEvents)
      .where(and(eq(usageEvents.workspaceId, user.workspaceId), eq(usageEvents.unit, 'ai_rewrites')));
    expect(usage).toMatchObject({ tokensInput: 100, tokensOutput: 50, costUsdMicros: 200 });
    expect(await getCreditBalance(t.deps.db, user.workspaceId)).toBe(9);
  });

  it('asks again after an answer that breaks the schema, and fails with 503 charging nothing when none fits', async () => {
    const user = await changelogUser(t, 'rw-llm-bad');
    await withCredits(user);
    await connectFakeLlm(user);
    const entry = await writeEntry(t, user, { title: 'feat: add search', category: 'New' });
    fake.enqueue('rewrite', { type: 'object', value: { title: '', body: 'No title.' } });
    const fixed = await rewrite(user, entry.id);
    expect(fixed.status).toBe(200);
    expect(fake.requestsFor('rewrite').at(-1)?.prompt).toContain('Your previous answer was refused');

    const current = await readEntry(t, user, entry.id);
    const before = await meteredRows(user.workspaceId);
    fake.enqueue(
      'rewrite',
      { type: 'text', text: 'not json at all' },
      { type: 'object', value: { headline: 'wrong shape' } },
      { type: 'http', status: 500 },
    );
    const failed = await rewrite(user, entry.id);
    expect(failed.status).toBe(503);
    expect(await json(failed)).toMatchObject({ error: { code: 'service_unavailable' } });
    expect(await readEntry(t, user, entry.id)).toEqual(current);
    expect(await meteredRows(user.workspaceId)).toEqual(before);
  });
});
