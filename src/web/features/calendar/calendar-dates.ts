// Calendar arithmetic on "day" strings (YYYY-MM-DD, a date in the workspace's timezone) and the one
// conversion that needs a timezone: moving a post to another day at the same wall-clock time. Days are
// computed with Date.UTC so the browser's own timezone never leaks in.
import { toZonedParts, zonedToInstant } from '../../../shared/time/zoned-time';

export type CalendarView = 'month' | 'week';

const dayPattern = /^(\d{4})-(\d{2})-(\d{2})$/;

const pad = (value: number, length = 2) => String(value).padStart(length, '0');

function dayFromUtc(date: Date): string {
  return `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

function utcOf(day: string): Date {
  const match = dayPattern.exec(day);
  if (!match) throw new Error(`Not a day: ${day}`);
  return new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
}

/** A real YYYY-MM-DD date (no 2027-02-30). */
export function isDay(value: string): boolean {
  if (!dayPattern.test(value)) return false;
  return dayFromUtc(utcOf(value)) === value;
}

export function addDays(day: string, count: number): string {
  const date = utcOf(day);
  date.setUTCDate(date.getUTCDate() + count);
  return dayFromUtc(date);
}

/** 0 = Monday … 6 = Sunday: the calendar starts its weeks on Monday. */
export function weekdayIndex(day: string): number {
  return (utcOf(day).getUTCDay() + 6) % 7;
}

export function mondayOf(day: string): string {
  return addDays(day, -weekdayIndex(day));
}

/** Monday..Sunday of the week holding `day`. */
export function weekDays(day: string): string[] {
  const monday = mondayOf(day);
  return Array.from({ length: 7 }, (_, index) => addDays(monday, index));
}

/** The whole weeks (Monday first) that cover the month holding `day`. */
export function monthGridDays(day: string): string[] {
  const date = utcOf(day);
  const first = dayFromUtc(new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1)));
  const last = dayFromUtc(new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)));
  const days: string[] = [];
  for (
    let cursor = mondayOf(first);
    cursor <= last || weekdayIndex(cursor) !== 0;
    cursor = addDays(cursor, 1)
  ) {
    days.push(cursor);
  }
  return days;
}

export function sameMonth(a: string, b: string): boolean {
  return a.slice(0, 7) === b.slice(0, 7);
}

/** The day the previous/next button leads to: a month or a week away. */
export function shiftAnchor(view: CalendarView, day: string, direction: 1 | -1): string {
  if (view === 'week') return addDays(day, 7 * direction);
  const date = utcOf(day);
  return dayFromUtc(new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + direction, 1)));
}

/** Today's date on the workspace's wall clock. */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  return dayOfInstant(now, timeZone);
}

export function dayOfInstant(instant: Date | string, timeZone: string): string {
  const parts = toZonedParts(typeof instant === 'string' ? new Date(instant) : instant, timeZone);
  return `${pad(parts.year, 4)}-${pad(parts.month)}-${pad(parts.day)}`;
}

/** "09:30" on the workspace's wall clock. */
export function timeOfInstant(instant: string, timeZone: string): string {
  const parts = toZonedParts(new Date(instant), timeZone);
  return `${pad(parts.hour)}:${pad(parts.minute)}`;
}

export type MoveResult = { ok: true; instant: Date } | { ok: false; message: string };

/**
 * The instant that reads the same wall-clock time as `from` but on `targetDay`, in `timeZone`.
 * Across a DST change the UTC offset differs, so this is not `from + n × 24 h`.
 */
export function moveToDay(from: string, targetDay: string, timeZone: string): MoveResult {
  const parts = toZonedParts(new Date(from), timeZone);
  const target = utcOf(targetDay);
  const result = zonedToInstant(
    {
      year: target.getUTCFullYear(),
      month: target.getUTCMonth() + 1,
      day: target.getUTCDate(),
      hour: parts.hour,
      minute: parts.minute,
      second: parts.second,
    },
    timeZone,
  );
  if (!result.ok) {
    return {
      ok: false,
      message: `${pad(parts.hour)}:${pad(parts.minute)} does not exist on ${targetDay} in ${timeZone}: the clocks skip it.`,
    };
  }
  return { ok: true, instant: result.instant };
}

const monthTitle = new Intl.DateTimeFormat('en', { month: 'long', year: 'numeric', timeZone: 'UTC' });
const shortDay = new Intl.DateTimeFormat('en', { day: 'numeric', month: 'short', timeZone: 'UTC' });
const longDay = new Intl.DateTimeFormat('en', {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

export function formatMonthTitle(day: string): string {
  return monthTitle.format(utcOf(day));
}

export function formatShortDay(day: string): string {
  return shortDay.format(utcOf(day));
}

/** "Monday, 29 March 2027": the accessible name of a day cell. */
export function formatLongDay(day: string): string {
  return longDay.format(utcOf(day));
}

export function formatRangeTitle(view: CalendarView, day: string): string {
  if (view === 'month') return formatMonthTitle(day);
  const days = weekDays(day);
  const first = days[0] as string;
  const last = days[6] as string;
  return `${formatShortDay(first)} – ${formatShortDay(last)} ${last.slice(0, 4)}`;
}

export const weekdayLabels = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;
