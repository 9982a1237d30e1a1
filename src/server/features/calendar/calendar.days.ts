// Pure day arithmetic for the calendar. Days are `YYYY-MM-DD` strings on the proleptic Gregorian
// calendar; they are computed through Date.UTC so no local timezone of the server leaks in.
import { toZonedParts } from '../../../shared/time/zoned-time.ts';

const dayMs = 86_400_000;
const dayPattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Milliseconds of the day's UTC midnight, or null when `day` is not a real date in 1970..9999. */
export function dayToUtcMs(day: string): number | null {
  const match = dayPattern.exec(day);
  if (!match) return null;
  const [year, month, date] = match.slice(1).map(Number) as [number, number, number];
  if (year < 1970 || year > 9999) return null;
  const ms = Date.UTC(year, month - 1, date);
  const check = new Date(ms);
  return check.getUTCMonth() === month - 1 && check.getUTCDate() === date ? ms : null;
}

export const isRealDay = (day: string) => dayToUtcMs(day) !== null;

export function utcMsToDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function addDays(day: string, days: number): string {
  return utcMsToDay((dayToUtcMs(day) ?? 0) + days * dayMs);
}

/** The day `instant` falls on in `timeZone`. */
export function dayInZone(instant: Date, timeZone: string): string {
  const p = toZonedParts(instant, timeZone);
  return `${String(p.year).padStart(4, '0')}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

/** Monday of the week that holds `day`. */
export function mondayOf(day: string): string {
  const weekday = new Date(dayToUtcMs(day) ?? 0).getUTCDay(); // 0 = Sunday
  return addDays(day, -((weekday + 6) % 7));
}

/** First and last day shown: the Monday..Sunday week of `date`, or the whole weeks covering its month. */
export function calendarRange(view: 'month' | 'week', date: string): { from: string; to: string } {
  if (view === 'week') {
    const from = mondayOf(date);
    return { from, to: addDays(from, 6) };
  }
  const first = `${date.slice(0, 7)}-01`;
  const nextMonth = new Date(dayToUtcMs(first) ?? 0);
  nextMonth.setUTCMonth(nextMonth.getUTCMonth() + 1);
  const last = utcMsToDay(nextMonth.getTime() - dayMs);
  return { from: mondayOf(first), to: addDays(mondayOf(last), 6) };
}

export function daysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) out.push(day);
  return out;
}

/**
 * Instants that surely cover every moment of the days from..to in any timezone (offsets stay within
 * ±14 hours); the caller buckets by the zoned day and drops what falls outside.
 */
export function coveringInstants(from: string, to: string): { start: Date; end: Date } {
  const margin = 15 * 3_600_000;
  return {
    start: new Date((dayToUtcMs(from) ?? 0) - margin),
    end: new Date((dayToUtcMs(to) ?? 0) + dayMs + margin),
  };
}
