// Three weeks of plausible audience for the demo workspace, from a seeded PRNG so every fresh install
// shows the same shape: weekdays busier than weekends, a spike the day the major entry went out
// (and a Hacker News referral with it), a smaller bump for every other entry, entry views only from
// the entry's publication day on, and widget loads on the product's own site. Pure: no database.
import type { AnalyticsHistoryDay } from '../analytics/analytics.service.ts';

export interface TrafficEntry {
  id: string;
  publishedAt: Date;
  major: boolean;
}

export interface DemoTraffic {
  days: AnalyticsHistoryDay[];
  /** The same widget numbers as the days add up to, for the widget's own counters. */
  widget: {
    impressions: number;
    clicks: number;
    entries: Array<{ entryId: string; impressions: number; clicks: number }>;
  };
}

const dayMs = 86_400_000;
/** What the embedded widget lists at most (widget.service's widgetEntryCount). */
const widgetEntryLimit = 10;

/** mulberry32: tiny, fast and good enough for made-up traffic. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** `total` split into whole parts proportional to `weights` (largest remainder first). */
export function splitByWeight(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (total <= 0 || sum <= 0) return weights.map(() => 0);
  const exact = weights.map((w) => (total * w) / sum);
  const parts = exact.map(Math.floor);
  let left = total - parts.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => ({ i, rest: x - Math.floor(x) })).sort((a, b) => b.rest - a.rest);
  for (const { i } of order) {
    if (left <= 0) break;
    parts[i] = (parts[i] ?? 0) + 1;
    left--;
  }
  return parts;
}

const utcDay = (at: Date) => at.toISOString().slice(0, 10);
const dayStartMs = (day: string) => Date.parse(`${day}T00:00:00Z`);

/** Days since the entry's publication day (negative before it). */
const ageOn = (entry: TrafficEntry, day: string) =>
  Math.round((dayStartMs(day) - dayStartMs(utcDay(entry.publishedAt))) / dayMs);

/**
 * Visitors the days after a publication bring: a launch adds a crowd on top of the usual (the link
 * travels whatever the weekday), an ordinary entry nudges the usual up.
 */
function publicationEffect(entries: TrafficEntry[], day: string): { factor: number; extra: number } {
  let factor = 1;
  let extra = 0;
  for (const entry of entries) {
    const age = ageOn(entry, day);
    if (entry.major) extra += [60, 28, 12, 5][age] ?? 0;
    else factor *= [1.35, 1.15][age] ?? 1;
  }
  return { factor, extra };
}

/** How much interest an entry draws on a day: newer is read more, the launch most. */
function interestIn(entry: TrafficEntry, day: string): number {
  const age = ageOn(entry, day);
  return (entry.major ? 2.5 : 1) * (age === 0 ? 1.8 : 1) * (1 / (1 + age / 5));
}

/** Referring hosts and their usual weight; Hacker News shows up around the launch. */
function referrerWeights(entries: TrafficEntry[], day: string): Array<[string, number]> {
  const launchAge = Math.min(
    ...entries
      .filter((e) => e.major)
      .map((e) => ageOn(e, day))
      .filter((a) => a >= 0),
  );
  const hackerNews = [14, 5, 1.5][launchAge] ?? 0.15;
  return [
    ['google.com', 4],
    ['x.com', 2],
    ['news.ycombinator.com', hackerNews],
    ['dev.to', 1.2],
    ['linkedin.com', 1],
  ];
}

/**
 * The last `dayCount` UTC days up to `now`'s, today scaled to the part of it that has passed. Entries
 * are counted only from their publication day on, so pass published entries only.
 */
export function demoTraffic(input: {
  now: Date;
  dayCount: number;
  entries: TrafficEntry[];
  seed?: number;
}): DemoTraffic {
  const random = seededRandom(input.seed ?? 20_240_611);
  const between = (low: number, high: number) => low + random() * (high - low);
  const today = utcDay(input.now);
  const todayPart = Math.max(0.15, (input.now.getTime() - dayStartMs(today)) / dayMs);
  const widgetEntries = new Map<string, { entryId: string; impressions: number; clicks: number }>();
  let widgetImpressions = 0;
  let widgetClicks = 0;
  const days: AnalyticsHistoryDay[] = [];
  for (let back = input.dayCount - 1; back >= 0; back--) {
    const day = utcDay(new Date(dayStartMs(today) - back * dayMs));
    const part = day === today ? todayPart : 1;
    const weekday = new Date(dayStartMs(day)).getUTCDay();
    const weekend = weekday === 0 || weekday === 6;
    const visible = input.entries
      .filter((entry) => ageOn(entry, day) >= 0)
      .sort((a, b) => b.publishedAt.getTime() - a.publishedAt.getTime());
    const effect = publicationEffect(visible, day);
    const usual = (weekend ? between(7, 12) : between(18, 27)) * effect.factor;
    const visitors = Math.round((usual + effect.extra * between(0.85, 1.15)) * part);
    const pageViews = Math.round(visitors * between(1.35, 1.85));
    const interest = visible.map((entry) => interestIn(entry, day));
    const entryViews = splitByWeight(Math.round(pageViews * between(0.5, 0.65)), interest);
    const launchDay = visible.some((entry) => entry.major && ageOn(entry, day) <= 1);
    const referred = Math.round(pageViews * (launchDay ? between(0.5, 0.6) : between(0.28, 0.38)));
    const hosts = referrerWeights(visible, day);
    const referrerViews = splitByWeight(
      referred,
      hosts.map(([, weight]) => weight * between(0.7, 1.3)),
    );

    // One load of the product's page reports the widget once plus each entry it lists.
    const loads = Math.round((weekend ? between(22, 36) : between(65, 100)) * (launchDay ? 1.15 : 1) * part);
    const listed = visible.slice(0, widgetEntryLimit);
    const clicks = Math.round(loads * between(0.03, 0.05) * (launchDay ? 2.2 : 1));
    const listedInterest = listed.map((entry) => interestIn(entry, day));
    const entryClicks = splitByWeight(Math.round(clicks * 0.8), listedInterest);

    const perEntry = visible.map((entry, index) => {
      const isListed = index < listed.length;
      return {
        entryId: entry.id,
        views: entryViews[index] ?? 0,
        widgetImpressions: isListed ? loads : 0,
        widgetClicks: isListed ? (entryClicks[index] ?? 0) : 0,
      };
    });
    for (const row of perEntry) {
      const total = widgetEntries.get(row.entryId) ?? { entryId: row.entryId, impressions: 0, clicks: 0 };
      total.impressions += row.widgetImpressions;
      total.clicks += row.widgetClicks;
      widgetEntries.set(row.entryId, total);
    }
    widgetImpressions += loads;
    widgetClicks += clicks;
    days.push({
      day,
      pageViews,
      visitors,
      widgetImpressions: loads * (1 + listed.length),
      widgetClicks: clicks,
      entries: perEntry.filter((row) => row.views + row.widgetImpressions + row.widgetClicks > 0),
      referrers: hosts
        .map(([host], index) => ({ host, views: referrerViews[index] ?? 0 }))
        .filter((row) => row.views > 0),
    });
  }
  return {
    days,
    widget: { impressions: widgetImpressions, clicks: widgetClicks, entries: [...widgetEntries.values()] },
  };
}
