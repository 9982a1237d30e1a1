// `<input type="datetime-local">` values ("2027-03-29T09:00") in the workspace's timezone. The API reads
// a time without an offset in that timezone, so the browser's own zone never gets involved.

function parts(date: Date, timeZone: string): Record<string, string> {
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
  } catch {
    return parts(date, 'UTC');
  }
  return Object.fromEntries(format.formatToParts(date).map((part) => [part.type, part.value]));
}

/** The wall-clock time of an instant in a timezone, as a datetime-local value. */
export function toWallClock(date: Date, timeZone: string): string {
  const p = parts(date, timeZone);
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}

/** A sensible first choice: the next whole hour at least 30 minutes away. */
export function defaultScheduleTime(timeZone: string, now = new Date()): string {
  const next = new Date(now.getTime() + 30 * 60_000);
  next.setUTCMinutes(0, 0, 0);
  next.setUTCHours(next.getUTCHours() + 1);
  return toWallClock(next, timeZone);
}
