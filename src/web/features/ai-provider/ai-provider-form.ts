import {
  type AiProviderSettings,
  type AiProviderUpdate,
  type EngineKind,
  engineLabels,
} from '../studio/studio-api-types';

/** The settings form: every field a string, empty meaning not set. */
export interface Form {
  kind: EngineKind;
  model: string;
  baseUrl: string;
  apiKey: string;
  transcriptionModel: string;
  visionModel: string;
}

export const KINDS = Object.keys(engineLabels) as EngineKind[];

export const MODEL_PLACEHOLDER: Record<EngineKind, string> = {
  local: '',
  openai: 'gpt-4o-mini',
  anthropic: 'claude-sonnet-4-5',
  'openai-compatible': 'llama3.1',
};

export function toForm(settings: AiProviderSettings): Form {
  return {
    kind: settings.kind,
    model: settings.model ?? '',
    baseUrl: settings.baseUrl ?? '',
    apiKey: '',
    transcriptionModel: settings.transcriptionModel ?? '',
    visionModel: settings.visionModel ?? '',
  };
}

/** Empty means "not set"; the key is only sent when one was typed, so saving keeps the stored one. */
export function toBody(form: Form): AiProviderUpdate {
  const orNull = (value: string) => value.trim() || null;
  const body: AiProviderUpdate = {
    kind: form.kind,
    model: orNull(form.model),
    baseUrl: orNull(form.baseUrl),
    transcriptionModel: orNull(form.transcriptionModel),
    visionModel: orNull(form.visionModel),
  };
  if (form.apiKey.trim()) body.apiKey = form.apiKey.trim();
  return body;
}
