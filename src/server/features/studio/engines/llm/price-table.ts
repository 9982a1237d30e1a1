// Estimated LLM cost. Prices are USD per million tokens, so tokens × price is already in millionths
// of a USD (the unit generations store). The built-in prices are the vendors' list prices when this
// was written; operators correct or extend them with LLM_PRICE_TABLE without a release.

export interface ModelPrice {
  /** USD per million input (prompt) tokens. */
  input: number;
  /** USD per million output (completion) tokens. */
  output: number;
}

export type PriceTable = Record<string, ModelPrice>;

export const defaultPriceTable: PriceTable = {
  'gpt-4o': { input: 2.5, output: 10 },
  'gpt-4o-mini': { input: 0.15, output: 0.6 },
  'gpt-4.1': { input: 2, output: 8 },
  'gpt-4.1-mini': { input: 0.4, output: 1.6 },
  'gpt-4.1-nano': { input: 0.1, output: 0.4 },
  'gpt-5': { input: 1.25, output: 10 },
  'gpt-5-mini': { input: 0.25, output: 2 },
  'gpt-5-nano': { input: 0.05, output: 0.4 },
  'o4-mini': { input: 1.1, output: 4.4 },
  'claude-opus-4': { input: 15, output: 75 },
  'claude-sonnet-4': { input: 3, output: 15 },
  'claude-haiku-4-5': { input: 1, output: 5 },
  'claude-3-7-sonnet': { input: 3, output: 15 },
  'claude-3-5-sonnet': { input: 3, output: 15 },
  'claude-3-5-haiku': { input: 0.8, output: 4 },
};

/** The built-in table with the configured overrides on top. */
export function buildPriceTable(overrides: PriceTable | undefined): PriceTable {
  return { ...defaultPriceTable, ...overrides };
}

/**
 * The price of `model`: an exact entry, else the longest entry the model name starts with (dated
 * snapshots such as `gpt-4o-mini-2024-07-18`), else none (self-hosted and unknown models cost 0).
 */
export function priceOf(table: PriceTable, model: string): ModelPrice | null {
  const exact = table[model];
  if (exact) return exact;
  let best: string | null = null;
  for (const name of Object.keys(table)) {
    if (model.startsWith(name) && (best === null || name.length > best.length)) best = name;
  }
  return best === null ? null : (table[best] ?? null);
}

/** Estimated cost in millionths of a USD, rounded to a whole micro-dollar. */
export function estimateCostUsdMicros(
  table: PriceTable,
  model: string,
  tokens: { input: number; output: number },
): number {
  const price = priceOf(table, model);
  if (!price) return 0;
  return Math.round(tokens.input * price.input + tokens.output * price.output);
}
