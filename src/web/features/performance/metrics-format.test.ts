import { describe, expect, it } from 'vitest';
import { formatRate, niceTicks } from './metrics-format';

describe('performance formatting', () => {
  it('puts chart gridlines on round numbers that cover the highest value', () => {
    expect(niceTicks(0)).toEqual([0, 1]);
    expect(niceTicks(7)).toEqual([0, 2, 4, 6, 8]);
    expect(niceTicks(950)).toEqual([0, 500, 1000]);
    const ticks = niceTicks(12_345);
    expect(ticks[0]).toBe(0);
    expect(ticks.at(-1)).toBeGreaterThanOrEqual(12_345);
    expect(ticks.length).toBeLessThanOrEqual(6);
  });

  it('shows an engagement rate as a percentage, and a dash when there is none', () => {
    expect(formatRate(null)).toBe('—');
    expect(formatRate(0.0432)).toBe('4.32%');
    expect(formatRate(0.25)).toBe('25.0%');
  });
});
