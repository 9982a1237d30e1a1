import { timestamp } from 'drizzle-orm/pg-core';

/**
 * `created_at` filled in JavaScript (millisecond precision) rather than by `now()` (microseconds), so
 * a cursor built from a JS Date compares equal to the row it came from.
 */
export function createdAtColumn() {
  return timestamp('created_at', { withTimezone: true })
    .notNull()
    .defaultNow()
    .$defaultFn(() => new Date());
}
