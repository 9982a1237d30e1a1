import { describe, expect, it } from 'vitest';
import {
  addDays,
  dayOfInstant,
  formatRangeTitle,
  isDay,
  monthGridDays,
  moveToDay,
  shiftAnchor,
  timeOfInstant,
  todayIn,
  weekDays,
} from './calendar-dates';

describe('calendar dates', () => {
  it('lays a month out in whole Monday-first weeks', () => {
    const days = monthGridDays('2027-03-15');
    expect(days[0]).toBe('2027-03-01');
    expect(days.at(-1)).toBe('2027-04-04');
    expect(days.length % 7).toBe(0);
    const february = monthGridDays('2026-02-10');
    expect(february[0]).toBe('2026-01-26');
    expect(february.at(-1)).toBe('2026-03-01');
  });

  it('gives the Monday to Sunday week holding a day, also across a year end', () => {
    expect(weekDays('2027-01-01')).toEqual([
      '2026-12-28',
      '2026-12-29',
      '2026-12-30',
      '2026-12-31',
      '2027-01-01',
      '2027-01-02',
      '2027-01-03',
    ]);
    expect(formatRangeTitle('week', '2027-01-01')).toBe('Dec 28 – Jan 3 2027');
  });

  it('steps a month or a week at a time and refuses impossible days', () => {
    expect(shiftAnchor('month', '2027-01-31', 1)).toBe('2027-02-01');
    expect(shiftAnchor('month', '2027-01-31', -1)).toBe('2026-12-01');
    expect(shiftAnchor('week', '2027-03-29', -1)).toBe('2027-03-22');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(isDay('2027-02-29')).toBe(false);
    expect(isDay('2028-02-29')).toBe(true);
  });

  it('reads days and times on the workspace clock, not the browser clock', () => {
    const instant = '2027-03-28T23:30:00Z';
    expect(dayOfInstant(instant, 'UTC')).toBe('2027-03-28');
    expect(dayOfInstant(instant, 'Europe/Paris')).toBe('2027-03-29');
    expect(timeOfInstant(instant, 'Europe/Paris')).toBe('01:30');
    expect(todayIn('America/Los_Angeles', new Date('2027-01-01T05:00:00Z'))).toBe('2026-12-31');
  });

  it('keeps the local time of day when a post moves across a daylight-saving change', () => {
    // 09:00 in Paris is 08:00Z in winter; the clocks go forward on 28 March 2027.
    const moved = moveToDay('2027-03-26T08:00:00Z', '2027-03-29', 'Europe/Paris');
    expect(moved).toEqual({ ok: true, instant: new Date('2027-03-29T07:00:00Z') });
    const back = moveToDay('2027-11-08T14:30:00Z', '2027-10-29', 'America/New_York');
    // 09:30 EST (−5) on 8 November becomes 09:30 EDT (−4) on 29 October.
    expect(back).toEqual({ ok: true, instant: new Date('2027-10-29T13:30:00Z') });
  });

  it('refuses a time the clocks skip on the target day', () => {
    const moved = moveToDay('2027-03-27T01:30:00Z', '2027-03-28', 'Europe/Paris');
    expect(moved.ok).toBe(false);
    if (!moved.ok) expect(moved.message).toMatch(/02:30 does not exist on 2027-03-28/);
  });
});
