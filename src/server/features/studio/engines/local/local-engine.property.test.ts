import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkOutput, defaultPlatformLimits } from '../../../../../shared/studio/platform-rules.ts';
import { analysisSchema, platforms } from '../../../../../shared/studio/studio-types.ts';
import type { EngineResult } from '../engine.ts';
import { brand, codeMark, hugeSource, language, limits, source, tone } from './local-engine.arbitraries.ts';
import { detectLanguage, generateLocally } from './local-engine.ts';

// 300 generated requests in all (290 mixed sources, 10 of about 20,000 words), each written for all
// seven platforms. A fixed seed makes a failure reproducible; fast-check prints the shrunk input.
const seed = 4_2024;

function assertValid(result: EngineResult, limitsUsed = defaultPlatformLimits): void {
  expect(result.failures).toEqual({});
  expect(analysisSchema.safeParse(result.analysis).success).toBe(true);
  for (const platform of platforms) {
    const output = result.outputs[platform];
    expect(output, platform).toBeDefined();
    expect(checkOutput(platform, output, limitsUsed), platform).toEqual([]);
    const text = JSON.stringify(output);
    expect(text.includes(codeMark), `${platform} quotes code`).toBe(false);
    expect(text.includes('```'), `${platform} quotes a fence`).toBe(false);
  }
}

describe('the local engine on generated sources', () => {
  it('writes every platform within its rules, and never quotes code, for any source, tone and brand', () => {
    fc.assert(
      fc.property(source, tone, brand, language, limits, (text, toneUsed, brandUsed, lang, limitsUsed) => {
        const result = generateLocally({
          text,
          language: lang ?? detectLanguage(text),
          platforms: [...platforms],
          tone: toneUsed,
          brand: brandUsed,
          limits: limitsUsed,
        });
        assertValid(result, limitsUsed);
      }),
      { seed, numRuns: 290 },
    );
  });

  it('stays within the rules on 20,000-word sources', () => {
    fc.assert(
      fc.property(hugeSource, tone, brand, (text, toneUsed, brandUsed) => {
        expect(text.match(/\S+/gu)?.length).toBeGreaterThanOrEqual(20_000);
        const result = generateLocally({
          text,
          language: detectLanguage(text),
          platforms: [...platforms],
          tone: toneUsed,
          brand: brandUsed,
          limits: defaultPlatformLimits,
        });
        assertValid(result);
      }),
      { seed, numRuns: 10 },
    );
  });
});
