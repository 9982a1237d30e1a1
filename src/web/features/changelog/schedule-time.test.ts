import { describe, expect, it } from 'vitest';
import { wallClockToInstant } from './schedule-time';

const now = new Date('2026-03-01T12:00:00Z');

describe('a schedule time picked in the workspace timezone', () => {
  it('becomes the instant at which clocks there show it', () => {
    expect(wallClockToInstant('2026-03-02T09:00', 'Europe/Paris', now)).toBe('2026-03-02T08:00:00.000Z');
    expect(wallClockToInstant('2026-07-02T09:00', 'Europe/Paris', now)).toBe('2026-07-02T07:00:00.000Z');
    expect(wallClockToInstant('2026-03-02T09:00', 'America/New_York', now)).toBe('2026-03-02T14:00:00.000Z');
  });

  it('is refused when it does not exist, is not a time, or is not in the future', () => {
    // Clocks in Paris go from 02:00 to 03:00 on 2026-03-29.
    expect(wallClockToInstant('2026-03-29T02:30', 'Europe/Paris', now)).toEqual({
      error: 'That time does not exist in Europe/Paris (the clocks skip it).',
    });
    expect(wallClockToInstant('', 'UTC', now)).toEqual({ error: 'Pick a date and a time.' });
    expect(wallClockToInstant('2026-03-01T12:00', 'UTC', now)).toEqual({
      error: 'Pick a time in the future.',
    });
  });
});
