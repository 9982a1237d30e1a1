// The built-in local engine: no network, no key, deterministic (no randomness, no clock, no
// locale-dependent ordering), so the same request always gives the same result. Extractive analysis
// (analysis.ts), then one rule-based writer per platform (writers/). Every output passes
// checkOutput before it is returned: a writer's output that breaks a rule is repaired
// (repairOutput), else written again with less in it, down to a minimal post; a platform that still
// fails goes into `failures` with the rule it broke.
import {
  checkOutput,
  type PlatformLimits,
  type RuleViolation,
  repairOutput,
} from '../../../../../shared/studio/platform-rules.ts';
import {
  type BrandVoice,
  type Platform,
  type PlatformOutputs,
  platformLabels,
} from '../../../../../shared/studio/studio-types.ts';
import type { EngineRequest, EngineResult, GenerationEngine } from '../engine.ts';
import { analyzeSource } from './analysis.ts';
import { rewriteEntryLocally } from './entry-rewrite.ts';
import { normalizeSource } from './markdown-text.ts';
import { buildPlan, type Level, type Plan } from './plan.ts';
import { writers } from './writers/index.ts';

export { analyzeText } from './analysis.ts';
export { detectLanguage } from './language.ts';

export const localModel = 'local-1';
const levels: Level[] = [0, 1, 2, 3];

/** Brand fields as one clean line each (they are user input too, and end up in posts). */
function cleanBrand(brand: BrandVoice | null): BrandVoice | null {
  if (!brand) return null;
  const clean = (value: string | null) => {
    // Key messages and selling points are lists, one per line: keep their line breaks.
    const text = value
      ? normalizeSource(value)
          .replace(/[^\S\n]+/gu, ' ')
          .trim()
      : '';
    return text === '' ? null : text;
  };
  return {
    brandName: clean(brand.brandName),
    specialties: clean(brand.specialties),
    ambiance: clean(brand.ambiance),
    targetAudience: clean(brand.targetAudience),
    uniqueSellingPoints: clean(brand.uniqueSellingPoints),
    personality: clean(brand.personality),
    tone: clean(brand.tone),
    keyMessages: clean(brand.keyMessages),
  };
}

type Written<P extends Platform> = { ok: true; output: PlatformOutputs[P] } | { ok: false; reason: string };

/** Writes one platform's output, checked; shrinks level by level until it is within the rules. */
export function writePlatform<P extends Platform>(
  platform: P,
  plan: Plan,
  limits: PlatformLimits,
): Written<P> {
  let violations: RuleViolation[] = [];
  for (const level of levels) {
    const output = writers[platform](plan, level, limits);
    violations = checkOutput(platform, output, limits);
    if (violations.length === 0) return { ok: true, output };
    const repaired = repairOutput(platform, output, limits);
    if (repaired && checkOutput(platform, repaired, limits).length === 0)
      return { ok: true, output: repaired };
  }
  const broken = violations.map((violation) => violation.message).join('; ');
  return {
    ok: false,
    reason: `The ${platformLabels[platform]} post could not be kept within its rules: ${broken}`,
  };
}

export function generateLocally(request: EngineRequest): EngineResult {
  request.signal?.throwIfAborted();
  const brand = cleanBrand(request.brand);
  const source = analyzeSource(request.text, request.language, brand);
  const plan = buildPlan(source, request.tone, brand);
  const outputs: Partial<PlatformOutputs> = {};
  const failures: Partial<Record<Platform, string>> = {};
  for (const platform of request.platforms) {
    request.signal?.throwIfAborted();
    const written = writePlatform(platform, plan, request.limits);
    if (written.ok) (outputs as Record<Platform, unknown>)[platform] = written.output;
    else failures[platform] = written.reason;
  }
  return {
    analysis: source.analysis,
    outputs,
    failures,
    model: localModel,
    tokens: { input: 0, output: 0 },
    costUsdMicros: 0,
  };
}

export function createLocalEngine(): GenerationEngine {
  return {
    kind: 'local',
    model: localModel,
    generate: async (request) => generateLocally(request),
    rewriteEntry: async (request) => ({
      ...rewriteEntryLocally(request),
      model: localModel,
      tokens: { input: 0, output: 0 },
      costUsdMicros: 0,
    }),
  };
}
