import { z } from 'zod';
import type { AppDeps } from '../../app-context.ts';
import { AppError } from '../../platform/errors.ts';
import { defineJob } from '../../platform/queue.ts';
import { resolveEngine } from '../ai-providers/ai-providers.service.ts';
import { completeGeneration, type EngineOutcome } from './generations.completion.ts';
import { findGenerationById } from './generations.queries.ts';
import { generateJobName, runEngine, studioLimits } from './generations.service.ts';

const requestSchema = z
  .object({ requestId: z.string(), ipAddress: z.string().nullable(), userAgent: z.string().nullable() })
  .nullable()
  .default(null);

/**
 * Runs a queued (LLM) generation. Idempotent: a generation that is no longer pending is left alone,
 * and a retry after a crash charges each platform under the same key, so never twice.
 */
export async function runGenerationJob(
  deps: AppDeps,
  data: { generationId: string; request?: z.infer<typeof requestSchema> },
  attempt = 0,
) {
  const row = await findGenerationById(deps.db, data.generationId);
  if (row?.status !== 'pending') return;
  const limits = studioLimits(deps);
  const startedAt = performance.now();
  let outcome: EngineOutcome;
  try {
    // The workspace's provider now: settings changed since the request apply to the run.
    const engine = await resolveEngine(deps, row.workspaceId, 'workspace');
    outcome = await runEngine(deps, engine, row, limits);
  } catch (error) {
    const message = error instanceof AppError ? error.message : 'The AI provider could not be set up';
    outcome = { ok: false, error: message, engineKind: row.engine, model: row.model };
  }
  await completeGeneration(
    { deps, row, limits, request: data.request ?? null, startedAt, isRetry: attempt > 0 },
    outcome,
  );
}

export function generationJobs(deps: AppDeps) {
  return [
    defineJob({
      name: generateJobName,
      schema: z.object({ generationId: z.string().min(1), request: requestSchema }),
      // The engine's own retries cover the provider; a job retry only follows a crash of ours.
      retryLimit: 3,
      retryDelaySeconds: 5,
      batchSize: 2,
      handler: (data, job) => runGenerationJob(deps, data, job.attempt),
    }),
  ];
}
