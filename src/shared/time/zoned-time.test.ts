import { describe, expect, it } from 'vitest';
import { parseLocalDateTime, toZonedParts, zonedToInstant } from './zoned-time.ts';

const at = (local: string, zone: string) => {
  const parts = parseLocalDateTime(local);
  if (!parts) throw new Error(`not a local time: ${local}`);
  const result = zonedToInstant(parts, zone);
  return result.ok ? result.instant.toISOString() : result.reason;
};

describe('zoned time', () => {
  it('reads 09:00 in Paris as 08:00Z before the spring change and 07:00Z the day after it', () => {
    expect(at('2027-03-27T09:00', 'Europe/Paris')).toBe('2027-03-27T08:00:00.000Z');
    expect(at('2027-03-29T09:00', 'Europe/Paris')).toBe('2027-03-29T07:00:00.000Z');
  });

  it('refuses a time skipped when clocks go forward and takes the first of a repeated one', () => {
    expect(at('2027-03-28T02:30', 'Europe/Paris')).toBe('nonexistent');
    expect(at('2027-10-31T02:30', 'Europe/Paris')).toBe('2027-10-31T00:30:00.000Z');
    expect(at('2027-03-14T02:30', 'America/New_York')).toBe('nonexistent');
    expect(at('2027-11-07T01:30', 'America/New_York')).toBe('2027-11-07T05:30:00.000Z');
  });

  it('handles zones with half-hour offsets and UTC', () => {
    expect(at('2027-01-15T12:00', 'Asia/Kolkata')).toBe('2027-01-15T06:30:00.000Z');
    expect(at('2027-01-15T12:00:30', 'UTC')).toBe('2027-01-15T12:00:30.000Z');
  });

  it('round-trips through the wall clock of the zone', () => {
    for (const zone of ['Europe/Paris', 'America/Sao_Paulo', 'Australia/Lord_Howe', 'Pacific/Chatham']) {
      for (let day = 0; day < 366; day += 7) {
        const instant = new Date(Date.UTC(2027, 0, 1, 10, 15) + day * 86_400_000);
        const result = zonedToInstant(toZonedParts(instant, zone), zone);
        expect(result.ok && result.instant.toISOString(), `${zone} ${instant.toISOString()}`).toBe(
          instant.toISOString(),
        );
      }
    }
  });

  it('parses only real local date-times without an offset', () => {
    expect(parseLocalDateTime('2027-02-29T09:00')).toBeNull();
    expect(parseLocalDateTime('2027-03-29T24:00')).toBeNull();
    expect(parseLocalDateTime('2027-03-29T09:00Z')).toBeNull();
    expect(parseLocalDateTime('2027-03-29 09:00')).toMatchObject({ year: 2027, month: 3, day: 29, hour: 9 });
  });
});
