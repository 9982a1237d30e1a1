import type { PlatformLimits } from '../../../shared/studio/platform-rules.ts';
import { checkOutput } from '../../../shared/studio/platform-rules.ts';
import {
  type Platform,
  type PlatformOutputs,
  platformOutputSchemas,
  type ViralScore,
} from '../../../shared/studio/studio-types.ts';
import { scoreOutput } from '../../../shared/studio/viral-score.ts';
import type { AppDeps, RequestInfo } from '../../app-context.ts';
import { AppError } from '../../platform/errors.ts';
import { chargeOperation, refundOperation } from '../billing/metering.service.ts';
import type { CreditChange } from '../credits/credits.service.ts';
import type { EngineResult } from '../studio/engines/engine.ts';
import { findGenerationById, type GenerationRow, updatePendingGeneration } from './generations.queries.ts';

/** What running the engine came to: its result, or why it produced nothing at all. */
export type EngineOutcome =
  | { ok: true; result: EngineResult; engineKind: string }
  | { ok: false; error: string; engineKind: string; model: string | null };

export interface CompletionContext {
  deps: AppDeps;
  row: GenerationRow;
  limits: PlatformLimits;
  request: RequestInfo | null;
  /** `performance.now()` when the engine started: the generation's time taken runs from there. */
  startedAt: number;
  /** A job retry: platforms an earlier attempt charged but this one did not deliver are refunded. */
  isRetry?: boolean;
}

export const chargeKeyOf = (generationId: string, platform: Platform) =>
  `generation:${generationId}:${platform}`;

/** Who the ledger and usage log name for a generation: the API key, else the person, else the system. */
export function ledgerActorOfRow(row: GenerationRow): CreditChange['actor'] {
  if (row.createdByApiKey) return { type: 'api_key', id: row.createdByApiKey };
  if (row.createdBy) return { type: 'user', id: row.createdBy };
  return { type: 'system', id: null };
}

const isRefusedCharge = (error: unknown): error is AppError =>
  error instanceof AppError && (error.code === 'insufficient_credits' || error.code === 'quota_exceeded');

/**
 * Keeps what the engine delivered only when it is the platform's shape and passes its rules again
 * here (engines promise that; a broken promise becomes a failure, never a stored output).
 */
function acceptOutputs(ctx: CompletionContext, outcome: EngineOutcome) {
  const outputs: Partial<PlatformOutputs> = {};
  const viralScores: Partial<Record<Platform, ViralScore>> = {};
  const failures: Partial<Record<Platform, string>> = {};
  for (const platform of ctx.row.platforms) {
    if (!outcome.ok) {
      failures[platform] = outcome.error;
      continue;
    }
    const raw = outcome.result.outputs[platform];
    if (raw === undefined) {
      failures[platform] =
        outcome.result.failures[platform] ?? 'The engine returned nothing for this platform';
      continue;
    }
    const parsed = platformOutputSchemas[platform].safeParse(raw);
    const violations = parsed.success ? checkOutput(platform, parsed.data, ctx.limits) : [];
    if (!parsed.success || violations.length > 0) {
      ctx.deps.log.warn(
        { generationId: ctx.row.id, platform, violations: violations.length },
        'engine output broke the platform rules; dropped',
      );
      failures[platform] = 'The output broke the platform rules and was not kept';
      continue;
    }
    (outputs as Record<Platform, unknown>)[platform] = parsed.data;
    viralScores[platform] = scoreOutput(platform, parsed.data, ctx.limits);
  }
  return { outputs, viralScores, failures };
}

/** Splits a total into `parts` whole shares that add up to it (the first ones take the remainder). */
function shares(total: number, parts: number): number[] {
  if (parts === 0) return [];
  const base = Math.floor(total / parts);
  return Array.from({ length: parts }, (_, i) => base + (i < total - base * parts ? 1 : 0));
}

/**
 * Finishes a pending generation, for the inline (local) and the job (LLM) paths alike: re-checks
 * the outputs, charges each delivered platform once (idempotency key per generation and platform,
 * so a retried job never charges twice), and writes the terminal status. A platform whose charge is
 * refused (credits or quota spent meanwhile by another request) is not delivered. Should anything
 * fail after charging began, every charge of the generation is refunded and it is marked failed.
 */
export async function completeGeneration(ctx: CompletionContext, outcome: EngineOutcome) {
  const { deps, row } = ctx;
  const actor = ledgerActorOfRow(row);
  const accepted = acceptOutputs(ctx, outcome);
  const delivered = row.platforms.filter((p) => accepted.outputs[p] !== undefined);
  const tokens = outcome.ok ? outcome.result.tokens : { input: 0, output: 0 };
  const costUsdMicros = outcome.ok ? outcome.result.costUsdMicros : 0;
  const [inputShares, outputShares, costShares] = [tokens.input, tokens.output, costUsdMicros].map((n) =>
    shares(n, delivered.length),
  );
  const common = {
    engine: outcome.engineKind,
    model: outcome.ok ? outcome.result.model : outcome.model,
    analysis: outcome.ok ? outcome.result.analysis : null,
    tokensInput: tokens.input,
    tokensOutput: tokens.output,
    costUsdMicros,
  };
  try {
    let credits = 0;
    const charged = new Set<Platform>();
    for (const [index, platform] of delivered.entries()) {
      try {
        const charge = await chargeOperation(
          deps,
          {
            workspaceId: row.workspaceId,
            unit: 'generations',
            quantity: 1,
            operationType: `generation.${platform}`,
            idempotencyKey: chargeKeyOf(row.id, platform),
            actor,
            request: ctx.request,
            details: { generationId: row.id, platform },
          },
          { input: inputShares?.[index], output: outputShares?.[index], costUsdMicros: costShares?.[index] },
        );
        credits += charge.cost;
        charged.add(platform);
      } catch (error) {
        if (!isRefusedCharge(error)) throw error;
        delete accepted.outputs[platform];
        delete accepted.viralScores[platform];
        accepted.failures[platform] = `Not delivered: ${error.message}`;
      }
    }
    if (ctx.isRetry) {
      for (const platform of row.platforms.filter((p) => !charged.has(p))) {
        await refundOperation(deps, {
          workspaceId: row.workspaceId,
          idempotencyKey: chargeKeyOf(row.id, platform),
          actor,
        });
      }
    }
    const status =
      charged.size === row.platforms.length ? 'completed' : charged.size > 0 ? 'partial' : 'failed';
    const finished = await updatePendingGeneration(deps.db, row.id, {
      ...common,
      status,
      outputs: accepted.outputs,
      viralScores: accepted.viralScores,
      failures: accepted.failures,
      error: status === 'failed' ? (outcome.ok ? 'No platform could be delivered' : outcome.error) : null,
      creditsCharged: credits,
      durationMs: Math.round(performance.now() - ctx.startedAt),
      completedAt: deps.clock.now(),
    });
    // Null: another run of the same job finished it first; its charges carry the same keys.
    return finished ?? (await findGenerationById(deps.db, row.id)) ?? row;
  } catch (error) {
    deps.log.error({ err: error, generationId: row.id }, 'generation completion failed; refunding');
    for (const platform of row.platforms) {
      await refundOperation(deps, {
        workspaceId: row.workspaceId,
        idempotencyKey: chargeKeyOf(row.id, platform),
        actor,
      });
    }
    const failed = await updatePendingGeneration(deps.db, row.id, {
      ...common,
      status: 'failed',
      outputs: {},
      viralScores: {},
      failures: Object.fromEntries(row.platforms.map((p) => [p, 'Not delivered: an internal error'])),
      error: 'An internal error stopped this generation; nothing was charged',
      creditsCharged: 0,
      durationMs: Math.round(performance.now() - ctx.startedAt),
      completedAt: deps.clock.now(),
    });
    return failed ?? (await findGenerationById(deps.db, row.id)) ?? row;
  }
}
