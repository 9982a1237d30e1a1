import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '../../platform/db.ts';
import { subscriptions } from '../billing/billing.table.ts';

export interface UsagePeriod {
  start: Date;
  end: Date;
  basis: 'calendar_month' | 'subscription';
}

export function calendarMonthOf(now: Date): UsagePeriod {
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  const end = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
  return { start, end, basis: 'calendar_month' };
}

/** `months` later on the anchor's day and time, clamped to the month's last day (Jan 31 → Feb 28). */
export function addUtcMonths(anchor: Date, months: number): Date {
  const year = anchor.getUTCFullYear();
  const month = anchor.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const day = Math.min(anchor.getUTCDate(), lastDay);
  return new Date(
    Date.UTC(
      year,
      month,
      day,
      anchor.getUTCHours(),
      anchor.getUTCMinutes(),
      anchor.getUTCSeconds(),
      anchor.getUTCMilliseconds(),
    ),
  );
}

/** The month-long slice, counted from `anchor`, that contains `now` (`now` ≥ `anchor`). */
function monthContaining(anchor: Date, now: Date): { start: Date; end: Date } {
  let months =
    (now.getUTCFullYear() - anchor.getUTCFullYear()) * 12 + now.getUTCMonth() - anchor.getUTCMonth();
  while (months > 0 && addUtcMonths(anchor, months) > now) months--;
  while (addUtcMonths(anchor, months + 1) <= now) months++;
  return { start: addUtcMonths(anchor, months), end: addUtcMonths(anchor, months + 1) };
}

// A provider's monthly period is 28 to 31 days; anything longer (quarterly, yearly) is split.
const longestMonthMs = 32 * 24 * 60 * 60 * 1000;

/**
 * The month a subscription's quotas and credit grant count against at `now`:
 * - inside a monthly period: that period exactly as the provider reported it;
 * - inside a longer one (a yearly plan): the month-long slice from its start, so limits and the
 *   monthly grant still renew every month, on the subscription's day;
 * - after the period ended while the subscription is still live: the renewal has not been reported
 *   yet, so the next period is taken to start where the last one ended. The provider's renewal names
 *   that same start, so usage in the gap is neither lost nor counted in a separate calendar month.
 */
export function subscriptionPeriodAt(
  subscription: { start: Date; end: Date },
  now: Date,
): { start: Date; end: Date } | null {
  const { start, end } = subscription;
  if (now < start || end <= start) return null;
  if (now >= end) return monthContaining(end, now);
  if (end.getTime() - start.getTime() <= longestMonthMs) return { start, end };
  const slice = monthContaining(start, now);
  return { start: slice.start, end: new Date(Math.min(slice.end.getTime(), end.getTime())) };
}

/**
 * The period usage counts against: the live subscription's billing month (see subscriptionPeriodAt),
 * else the calendar month (UTC).
 */
export async function currentUsagePeriod(db: Database, workspaceId: string, now: Date): Promise<UsagePeriod> {
  const [subscription] = await db
    .select({ start: subscriptions.currentPeriodStart, end: subscriptions.currentPeriodEnd })
    .from(subscriptions)
    .where(
      and(
        eq(subscriptions.workspaceId, workspaceId),
        inArray(subscriptions.status, ['active', 'trialing', 'past_due']),
      ),
    )
    // A live subscription without a reported period must not hide one with a period.
    .orderBy(sql`${subscriptions.currentPeriodEnd} desc nulls last`, desc(subscriptions.updatedAt))
    .limit(1);
  if (subscription?.start && subscription.end) {
    const period = subscriptionPeriodAt({ start: subscription.start, end: subscription.end }, now);
    if (period) return { ...period, basis: 'subscription' };
  }
  return calendarMonthOf(now);
}
