// Wall-clock times in an IANA timezone ↔ instants, with Intl only (no tz database of our own), so the
// server (scheduling) and the web UI (calendar) agree. Pure: no Node or DOM APIs.

export interface LocalDateTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The wall-clock reading in `timeZone` at `instant`. */
export function toZonedParts(instant: Date, timeZone: string): LocalDateTime {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year ?? 0,
    month: parts.month ?? 0,
    day: parts.day ?? 0,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

const asUtcMs = (t: LocalDateTime) => Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second);

/** How far `timeZone` is ahead of UTC at `instant`, in milliseconds. */
export function zoneOffsetMs(instant: Date, timeZone: string): number {
  const wholeSeconds = Math.floor(instant.getTime() / 1000) * 1000;
  return asUtcMs(toZonedParts(new Date(wholeSeconds), timeZone)) - wholeSeconds;
}

export type ZonedResult =
  | { ok: true; instant: Date }
  /** The time is skipped when clocks go forward (02:30 on a spring-forward night). */
  | { ok: false; reason: 'nonexistent' };

/**
 * The instant at which clocks in `timeZone` read `local`. A time that occurs twice (clocks going
 * back) is the first of the two; a time that never occurs (clocks going forward) is refused.
 */
export function zonedToInstant(local: LocalDateTime, timeZone: string): ZonedResult {
  const wall = asUtcMs(local);
  // The offset can only be one of the two around the change: try the one before and the one after.
  const candidates = [
    wall - zoneOffsetMs(new Date(wall - 86_400_000), timeZone),
    wall - zoneOffsetMs(new Date(wall + 86_400_000), timeZone),
  ]
    .filter((ms) => asUtcMs(toZonedParts(new Date(ms), timeZone)) === wall)
    .sort((a, b) => a - b);
  const first = candidates[0];
  return first === undefined ? { ok: false, reason: 'nonexistent' } : { ok: true, instant: new Date(first) };
}

const localPattern = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/;

/** `2027-03-29T09:00` (no offset) as its parts, or null when it is not such a string or not a real date. */
export function parseLocalDateTime(value: string): LocalDateTime | null {
  const match = localPattern.exec(value.trim());
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match
    .slice(1)
    .map((part) => Number(part ?? 0)) as number[];
  const local = { year, month, day, hour, minute, second } as LocalDateTime;
  const check = new Date(asUtcMs(local));
  const valid =
    check.getUTCFullYear() === local.year &&
    check.getUTCMonth() + 1 === local.month &&
    check.getUTCDate() === local.day &&
    local.hour < 24 &&
    local.minute < 60 &&
    local.second < 60;
  return valid ? local : null;
}
