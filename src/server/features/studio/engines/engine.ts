// What every generation engine (the local engine, the LLM engines) promises the generations
// service. An engine returns only outputs that pass checkOutput() for their platform; a platform
// it could not deliver valid output for goes into `failures` instead (the service then charges
// and stores only what was delivered: status `partial`, or `failed` when nothing was).
import type { PlatformLimits } from '../../../../shared/studio/platform-rules.ts';
import type {
  Analysis,
  BrandVoice,
  Language,
  Platform,
  PlatformOutputs,
  Tone,
} from '../../../../shared/studio/studio-types.ts';

export type EngineKind = 'local' | 'openai' | 'anthropic' | 'openai-compatible';

export interface EngineRequest {
  /** Normalized source text (Markdown allowed). */
  text: string;
  language: Language;
  platforms: Platform[];
  tone: Tone;
  brand: BrandVoice | null;
  limits: PlatformLimits;
  signal?: AbortSignal;
}

export interface EngineResult {
  analysis: Analysis;
  outputs: Partial<PlatformOutputs>;
  /** Platforms the engine gave up on, with a reason a user can read. */
  failures: Partial<Record<Platform, string>>;
  /** Model name for LLM engines; the local engine reports its version, e.g. `local-1`. */
  model: string;
  tokens: { input: number; output: number };
  /** Estimated cost from the configured price table, in millionths of a USD. */
  costUsdMicros: number;
}

export interface GenerationEngine extends EntryRewriter {
  kind: EngineKind;
  model: string;
  generate(request: EngineRequest): Promise<EngineResult>;
}

/** A changelog entry to rewrite for readers (features/changelog). */
export interface EntryRewriteRequest {
  title: string;
  /** Markdown, often a pull request's template-laden description. */
  body: string;
  category: string;
  pullRequests: Array<{ number: number; title: string; body: string; labels: string[]; breaking: boolean }>;
  language: Language;
  brand: BrandVoice | null;
  limits: { titleChars: number; bodyChars: number };
  signal?: AbortSignal;
}

export interface EntryRewriteResult {
  title: string;
  /** Markdown. */
  body: string;
  model: string;
  tokens: { input: number; output: number };
  costUsdMicros: number;
}

/** What an engine offers besides generations: the changelog's reader-friendly rewrite. */
export interface EntryRewriter {
  rewriteEntry(request: EntryRewriteRequest): Promise<EntryRewriteResult>;
}
