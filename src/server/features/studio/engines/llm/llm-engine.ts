// The LLM engine (OpenAI, Anthropic, OpenAI-compatible servers) behind the GenerationEngine
// interface: one call for the analysis, then one call per platform, a few at a time. Every output
// passes checkOutput() before it is returned; a platform that never produced one is in `failures`.
//
// When the analysis fails every attempt, the engine uses `fallbackAnalysis` (the local engine's
// extractive analysis, wired by ai-providers.service) so the platforms can still be written; the
// analysis only feeds their prompts. Without a fallback the whole generation fails.

import { extractJsonMiddleware, type LanguageModel, wrapLanguageModel } from 'ai';
import type { z } from 'zod';
import type { Analysis, Platform, PlatformOutputs } from '../../../../../shared/studio/studio-types.ts';
import { AppError } from '../../../../platform/errors.ts';
import type { EngineRequest, EngineResult, GenerationEngine } from '../engine.ts';
import { rewriteEntryWithLlm } from './entry-rewrite.ts';
import { llmAnalysisSchema, toAnalysis } from './llm-schemas.ts';
import { type WriterContext, writePlatform } from './platform-writer.ts';
import { estimateCostUsdMicros, type PriceTable } from './price-table.ts';
import { analysisPrompt, systemPrompt } from './prompts.ts';
import { createLanguageModel, type LlmKind, type LlmProviderSettings } from './providers.ts';
import { type CallOutcome, callForObject } from './structured-call.ts';

export interface LlmEngineOptions {
  provider: LlmProviderSettings;
  model: string;
  /** Calls per platform (and for the analysis) before giving it up. */
  maxAttempts: number;
  /** Calls in flight at once for one generation. */
  concurrency: number;
  timeoutMs: number;
  priceTable: PriceTable;
  fallbackAnalysis?: (request: EngineRequest) => Analysis | Promise<Analysis>;
}

/** Runs `work` over `items` with at most `limit` running at once; results keep the input order. */
async function mapConcurrently<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next;
      next += 1;
      results[index] = await work(items[index] as T);
    }
  });
  await Promise.all(lanes);
  return results;
}

function buildModel(options: LlmEngineOptions): LanguageModel {
  const model = createLanguageModel(options.provider, options.model);
  // Self-hosted models often wrap JSON in a Markdown fence even when asked not to.
  if (options.provider.kind !== 'openai-compatible' || typeof model === 'string') return model;
  return wrapLanguageModel({ model, middleware: extractJsonMiddleware() });
}

async function analyse(context: WriterContext, request: EngineRequest): Promise<Analysis | string> {
  let feedback: string | null = null;
  for (let attempt = 1; attempt <= context.maxAttempts; attempt += 1) {
    context.signal?.throwIfAborted();
    const outcome: CallOutcome<z.infer<typeof llmAnalysisSchema>> = await callForObject({
      model: context.model,
      schema: llmAnalysisSchema,
      name: 'analysis',
      system: systemPrompt(request.language),
      prompt: analysisPrompt(request.text, feedback),
      timeoutMs: context.timeoutMs,
      signal: context.signal,
    });
    context.usage.input += outcome.usage.input;
    context.usage.output += outcome.usage.output;
    if (outcome.ok) return toAnalysis(outcome.value, request.language);
    feedback = outcome.detail;
    if (outcome.kind === 'auth') break;
  }
  return feedback ?? 'no answer';
}

export function createLlmEngine(options: LlmEngineOptions): GenerationEngine {
  const model = buildModel(options);
  return {
    kind: options.provider.kind satisfies LlmKind,
    model: options.model,
    rewriteEntry: (request) =>
      rewriteEntryWithLlm(
        {
          model,
          modelName: options.model,
          maxAttempts: options.maxAttempts,
          timeoutMs: options.timeoutMs,
          priceTable: options.priceTable,
        },
        request,
      ),
    async generate(request: EngineRequest): Promise<EngineResult> {
      const context: WriterContext = {
        model,
        maxAttempts: options.maxAttempts,
        timeoutMs: options.timeoutMs,
        signal: request.signal,
        usage: { input: 0, output: 0 },
      };
      const analysed = await analyse(context, request);
      let analysis: Analysis;
      if (typeof analysed !== 'string') analysis = analysed;
      else if (options.fallbackAnalysis) analysis = await options.fallbackAnalysis(request);
      else throw new AppError('service_unavailable', `The AI provider gave no valid analysis: ${analysed}`);

      const written = await mapConcurrently(request.platforms, options.concurrency, (platform) =>
        writePlatform(context, {
          platform,
          text: request.text,
          language: request.language,
          tone: request.tone,
          brand: request.brand,
          limits: request.limits,
          analysis,
        }),
      );
      const outputs: Partial<PlatformOutputs> = {};
      const failures: Partial<Record<Platform, string>> = {};
      request.platforms.forEach((platform, index) => {
        const result = written[index];
        if (result?.ok) (outputs as Record<Platform, unknown>)[platform] = result.output;
        else failures[platform] = result?.reason ?? 'not attempted';
      });
      const tokens = { input: context.usage.input, output: context.usage.output };
      return {
        analysis,
        outputs,
        failures,
        model: options.model,
        tokens,
        costUsdMicros: estimateCostUsdMicros(options.priceTable, options.model, tokens),
      };
    },
  };
}
