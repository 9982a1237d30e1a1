// Builds AI SDK models from a workspace's provider settings. Every base URL and key is passed
// explicitly, so the SDKs never fall back to OPENAI_* / ANTHROPIC_* environment variables (config.ts
// stays the only reader of the environment) and tests can point them at a loopback fake.
import { createAnthropic } from '@ai-sdk/anthropic';
import { createOpenAI } from '@ai-sdk/openai';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import type { LanguageModel, TranscriptionModel } from 'ai';

export type LlmKind = 'openai' | 'anthropic' | 'openai-compatible';

export interface LlmProviderSettings {
  kind: LlmKind;
  /** API root including its version path, e.g. http://localhost:11434/v1; null = the vendor's. */
  baseUrl: string | null;
  apiKey: string | null;
}

export const defaultBaseUrls = {
  openai: 'https://api.openai.com/v1',
  anthropic: 'https://api.anthropic.com/v1',
} as const;

// Warnings (a setting a model ignores) are not errors; the SDK would print them on the console.
(globalThis as { AI_SDK_LOG_WARNINGS?: unknown }).AI_SDK_LOG_WARNINGS = false;

function requireKey(settings: LlmProviderSettings): string {
  if (!settings.apiKey) throw new Error(`the ${settings.kind} provider needs an API key`);
  return settings.apiKey;
}

/**
 * A keyless OpenAI-compatible server (Ollama, a local Whisper) gets no Authorization header: the
 * OpenAI SDK always builds one, so an empty key's `Bearer ` is dropped on the way out.
 */
const fetchWithoutEmptyBearer: typeof fetch = (input, init) => {
  const headers = new Headers(init?.headers);
  if ((headers.get('authorization') ?? '').trim() === 'Bearer') headers.delete('authorization');
  return fetch(input, { ...init, headers });
};

/** The text model `modelId` of the configured provider. */
export function createLanguageModel(settings: LlmProviderSettings, modelId: string): LanguageModel {
  switch (settings.kind) {
    case 'openai':
      // The default OpenAI model speaks the Responses API (/responses).
      return createOpenAI({
        apiKey: requireKey(settings),
        baseURL: settings.baseUrl ?? defaultBaseUrls.openai,
      })(modelId);
    case 'anthropic':
      return createAnthropic({
        apiKey: requireKey(settings),
        baseURL: settings.baseUrl ?? defaultBaseUrls.anthropic,
      })(modelId);
    case 'openai-compatible':
      if (!settings.baseUrl) throw new Error('an OpenAI-compatible provider needs a base URL');
      return createOpenAICompatible({
        name: 'openai-compatible',
        baseURL: settings.baseUrl,
        apiKey: settings.apiKey ?? undefined,
        // Ollama and vLLM accept response_format json_schema; the prompt also spells the shape out
        // for servers that only honour JSON mode.
        supportsStructuredOutputs: true,
        includeUsage: true,
      }).chatModel(modelId);
  }
}

/**
 * A transcription model on an OpenAI-compatible `/audio/transcriptions` endpoint: OpenAI's own, or
 * any server speaking its API at `baseUrl` (whisper servers, LocalAI, vLLM).
 */
export function createTranscriptionModel(
  settings: { baseUrl: string | null; apiKey: string | null },
  modelId: string,
): TranscriptionModel {
  return createOpenAI({
    apiKey: settings.apiKey ?? '',
    baseURL: settings.baseUrl ?? defaultBaseUrls.openai,
    fetch: settings.apiKey ? undefined : fetchWithoutEmptyBearer,
  }).transcription(modelId);
}
