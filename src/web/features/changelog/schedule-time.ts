import { parseLocalDateTime, zonedToInstant } from '../../../shared/time/zoned-time';

/**
 * A `datetime-local` value read in the workspace's timezone, as an ISO instant (the API wants an
 * offset). Returns a message instead when the time does not exist or is not in the future.
 */
export function wallClockToInstant(
  value: string,
  timeZone: string,
  now = new Date(),
): string | { error: string } {
  const local = parseLocalDateTime(value);
  if (!local) return { error: 'Pick a date and a time.' };
  const result = zonedToInstant(local, timeZone);
  if (!result.ok) return { error: `That time does not exist in ${timeZone} (the clocks skip it).` };
  if (result.instant.getTime() <= now.getTime()) return { error: 'Pick a time in the future.' };
  return result.instant.toISOString();
}
