import type { BrandVoice, Language, Platform, Tone } from '../../../shared/studio/studio-types.ts';
import { sha256Hex } from '../../platform/crypto.ts';

/** The largest source text a generation takes, after normalization (README, OpenAPI). */
export const maxInputChars = 100_000;

const loneSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * The text every engine and the cache see: NFC, `\n` line endings, no trailing spaces, at most one
 * blank line in a row, trimmed. Lone UTF-16 surrogates (which no encoding can store) become U+FFFD
 * and NUL characters (which PostgreSQL text cannot store) are dropped, so callers that skip HTTP
 * validation (voice transcripts) cannot store what the API would refuse.
 */
export function normalizeInput(text: string): string {
  return text
    .replace(loneSurrogate, '\ufffd')
    .normalize('NFC')
    .replaceAll('\u0000', '')
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t\f\v\u00a0]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

export interface CacheKeyParts {
  text: string;
  platforms: Platform[];
  tone: Tone;
  language: Language;
  engine: { kind: string; model: string };
  /** The brand profile the engine writes with: a changed profile is a different request. */
  brand: BrandVoice | null;
}

/**
 * The generation cache key (stored as `input_hash`): SHA-256 of the normalized text with what
 * changes the result. Platforms are sorted, so their order does not matter.
 */
export function generationCacheKey(parts: CacheKeyParts): string {
  return sha256Hex(
    JSON.stringify([
      'herald-generation-v1',
      parts.text,
      [...parts.platforms].sort(),
      parts.tone,
      parts.language,
      parts.engine.kind,
      parts.engine.model,
      parts.brand,
    ]),
  );
}
