import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../../../config.ts';
import { buildPriceTable, estimateCostUsdMicros, priceOf } from './price-table.ts';

describe('LLM price table', () => {
  it('matches a model exactly, else by its longest listed prefix, else prices it at zero', () => {
    const table = buildPriceTable(undefined);
    expect(priceOf(table, 'gpt-4o')).toEqual({ input: 2.5, output: 10 });
    expect(priceOf(table, 'gpt-4o-mini-2024-07-18')).toEqual({ input: 0.15, output: 0.6 });
    expect(priceOf(table, 'claude-sonnet-4-5-20250929')).toEqual({ input: 3, output: 15 });
    expect(priceOf(table, 'llama3.1:8b')).toBeNull();
    expect(estimateCostUsdMicros(table, 'llama3.1:8b', { input: 1_000_000, output: 1_000_000 })).toBe(0);
    // USD per million tokens × tokens = millionths of a USD.
    expect(estimateCostUsdMicros(table, 'gpt-4o', { input: 1000, output: 500 })).toBe(2500 + 5000);
  });

  it('takes overrides and new models from LLM_PRICE_TABLE', () => {
    const config = parseConfig({
      LLM_PRICE_TABLE: '{"gpt-4o":{"input":1,"output":2},"llama3.1":{"input":0.1,"output":0.1}}',
    });
    const table = buildPriceTable(config.LLM_PRICE_TABLE);
    expect(priceOf(table, 'gpt-4o')).toEqual({ input: 1, output: 2 });
    expect(priceOf(table, 'llama3.1:70b')).toEqual({ input: 0.1, output: 0.1 });
    expect(priceOf(table, 'gpt-4o-mini')).toEqual({ input: 0.15, output: 0.6 });
  });

  it.each([
    ['not JSON', '{gpt-4o: 1}'],
    ['a price that is not a number', '{"gpt-4o":{"input":"cheap","output":1}}'],
    ['a negative price', '{"gpt-4o":{"input":-1,"output":1}}'],
    ['an unknown field', '{"gpt-4o":{"input":1,"output":1,"cached":1}}'],
  ])('refuses an LLM_PRICE_TABLE with %s, naming the setting', (_label, value) => {
    expect(() => parseConfig({ LLM_PRICE_TABLE: value })).toThrow(ConfigError);
    expect(() => parseConfig({ LLM_PRICE_TABLE: value })).toThrow(/LLM_PRICE_TABLE/);
  });
});
