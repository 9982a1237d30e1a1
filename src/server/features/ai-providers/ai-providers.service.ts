// A workspace's AI provider (SPEC §3 "chosen per workspace in settings") and the engine it implies.
// The API key is stored AES-256-GCM encrypted; responses and audit entries only ever say whether a
// key is set and its last four characters.
import type { AppDeps } from '../../app-context.ts';
import { encryptSecret } from '../../platform/crypto.ts';
import type { Database } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { type AuditContext, recordAudit } from '../audit/audit.service.ts';
import { can } from '../plans/plans.service.ts';
import type { EngineKind, GenerationEngine } from '../studio/engines/engine.ts';
import { createLlmEngine } from '../studio/engines/llm/llm-engine.ts';
import { buildPriceTable } from '../studio/engines/llm/price-table.ts';
import { analyzeText, createLocalEngine } from '../studio/engines/local/local-engine.ts';
import type { WorkspaceAccess } from '../workspaces/workspace-access.ts';
import { type AiProviderRow, findAiProvider, upsertAiProvider } from './ai-providers.queries.ts';
import type { UpdateAiProviderBody } from './ai-providers.schemas.ts';
import { loadProviderSettings } from './provider-settings.ts';

export { describeImage, hasTranscription, hasVision, transcribeAudio } from './ai-media.ts';

export function presentAiProvider(row: AiProviderRow | null) {
  return {
    kind: row?.kind ?? 'local',
    model: row?.model ?? null,
    baseUrl: row?.baseUrl ?? null,
    hasApiKey: Boolean(row?.apiKeyEncrypted),
    keyHint: row?.apiKeyEncrypted ? (row.keyHint ?? null) : null,
    transcriptionModel: row?.transcriptionModel ?? null,
    visionModel: row?.visionModel ?? null,
    updatedAt: row?.updatedAt.toISOString() ?? null,
  };
}

export type AiProviderView = ReturnType<typeof presentAiProvider>;

export async function getAiProvider(db: Database, access: WorkspaceAccess): Promise<AiProviderView> {
  return presentAiProvider(await findAiProvider(db, access.workspaceId));
}

function invalid(path: string, message: string): AppError {
  return new AppError('validation_failed', 'The request is not valid', [{ path, message }]);
}

/** What happens to the stored key; the checks that need the stored row (the schema did the rest). */
function planKey(body: UpdateAiProviderBody, current: AiProviderRow | null): 'replace' | 'keep' | 'remove' {
  const model = body.model ?? null;
  const baseUrl = body.baseUrl ?? null;
  if (body.kind !== 'local' && !model) throw invalid('model', `A model is required for ${body.kind}`);
  if (body.kind === 'openai-compatible' && !baseUrl) {
    throw invalid('baseUrl', 'The base URL of the OpenAI-compatible server is required');
  }
  if (body.kind === 'anthropic' && body.transcriptionModel) {
    throw invalid('transcriptionModel', 'Anthropic has no transcription API');
  }
  const plan =
    body.apiKey === undefined
      ? current?.apiKeyEncrypted
        ? 'keep'
        : 'remove'
      : body.apiKey
        ? 'replace'
        : 'remove';
  if (plan === 'keep' && current && (current.kind !== body.kind || (current.baseUrl ?? null) !== baseUrl)) {
    // Otherwise anyone who may edit the settings could send the stored key to a server of theirs.
    throw invalid(
      'apiKey',
      'Enter the API key again (or send null) when changing the provider or its base URL',
    );
  }
  if ((body.kind === 'openai' || body.kind === 'anthropic') && plan === 'remove') {
    throw invalid('apiKey', `An API key is required for ${body.kind}`);
  }
  if (
    body.kind === 'local' &&
    (body.transcriptionModel || body.visionModel) &&
    !baseUrl &&
    plan === 'remove'
  ) {
    const path = body.transcriptionModel ? 'transcriptionModel' : 'visionModel';
    throw invalid(
      path,
      'With the local engine, transcription and vision need a base URL or an OpenAI API key',
    );
  }
  return plan;
}

export async function updateAiProvider(
  deps: AppDeps,
  audit: AuditContext,
  access: WorkspaceAccess,
  body: UpdateAiProviderBody,
  updatedBy: string,
): Promise<AiProviderView> {
  const current = await findAiProvider(deps.db, access.workspaceId);
  const keyPlan = planKey(body, current);
  const newKey = keyPlan === 'replace' ? (body.apiKey as string) : null;
  const values = {
    kind: body.kind,
    model: body.model ?? null,
    baseUrl: body.baseUrl ?? null,
    transcriptionModel: body.transcriptionModel ?? null,
    visionModel: body.visionModel ?? null,
    updatedBy,
    updatedAt: new Date(),
    ...(keyPlan === 'replace'
      ? {
          apiKeyEncrypted: encryptSecret(deps.encryptionKey, newKey as string),
          keyHint: (newKey as string).slice(-4),
        }
      : keyPlan === 'remove'
        ? { apiKeyEncrypted: null, keyHint: null }
        : {}),
  };
  const row = await deps.db.transaction(async (tx) => {
    const written = await upsertAiProvider(tx, access.workspaceId, values);
    await recordAudit(tx, audit, {
      action: 'ai_provider.updated',
      entityType: 'workspace',
      entityId: access.workspaceId,
      workspaceId: access.workspaceId,
      details: {
        kind: values.kind,
        model: values.model,
        baseUrl: values.baseUrl,
        transcriptionModel: values.transcriptionModel,
        visionModel: values.visionModel,
        // Whether the key changed, never the key.
        apiKey:
          keyPlan === 'replace'
            ? 'replaced'
            : keyPlan === 'keep'
              ? 'kept'
              : current?.apiKeyEncrypted
                ? 'removed'
                : 'none',
      },
    });
    return written;
  });
  return presentAiProvider(row);
}

/** The engine a workspace generates with: the local engine unless it set an LLM provider. */
export async function resolveEngine(
  deps: AppDeps,
  workspaceId: string,
  preference: 'local' | 'workspace' = 'workspace',
): Promise<GenerationEngine> {
  if (preference === 'local') return createLocalEngine();
  const settings = await loadProviderSettings(deps, workspaceId);
  if (!settings || settings.kind === 'local') return createLocalEngine();
  // A workspace that lost llm_providers (a downgrade) keeps its settings for when it upgrades
  // again, and meanwhile generates with the local engine rather than failing.
  if (!(await can(deps.db, workspaceId, 'llm_providers'))) return createLocalEngine();
  if (
    !settings.model ||
    ((settings.kind === 'openai' || settings.kind === 'anthropic') && !settings.apiKey)
  ) {
    throw new AppError(
      'not_configured',
      `The workspace's ${settings.kind} provider is missing its model or API key`,
    );
  }
  return createLlmEngine({
    provider: { kind: settings.kind, baseUrl: settings.baseUrl, apiKey: settings.apiKey },
    model: settings.model,
    maxAttempts: deps.config.STUDIO_LLM_MAX_ATTEMPTS,
    concurrency: deps.config.STUDIO_LLM_CONCURRENCY,
    timeoutMs: deps.config.LLM_TIMEOUT_MS,
    priceTable: buildPriceTable(deps.config.LLM_PRICE_TABLE),
    // The analysis only feeds the platform prompts: when the provider cannot give one, the local
    // engine's extractive analysis will do, and the platforms are still written by the LLM.
    fallbackAnalysis: (request) => analyzeText(request.text, request.language, request.brand),
  });
}

/** Which engine and model the workspace generates with, without building it (for display). */
export async function describeEngine(
  deps: AppDeps,
  workspaceId: string,
): Promise<{ kind: EngineKind; model: string }> {
  const row = await findAiProvider(deps.db, workspaceId);
  const local = { kind: 'local' as const, model: createLocalEngine().model };
  if (!row || row.kind === 'local' || !row.model) return local;
  if (!(await can(deps.db, workspaceId, 'llm_providers'))) return local;
  return { kind: row.kind, model: row.model };
}
