import { describe, expect, it } from 'vitest';
import { generationCacheKey, normalizeInput } from './generations.input.ts';

describe('input normalization', () => {
  it('unifies line endings, drops trailing spaces, keeps at most one blank line and trims', () => {
    expect(normalizeInput('  \r\nTitle  \r\n\r\n\r\n\r\nBody\t \rEnd \n\n\n')).toBe('Title\n\nBody\nEnd');
  });

  it('composes to NFC, so é typed either way is the same text', () => {
    expect(normalizeInput('cafe\u0301')).toBe('caf\u00e9');
  });

  it('replaces lone surrogates and drops NUL characters, which no database column can hold', () => {
    expect(normalizeInput('a\ud800b\u0000c 😀')).toBe('a\ufffdbc 😀');
  });

  it('leaves nothing of a text made of whitespace', () => {
    expect(normalizeInput(' \n\t\r\n \u00a0')).toBe('');
  });
});

describe('the generation cache key', () => {
  const base = {
    text: 'Hello',
    platforms: ['x', 'linkedin'] as const,
    tone: 'educational' as const,
    language: 'en' as const,
    engine: { kind: 'local', model: 'local-1' },
    brand: null,
  };
  const key = (overrides: Partial<Parameters<typeof generationCacheKey>[0]> = {}) =>
    generationCacheKey({ ...base, platforms: [...base.platforms], ...overrides });

  it('is a SHA-256 hex digest that ignores the order of the platforms', () => {
    expect(key()).toMatch(/^[0-9a-f]{64}$/);
    expect(key({ platforms: ['linkedin', 'x'] })).toBe(key());
  });

  it('changes with the text, the platforms, the tone, the language, the engine, the model and the brand', () => {
    const variants = [
      key({ text: 'Hello!' }),
      key({ platforms: ['x'] }),
      key({ tone: 'authority' }),
      key({ language: 'fr' }),
      key({ engine: { kind: 'openai', model: 'local-1' } }),
      key({ engine: { kind: 'local', model: 'local-2' } }),
      key({
        brand: {
          brandName: 'Acme',
          specialties: null,
          ambiance: null,
          targetAudience: null,
          uniqueSellingPoints: null,
          personality: null,
          tone: null,
          keyMessages: null,
        },
      }),
    ];
    expect(new Set([key(), ...variants]).size).toBe(variants.length + 1);
  });
});
