import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FakeLlm, startFakeLlm } from '../../../../../../test/fakes/fake-llm.ts';
import { defaultAnswers } from '../../../../../../test/fakes/fake-llm-content.ts';
import { checkOutput, defaultPlatformLimits } from '../../../../../shared/studio/platform-rules.ts';
import { type Analysis, type Platform, platforms } from '../../../../../shared/studio/studio-types.ts';
import type { EngineRequest } from '../engine.ts';
import { createLlmEngine, type LlmEngineOptions } from './llm-engine.ts';
import { buildPriceTable } from './price-table.ts';

let fake: FakeLlm;
beforeAll(async () => {
  fake = await startFakeLlm();
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.requests.length = 0;
  fake.usage = { input: 100, output: 50 };
});

const apiKey = 'sk-test-0123456789abcdef';

function engine(overrides: Partial<LlmEngineOptions> = {}) {
  return createLlmEngine({
    provider: { kind: 'openai-compatible', baseUrl: fake.baseUrl, apiKey },
    model: 'fake-model',
    maxAttempts: 3,
    concurrency: 3,
    timeoutMs: 10_000,
    priceTable: buildPriceTable({ 'fake-model': { input: 2, output: 10 } }),
    ...overrides,
  });
}

function request(overrides: Partial<EngineRequest> = {}): EngineRequest {
  return {
    text: 'Small teams ship faster when they protect focus time. Meetings fragment the day. Write the update instead.',
    language: 'en',
    platforms: ['x', 'linkedin'],
    tone: 'educational',
    brand: null,
    limits: defaultPlatformLimits,
    ...overrides,
  };
}

function expectAllValid(outputs: Record<string, unknown>) {
  for (const [platform, output] of Object.entries(outputs)) {
    expect(checkOutput(platform as Platform, output), platform).toEqual([]);
  }
}

const longTweet = 'Protecting focus time is the cheapest productivity win a small team has. '
  .repeat(12)
  .trim();

describe('LLM engine', () => {
  it('writes the analysis and all seven platforms from valid answers, with tokens and cost summed', async () => {
    const result = await engine().generate(request({ platforms: [...platforms] }));
    expect(result.failures).toEqual({});
    expect(Object.keys(result.outputs).sort()).toEqual([...platforms].sort());
    expectAllValid(result.outputs);
    expect(result.analysis).toMatchObject({ ...defaultAnswers.analysis, language: 'en' });
    expect(result.model).toBe('fake-model');
    // One analysis call and one per platform, 100 input and 50 output tokens each.
    expect(fake.requests).toHaveLength(8);
    expect(result.tokens).toEqual({ input: 800, output: 400 });
    expect(result.costUsdMicros).toBe(800 * 2 + 400 * 10);
    expect(
      fake.requests.every((r) => r.api === 'chat' && r.headers.authorization === `Bearer ${apiKey}`),
    ).toBe(true);
    // Herald builds the email HTML from the text; the model is never asked for it.
    expect(result.outputs.email?.html).toContain('<p>Hello,</p>');
  });

  it('numbers the thread itself and gives the platform its limits, tone and brand in the prompt', async () => {
    const result = await engine().generate(
      request({
        platforms: ['x'],
        tone: 'brand',
        brand: {
          brandName: 'Focusly',
          specialties: null,
          ambiance: null,
          targetAudience: null,
          uniqueSellingPoints: null,
          personality: null,
          tone: 'warm and witty',
          keyMessages: 'Deep work wins',
        },
      }),
    );
    expect(result.outputs.x?.tweets[0]).toMatch(/^1\/2 /);
    const prompt = fake.requestsFor('x')[0]?.prompt ?? '';
    expect(prompt).toContain(`${defaultPlatformLimits.x.maxWeightedLength} weighted characters`);
    expect(prompt).toContain('warm and witty');
    expect(prompt).toContain('Brand name: Focusly');
  });

  it('asks for French when the language is French', async () => {
    await engine().generate(request({ language: 'fr', platforms: ['facebook'] }));
    expect(fake.requests.every((r) => r.prompt.includes('French (français)'))).toBe(true);
  });

  it('repairs a tweet over X’s limit by splitting it, without another call, and the thread passes the rules', async () => {
    fake.enqueue('x', { type: 'object', value: { tweets: [longTweet], hashtags: ['focus'] } });
    const result = await engine().generate(request({ platforms: ['x'] }));
    const thread = result.outputs.x;
    expect(thread?.tweets.length).toBeGreaterThan(1);
    expect(checkOutput('x', thread)).toEqual([]);
    expect(fake.requestsFor('x')).toHaveLength(1);
  });

  it('asks again, naming the broken rule, when an answer cannot be repaired', async () => {
    // U+FFFE and U+FFFF are characters X refuses. Repair strips them, and a thread made of nothing
    // else has no text left to keep, so the only way out is to ask again.
    fake.enqueue('x', {
      type: 'object',
      value: { tweets: ['\uFFFE\uFFFF', '\uFFFF'], hashtags: [] },
    });
    const result = await engine().generate(request({ platforms: ['x'] }));
    expect(checkOutput('x', result.outputs.x)).toEqual([]);
    const calls = fake.requestsFor('x');
    expect(calls).toHaveLength(2);
    expect(calls[1]?.prompt).toContain('characters X rejects');
  });

  it('retries an answer that is not JSON and keeps the valid second answer, counting both calls’ tokens', async () => {
    fake.enqueue('linkedin', {
      type: 'text',
      text: 'Sure! Here is your post: {"hook": ',
      usage: { input: 7, output: 3 },
    });
    const result = await engine().generate(request({ platforms: ['linkedin'] }));
    expect(checkOutput('linkedin', result.outputs.linkedin)).toEqual([]);
    const calls = fake.requestsFor('linkedin');
    expect(calls).toHaveLength(2);
    expect(calls[1]?.prompt).toContain('not one valid JSON object');
    expect(result.tokens).toEqual({ input: 100 + 7 + 100, output: 50 + 3 + 50 });
  });

  it('retries an answer with missing fields, telling the model which', async () => {
    const { talkingPoints: _dropped, ...withoutPoints } = defaultAnswers.tiktok;
    fake.enqueue('tiktok', { type: 'object', value: withoutPoints });
    const result = await engine().generate(request({ platforms: ['tiktok'] }));
    expect(checkOutput('tiktok', result.outputs.tiktok)).toEqual([]);
    const calls = fake.requestsFor('tiktok');
    expect(calls).toHaveLength(2);
    expect(calls[1]?.prompt).toContain('talkingPoints');
  });

  it('gives a platform up after three failed attempts and still delivers the others', async () => {
    fake.enqueue(
      'threads',
      { type: 'http', status: 500 },
      { type: 'text', text: 'nope' },
      { type: 'http', status: 500 },
    );
    const result = await engine().generate(request({ platforms: ['threads', 'x', 'facebook'] }));
    expect(Object.keys(result.outputs).sort()).toEqual(['facebook', 'x']);
    expectAllValid(result.outputs);
    expect(result.failures.threads).toMatch(/after 3 attempts: .*HTTP 500/);
    expect(fake.requestsFor('threads')).toHaveLength(3);
    // The failed attempts that got an answer were billed; the HTTP errors were not.
    expect(result.tokens).toEqual({ input: 100 * 4, output: 50 * 4 });
  });

  it('stops at the first attempt when the provider refuses the key', async () => {
    fake.enqueue('email', { type: 'http', status: 401 });
    const result = await engine().generate(request({ platforms: ['email', 'facebook'] }));
    expect(result.failures.email).toMatch(/refused the API key/);
    expect(fake.requestsFor('email')).toHaveLength(1);
    expect(result.outputs.facebook).toBeDefined();
  });

  it('uses the fallback analysis when the analysis fails every attempt, and fails without one', async () => {
    const fallback: Analysis = {
      coreMessage: 'Local analysis.',
      keyPoints: ['One point.'],
      topic: 'Focus',
      audience: 'Everyone',
      keywords: [],
      entities: [],
      language: 'en',
    };
    fake.enqueue('analysis', ...Array.from({ length: 3 }, () => ({ type: 'http' as const, status: 503 })));
    const result = await engine({ fallbackAnalysis: () => fallback }).generate(
      request({ platforms: ['facebook'] }),
    );
    expect(result.analysis).toEqual(fallback);
    expect(result.outputs.facebook).toBeDefined();
    expect(fake.requestsFor('facebook')[0]?.prompt).toContain('Local analysis.');

    fake.enqueue('analysis', ...Array.from({ length: 3 }, () => ({ type: 'http' as const, status: 503 })));
    await expect(engine().generate(request({ platforms: ['facebook'] }))).rejects.toMatchObject({
      code: 'service_unavailable',
    });
  });

  it('works with the Anthropic provider, sending the key as x-api-key', async () => {
    const anthropic = engine({
      provider: { kind: 'anthropic', baseUrl: fake.baseUrl, apiKey },
      model: 'claude-sonnet-4-5',
      priceTable: buildPriceTable(undefined),
    });
    const result = await anthropic.generate(request({ platforms: ['x', 'email'] }));
    expect(result.failures).toEqual({});
    expectAllValid(result.outputs);
    expect(fake.requests.every((r) => r.api === 'messages' && r.headers['x-api-key'] === apiKey)).toBe(true);
    expect(result.tokens).toEqual({ input: 300, output: 150 });
    // claude-sonnet-4 list price: $3 in, $15 out per million tokens.
    expect(result.costUsdMicros).toBe(300 * 3 + 150 * 15);
  });

  it('works with the OpenAI provider through the Responses API and prices its dated models', async () => {
    const openai = engine({
      provider: { kind: 'openai', baseUrl: fake.baseUrl, apiKey },
      model: 'gpt-4o-mini-2024-07-18',
      priceTable: buildPriceTable(undefined),
    });
    const result = await openai.generate(request({ platforms: ['instagram'] }));
    expectAllValid(result.outputs);
    expect(fake.requests.every((r) => r.api === 'responses')).toBe(true);
    expect(result.costUsdMicros).toBe(Math.round(200 * 0.15 + 100 * 0.6));
  });
});
