// Response shapes of the Studio API (generations, rules, voice notes, photos) as the UI reads them.
// The output shapes themselves come from the shared contract, so the editors and the server agree.
import type { PlatformLimits, RuleViolation } from '../../../shared/studio/platform-rules';
import type {
  Analysis,
  Language,
  Platform,
  PlatformOutputs,
  Tone,
  ViralScore,
} from '../../../shared/studio/studio-types';

export type GenerationStatus = 'pending' | 'completed' | 'failed' | 'partial';
export type SourceType = 'text' | 'voice_note' | 'image' | 'changelog_entry';
export type EngineKind = 'local' | 'openai' | 'anthropic' | 'openai-compatible';

export type OutputMap = { [P in Platform]?: PlatformOutputs[P] };

export interface Generation {
  id: string;
  workspaceId: string;
  status: GenerationStatus;
  sourceType: SourceType;
  sourceId: string | null;
  input: string;
  language: Language;
  platforms: Platform[];
  tone: Tone;
  engine: string;
  model: string | null;
  analysis: Analysis | null;
  outputs: OutputMap;
  viralScores: Partial<Record<Platform, ViralScore>>;
  failures: Partial<Record<Platform, string>>;
  drafts: OutputMap;
  error: string | null;
  tokensInput: number;
  tokensOutput: number;
  costUsdMicros: number;
  creditsCharged: number;
  durationMs: number | null;
  cached: boolean;
  createdAt: string;
  completedAt: string | null;
}

export interface GenerationRequest {
  text: string;
  platforms: Platform[];
  tone: Tone;
  language?: Language;
}

export interface StudioRules {
  limits: PlatformLimits;
  maxInputChars: number;
  platforms: Platform[];
  tones: Tone[];
  engine: { kind: EngineKind; model: string };
}

export type ConversationStatus = 'transcribing' | 'needs_transcript' | 'generating' | 'completed' | 'failed';

export interface Conversation {
  id: string;
  status: ConversationStatus;
  transcript: string | null;
  imageAnalysis: string | null;
  language: Language | null;
  durationSeconds: number | null;
  audioObjectId: string | null;
  imageObjectId: string | null;
  platforms: Platform[];
  tone: Tone;
  generationId: string | null;
  error: string | null;
  createdAt: string;
}

/** The 422 a draft save gets when the server's own check finds a broken rule. */
export interface RuleViolationDetails {
  violations?: RuleViolation[];
}

export interface AiProviderSettings {
  kind: EngineKind;
  model: string | null;
  baseUrl: string | null;
  hasApiKey: boolean;
  keyHint: string | null;
  transcriptionModel: string | null;
  visionModel: string | null;
  updatedAt: string | null;
}

export interface AiProviderUpdate {
  kind: EngineKind;
  model?: string | null;
  baseUrl?: string | null;
  /** Omitted keeps the stored key; null removes it. */
  apiKey?: string | null;
  transcriptionModel?: string | null;
  visionModel?: string | null;
}

export const engineLabels: Record<EngineKind, string> = {
  local: 'Built-in local engine',
  openai: 'OpenAI',
  anthropic: 'Anthropic',
  'openai-compatible': 'OpenAI-compatible',
};
