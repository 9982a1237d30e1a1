import { checkOutput, type PlatformLimits } from '../../../shared/studio/platform-rules.ts';
import {
  type BrandVoice,
  type Language,
  type Platform,
  type PlatformOutputs,
  platformOutputSchemas,
  type Tone,
} from '../../../shared/studio/studio-types.ts';
import type { Actor, AppDeps, RequestInfo } from '../../app-context.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import type { Cursor } from '../../platform/pagination.ts';
import { resolveEngine } from '../ai-providers/ai-providers.service.ts';
import { assertCanAffordAll } from '../billing/metering.service.ts';
import { can } from '../plans/plans.service.ts';
import type { EngineKind, GenerationEngine } from '../studio/engines/engine.ts';
import { detectLanguage } from '../studio/engines/local/local-engine.ts';
import { platformLimitsFromConfig } from '../studio/platform-limits.ts';
import { findBrandProfile } from '../workspaces/workspaces.queries.ts';
import { completeGeneration, type EngineOutcome } from './generations.completion.ts';
import { generationCacheKey, maxInputChars, normalizeInput } from './generations.input.ts';
import {
  findCachedGeneration,
  findGeneration,
  type GenerationRow,
  insertGeneration,
  listGenerations,
  saveGenerationDraft,
} from './generations.queries.ts';
import { type GenerationView, presentGeneration } from './generations.schemas.ts';
import type { GenerationSourceType, GenerationStatus } from './generations.table.ts';

export const generateJobName = 'studio.generate';

export interface GenerationAccess {
  workspaceId: string;
  actor: Actor;
}

export interface GenerationInput {
  text: string;
  platforms: Platform[];
  tone: Tone;
  language?: Language;
  engine?: 'local' | 'workspace';
  sourceType?: GenerationSourceType;
  sourceId?: string | null;
}

export interface CreatedGeneration {
  generation: GenerationView;
  /** 200: an identical earlier result (cached); 201: finished now (local); 202: pending, a job runs it. */
  httpStatus: 200 | 201 | 202;
}

export async function loadBrandVoice(
  deps: Pick<AppDeps, 'db'>,
  workspaceId: string,
): Promise<BrandVoice | null> {
  // The profile stays editable on every plan; the engines write with it only under brand_voice_learning.
  if (!(await can(deps.db, workspaceId, 'brand_voice_learning'))) return null;
  const row = await findBrandProfile(deps.db, workspaceId);
  if (!row) return null;
  return {
    brandName: row.brandName,
    specialties: row.specialties,
    ambiance: row.ambiance,
    targetAudience: row.targetAudience,
    uniqueSellingPoints: row.uniqueSellingPoints,
    personality: row.personality,
    tone: row.tone,
    keyMessages: row.keyMessages,
  };
}

export function studioLimits(deps: Pick<AppDeps, 'config'>): PlatformLimits {
  return platformLimitsFromConfig(deps.config);
}

function validated(input: GenerationInput) {
  const text = normalizeInput(input.text);
  if (!text) {
    throw new AppError('validation_failed', 'The text is empty', [
      { path: 'text', message: 'Give some text to generate from' },
    ]);
  }
  if (text.length > maxInputChars) {
    throw new AppError('validation_failed', `The text is over ${maxInputChars} characters`, [
      { path: 'text', message: `At most ${maxInputChars} characters (this has ${text.length})` },
    ]);
  }
  const platforms = [...new Set(input.platforms)];
  if (platforms.length === 0) {
    throw new AppError('validation_failed', 'Pick at least one platform', [
      { path: 'platforms', message: 'At least one platform' },
    ]);
  }
  return { text, platforms, language: input.language ?? detectLanguage(text) };
}

/** Runs the engine and turns a throw into a failed outcome: a broken engine fails the generation, not the request. */
export async function runEngine(
  deps: AppDeps,
  engine: GenerationEngine,
  row: GenerationRow,
  limits: PlatformLimits,
  /** Already loaded by the caller; read from the workspace when omitted. */
  brand?: BrandVoice | null,
): Promise<EngineOutcome> {
  try {
    const result = await engine.generate({
      text: row.input,
      language: row.language,
      platforms: row.platforms,
      tone: row.tone,
      brand: brand === undefined ? await loadBrandVoice(deps, row.workspaceId) : brand,
      limits,
    });
    return { ok: true, result, engineKind: engine.kind };
  } catch (error) {
    deps.log.warn({ err: error, generationId: row.id, engine: engine.kind }, 'generation engine failed');
    const message = error instanceof AppError ? error.message : 'The engine failed';
    return { ok: false, error: message, engineKind: engine.kind, model: engine.model };
  }
}

/**
 * Starts a generation: normalizes the text, answers an identical recent request from the cache
 * (charging nothing), checks quota and credits for every platform before any work, then runs the
 * local engine inline or queues an LLM engine's job. Two identical requests at the same moment both
 * run and each is charged once (the cache holds finished results only): serializing them would hold
 * a lock across an LLM call.
 */
export async function createGeneration(
  deps: AppDeps,
  access: GenerationAccess,
  input: GenerationInput,
  request: RequestInfo | null = null,
): Promise<CreatedGeneration> {
  const { workspaceId, actor } = access;
  const { text, platforms, language } = validated(input);
  const engine = await resolveEngine(deps, workspaceId, input.engine ?? 'workspace');
  const brand = await loadBrandVoice(deps, workspaceId);
  const inputHash = generationCacheKey({ text, platforms, tone: input.tone, language, engine, brand });
  const windowSeconds = deps.config.STUDIO_CACHE_WINDOW_SECONDS;
  if (windowSeconds > 0) {
    const since = new Date(deps.clock.now().getTime() - windowSeconds * 1000);
    const cached = await findCachedGeneration(deps.db, workspaceId, inputHash, since);
    if (cached) return { generation: presentGeneration(cached, true), httpStatus: 200 };
  }
  await assertCanAffordAll(
    deps,
    workspaceId,
    platforms.map((p) => ({ unit: 'generations', quantity: 1, operationType: `generation.${p}` })),
  );
  const values = {
    id: crypto.randomUUID(),
    workspaceId,
    createdBy: actor.type === 'user' ? actor.userId : actor.type === 'api_key' ? actor.userId : null,
    createdByApiKey: actor.type === 'api_key' ? actor.keyId : null,
    sourceType: input.sourceType ?? 'text',
    sourceId: input.sourceId ?? null,
    input: text,
    inputHash,
    language,
    platforms,
    tone: input.tone,
    engine: engine.kind,
    model: engine.model || null,
    status: 'pending' as const,
    createdAt: deps.clock.now(),
  };
  if (!isInline(engine.kind)) {
    const row = await deps.db.transaction(async (tx) => {
      const inserted = await insertGeneration(tx, values);
      await deps.queue.send(
        generateJobName,
        { generationId: inserted.id, request },
        { tx, singletonKey: inserted.id },
      );
      return inserted;
    });
    return { generation: presentGeneration(row), httpStatus: 202 };
  }
  const row = await insertGeneration(deps.db, values);
  const limits = studioLimits(deps);
  const startedAt = performance.now();
  const outcome = await runEngine(deps, engine, row, limits, brand);
  const finished = await completeGeneration({ deps, row, limits, request, startedAt }, outcome);
  return { generation: presentGeneration(finished), httpStatus: 201 };
}

/** The local engine answers within the request; LLM engines run as a job. */
const isInline = (kind: EngineKind) => kind === 'local';

export async function getGeneration(deps: Pick<AppDeps, 'db'>, workspaceId: string, id: string) {
  const row = await findGeneration(deps.db, workspaceId, id);
  if (!row) throw notFound('Generation');
  return row;
}

export async function listWorkspaceGenerations(
  deps: Pick<AppDeps, 'db'>,
  workspaceId: string,
  page: { cursor?: Cursor; limit: number; status?: GenerationStatus },
) {
  return listGenerations(deps.db, { workspaceId, ...page });
}

/**
 * Saves the user's edit of one platform's output. It is checked exactly as engine output is: a
 * draft that breaks the rules is refused whole (422 rule_violation, details.violations) and nothing
 * is written.
 */
export async function saveDraft(
  deps: Pick<AppDeps, 'db' | 'config'>,
  workspaceId: string,
  generationId: string,
  platform: string,
  body: unknown,
) {
  const row = await getGeneration(deps, workspaceId, generationId);
  if (!isPlatform(platform) || !row.platforms.includes(platform)) {
    throw new AppError('validation_failed', 'This generation has no output for that platform', [
      { path: 'platform', message: `One of: ${row.platforms.join(', ')}` },
    ]);
  }
  const violations = checkOutput(platform, body, studioLimits(deps));
  const parsed = platformOutputSchemas[platform].safeParse(body);
  if (violations.length > 0 || !parsed.success) {
    throw new AppError('rule_violation', `This ${platform} output breaks the platform's rules`, {
      violations:
        violations.length > 0
          ? violations
          : [{ path: [], code: 'invalid_shape', message: 'Not the platform output shape' }],
    });
  }
  const saved = await saveGenerationDraft(
    deps.db,
    workspaceId,
    generationId,
    platform,
    parsed.data as PlatformOutputs[typeof platform],
  );
  if (!saved) throw notFound('Generation');
  return saved;
}

const isPlatform = (value: string): value is Platform => Object.hasOwn(platformOutputSchemas, value);
