// One platform's output from an LLM, never broken: each answer is shaped by zod, checked against the
// platform's rules, repaired (split, trimmed) when it breaks them, and otherwise asked for again
// with what was wrong, at most `maxAttempts` times. Then the platform is given up, with a reason.

import type { LanguageModel } from 'ai';
import type { z } from 'zod';
import {
  checkOutput,
  type PlatformLimits,
  type RuleViolation,
  repairOutput,
} from '../../../../../shared/studio/platform-rules.ts';
import type {
  Analysis,
  BrandVoice,
  Language,
  Platform,
  PlatformOutputs,
  Tone,
} from '../../../../../shared/studio/studio-types.ts';
import { llmOutputSchemas, toPlatformOutput } from './llm-schemas.ts';
import { platformPrompt, systemPrompt } from './prompts.ts';
import { type CallOutcome, callForObject, type TokenUsage } from './structured-call.ts';

export interface WriterContext {
  model: LanguageModel;
  maxAttempts: number;
  timeoutMs: number;
  signal?: AbortSignal;
  /** Added to across every attempt, failed ones included. */
  usage: TokenUsage;
}

export interface PlatformJob {
  platform: Platform;
  text: string;
  language: Language;
  tone: Tone;
  brand: BrandVoice | null;
  limits: PlatformLimits;
  analysis: Analysis;
}

export type WriteResult<P extends Platform> =
  | { ok: true; output: PlatformOutputs[P]; attempts: number }
  | { ok: false; reason: string; attempts: number };

export function describeViolations(violations: RuleViolation[]): string {
  return violations
    .slice(0, 8)
    .map((violation) => {
      const where = violation.path.length > 0 ? `${violation.path.join('.')}: ` : '';
      return `${where}${violation.message}`;
    })
    .join('; ');
}

type Accepted<P extends Platform> =
  | { ok: true; output: PlatformOutputs[P] }
  | { ok: false; feedback: string };

/** A valid output, the repaired one when the answer broke a rule, or the reason to try again. */
function acceptAnswer<P extends Platform>(
  platform: P,
  value: Record<string, unknown>,
  limits: PlatformLimits,
): Accepted<P> {
  const shaped = toPlatformOutput(platform, value);
  if (!shaped.ok)
    return { ok: false, feedback: `the answer did not match the schema (${shaped.issues.join('; ')})` };
  const violations = checkOutput(platform, shaped.output, limits);
  if (violations.length === 0) return { ok: true, output: shaped.output };
  const repaired = repairOutput(platform, shaped.output, limits);
  if (repaired && checkOutput(platform, repaired, limits).length === 0) return { ok: true, output: repaired };
  return { ok: false, feedback: `it broke the platform's rules (${describeViolations(violations)})` };
}

export async function writePlatform<P extends Platform>(
  context: WriterContext,
  job: PlatformJob & { platform: P },
): Promise<WriteResult<P>> {
  // Each platform's schema is a different object type; the writer treats them as one record shape.
  const schema = llmOutputSchemas[job.platform] as unknown as z.ZodType<Record<string, unknown>>;
  let feedback: string | null = null;
  let attempts = 0;
  while (attempts < context.maxAttempts) {
    context.signal?.throwIfAborted();
    attempts += 1;
    const outcome: CallOutcome<Record<string, unknown>> = await callForObject({
      model: context.model,
      schema,
      name: `${job.platform}_output`,
      system: systemPrompt(job.language),
      prompt: platformPrompt({ ...job, feedback }),
      timeoutMs: context.timeoutMs,
      signal: context.signal,
    });
    context.usage.input += outcome.usage.input;
    context.usage.output += outcome.usage.output;
    if (!outcome.ok) {
      feedback = outcome.detail;
      // A refused key fails every later attempt the same way: stop spending calls on it.
      if (outcome.kind === 'auth') break;
      continue;
    }
    const accepted: Accepted<P> = acceptAnswer(job.platform, outcome.value, job.limits);
    if (accepted.ok) return { ok: true, output: accepted.output, attempts };
    feedback = accepted.feedback;
  }
  const plural = attempts === 1 ? 'attempt' : 'attempts';
  return {
    ok: false,
    reason: `No valid output after ${attempts} ${plural}: ${feedback ?? 'no answer'}`,
    attempts,
  };
}
