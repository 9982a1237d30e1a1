// A workspace's provider settings with the key decrypted, for the engines, transcription and vision.
// Only this file decrypts the key; nothing here logs or returns it to a client.
import type { AppDeps } from '../../app-context.ts';
import { decryptSecret } from '../../platform/crypto.ts';
import { AppError } from '../../platform/errors.ts';
import type { LlmProviderSettings } from '../studio/engines/llm/providers.ts';
import { findAiProvider } from './ai-providers.queries.ts';
import type { AiProviderKind } from './ai-providers.table.ts';

export interface ProviderSettings {
  kind: AiProviderKind;
  model: string | null;
  baseUrl: string | null;
  apiKey: string | null;
  transcriptionModel: string | null;
  visionModel: string | null;
}

/** The workspace's settings; null when it never chose a provider (the local engine). */
export async function loadProviderSettings(
  deps: AppDeps,
  workspaceId: string,
): Promise<ProviderSettings | null> {
  const row = await findAiProvider(deps.db, workspaceId);
  if (!row) return null;
  let apiKey: string | null = null;
  if (row.apiKeyEncrypted) {
    try {
      apiKey = decryptSecret(deps.decryptionKeys, row.apiKeyEncrypted);
    } catch {
      // ENCRYPTION_KEY changed since the key was saved: say what to do, never fall back silently.
      throw new AppError(
        'not_configured',
        "This workspace's AI provider key cannot be read (the server's ENCRYPTION_KEY changed). Enter the key again in the AI provider settings.",
      );
    }
  }
  return {
    kind: row.kind,
    model: row.model,
    baseUrl: row.baseUrl,
    apiKey,
    transcriptionModel: row.transcriptionModel,
    visionModel: row.visionModel,
  };
}

/**
 * The OpenAI-compatible endpoint and model transcription goes through, or null. Anthropic has no
 * transcription API; with the local engine, a base URL (a local Whisper server) or an OpenAI key
 * set for media alone makes transcription available.
 */
export function transcriptionTarget(
  settings: ProviderSettings | null,
): { baseUrl: string | null; apiKey: string | null; model: string } | null {
  if (!settings?.transcriptionModel || settings.kind === 'anthropic') return null;
  if (settings.kind === 'local' && !settings.baseUrl && !settings.apiKey) return null;
  return { baseUrl: settings.baseUrl, apiKey: settings.apiKey, model: settings.transcriptionModel };
}

/** The provider and model that describe images, or null. The text model is used when no vision model is set. */
export function visionTarget(
  settings: ProviderSettings | null,
): { provider: LlmProviderSettings; model: string } | null {
  if (!settings) return null;
  if (settings.kind === 'local') {
    if (!settings.visionModel || (!settings.baseUrl && !settings.apiKey)) return null;
    const kind = settings.baseUrl ? 'openai-compatible' : 'openai';
    return {
      provider: { kind, baseUrl: settings.baseUrl, apiKey: settings.apiKey },
      model: settings.visionModel,
    };
  }
  const model = settings.visionModel ?? settings.model;
  if (!model) return null;
  return { provider: { kind: settings.kind, baseUrl: settings.baseUrl, apiKey: settings.apiKey }, model };
}
