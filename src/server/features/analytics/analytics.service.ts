// Cookieless analytics: what is counted, and the workspace's summary. Public events arrive through
// `analytics-public.routes.ts` (a JS tracker, the widget) and from the server-rendered changelog
// pages themselves (`recordServedPageView`, which needs no script). Only published entries of the
// workspace and its own widget are counted; bots are not; no IP or user agent is kept.
import { randomBytes } from 'node:crypto';
import type { AppDeps, RequestInfo } from '../../app-context.ts';
import { AppError } from '../../platform/errors.ts';
import { addDays, daysBetween, dayToUtcMs } from '../calendar/calendar.days.ts';
import {
  findPublicWorkspaceById,
  findPublicWorkspaceBySlug,
  type PublicWorkspace,
} from '../public-changelog/public-changelog.service.ts';
import type { WorkspaceAccess } from '../workspaces/workspace-access.ts';
import { bufferEvents, type CountedEvent, flushAnalytics } from './analytics.buffer.ts';
import {
  dailyBetween,
  publishedEntryIds,
  topEntriesBetween,
  topReferrersBetween,
  visitorsPerDay,
  widgetIdOfWorkspace,
  workspaceOfWidget,
  writeAggregates,
} from './analytics.queries.ts';
import { type AnalyticsEvent, type AnalyticsSummary, maxSummaryDays } from './analytics.schemas.ts';
import { isBot } from './bots.ts';
import { utcDay, visitorIdFor } from './visitor-id.ts';

interface Catalogue {
  version: string;
  ids: Set<string>;
  bySlug: Map<string, string>;
  widgetId?: string;
  widgetCheckedAt: number;
}

/** A missing widget is asked for again after this long (it is made on first use). */
const widgetRecheckMs = 30_000;
const catalogues = new WeakMap<AppDeps, Map<string, Catalogue>>();
const widgetWorkspaces = new WeakMap<AppDeps, Map<string, string>>();

/** The workspace's published entries, reread whenever its public data version changes. */
async function catalogueOf(deps: AppDeps, workspace: PublicWorkspace): Promise<Catalogue> {
  let byWorkspace = catalogues.get(deps);
  if (!byWorkspace) {
    byWorkspace = new Map();
    catalogues.set(deps, byWorkspace);
  }
  let catalogue = byWorkspace.get(workspace.id);
  if (!catalogue || catalogue.version !== workspace.version) {
    const rows = await publishedEntryIds(deps.db, workspace.id, deps.clock.now());
    catalogue = {
      version: workspace.version,
      ids: new Set(rows.map((row) => row.id)),
      bySlug: new Map(rows.map((row) => [row.slug, row.id])),
      widgetId: catalogue?.widgetId,
      widgetCheckedAt: catalogue?.widgetCheckedAt ?? 0,
    };
    byWorkspace.set(workspace.id, catalogue);
  }
  return catalogue;
}

async function widgetIdOf(deps: AppDeps, catalogue: Catalogue, workspaceId: string) {
  const now = Date.now();
  if (!catalogue.widgetId && now - catalogue.widgetCheckedAt > widgetRecheckMs) {
    catalogue.widgetId = await widgetIdOfWorkspace(deps.db, workspaceId);
    catalogue.widgetCheckedAt = now;
  }
  return catalogue.widgetId;
}

/** The host of a referrer URL, lower-cased, or undefined (no URL, not http(s), or Herald itself). */
export function referrerHost(deps: AppDeps, referrer: string | undefined): string | undefined {
  if (!referrer) return undefined;
  if (referrer.length > 300) return hostOf(deps, referrer);
  let cache = hostCaches.get(deps);
  if (!cache) {
    cache = new Map();
    hostCaches.set(deps, cache);
  }
  const cached = cache.get(referrer);
  if (cached !== undefined) return cached || undefined;
  const host = hostOf(deps, referrer);
  if (cache.size >= 10_000) cache.clear();
  cache.set(referrer, host ?? '');
  return host;
}

// Recent referrers and their host ('' for none): a popular link is parsed once.
const hostCaches = new WeakMap<AppDeps, Map<string, string>>();

function hostOf(deps: AppDeps, referrer: string): string | undefined {
  let url: URL;
  try {
    url = new URL(referrer);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  const host = url.hostname.toLowerCase();
  if (!host || host.length > 253) return undefined;
  if (host === new URL(deps.config.publicUrl).hostname.toLowerCase()) return undefined;
  return host;
}

const changelogPathPattern = /^\/changelog\/([^/?#]+)(?:\/entries\/([^/?#]+))?/;

/**
 * What a page_view's path names: `{ entryId }` for one of this workspace's published entries, `{}` for
 * any other page of its own (or of the site that embeds the tracker), null for a page that is not
 * counted — another workspace's changelog, or an entry page of an entry that is not published here.
 */
function pageOfPath(
  workspace: PublicWorkspace,
  catalogue: Catalogue,
  path: string,
): { entryId?: string } | null {
  const match = changelogPathPattern.exec(path);
  if (!match) return {};
  try {
    if (decodeURIComponent(match[1] ?? '') !== workspace.slug) return null;
    if (match[2] === undefined) return {};
    const entryId = catalogue.bySlug.get(decodeURIComponent(match[2]));
    return entryId ? { entryId } : null;
  } catch {
    return null; // a malformed escape
  }
}

async function visitorOf(deps: AppDeps, request: RequestInfo, workspaceId: string) {
  return visitorIdFor(deps, {
    ip: request.ipAddress ?? '',
    userAgent: request.userAgent ?? '',
    site: workspaceId,
  });
}

/** Events from the public tracking endpoint; answers how many will be counted. */
export async function trackPublicEvents(
  deps: AppDeps,
  request: RequestInfo,
  workspaceSlug: string,
  events: AnalyticsEvent[],
): Promise<number> {
  const workspace = await findPublicWorkspaceBySlug(deps, workspaceSlug);
  if (!workspace) throw new AppError('not_found', 'No public changelog here');
  if (isBot(request.userAgent ?? '')) return 0;
  const catalogue = await catalogueOf(deps, workspace);
  const day = utcDay(deps.clock.now());
  const counted: CountedEvent[] = [];
  let visitorId: string | undefined;
  for (const event of events) {
    if (event.type === 'page_view') {
      let entryId: string | undefined;
      if (event.entryId !== undefined) {
        if (!catalogue.ids.has(event.entryId)) continue;
        entryId = event.entryId;
      } else if (event.path !== undefined) {
        const page = pageOfPath(workspace, catalogue, event.path);
        if (!page) continue;
        entryId = page.entryId;
      }
      visitorId ??= await visitorOf(deps, request, workspace.id);
      counted.push({
        workspaceId: workspace.id,
        day,
        kind: 'page_view',
        entryId,
        visitorId,
        referrerHost: referrerHost(deps, event.referrer),
      });
    } else {
      if (event.widgetId !== (await widgetIdOf(deps, catalogue, workspace.id))) continue;
      if (event.entryId !== undefined && !catalogue.ids.has(event.entryId)) continue;
      counted.push({ workspaceId: workspace.id, day, kind: event.type, entryId: event.entryId });
    }
  }
  if (counted.length > 0) bufferEvents(deps, counted);
  return counted.length;
}

/**
 * A public changelog page was served (200 or 304: a revalidated page is still a view). Needs no
 * script on the page. Never fails the page: a problem is logged.
 */
export async function recordServedPageView(
  deps: AppDeps,
  request: RequestInfo,
  workspace: PublicWorkspace,
  input: { entrySlug?: string; referrer?: string },
): Promise<void> {
  try {
    if (isBot(request.userAgent ?? '')) return;
    let entryId: string | undefined;
    if (input.entrySlug !== undefined) {
      entryId = (await catalogueOf(deps, workspace)).bySlug.get(input.entrySlug);
      if (!entryId) return;
    }
    bufferEvents(deps, [
      {
        workspaceId: workspace.id,
        day: utcDay(deps.clock.now()),
        kind: 'page_view',
        entryId,
        visitorId: await visitorOf(deps, request, workspace.id),
        referrerHost: referrerHost(deps, input.referrer),
      },
    ]);
  } catch (error) {
    deps.log.warn({ err: error }, 'page view not recorded');
  }
}

/** Impressions and clicks reported to the widget's own events route also count per day here. */
export async function recordWidgetEventsDaily(
  deps: AppDeps,
  request: RequestInfo,
  widgetId: string,
  events: Array<{ type: 'impression' | 'click'; entryId?: string }>,
): Promise<void> {
  try {
    if (events.length === 0 || isBot(request.userAgent ?? '')) return;
    let byWidget = widgetWorkspaces.get(deps);
    if (!byWidget) {
      byWidget = new Map();
      widgetWorkspaces.set(deps, byWidget);
    }
    let workspaceId = byWidget.get(widgetId);
    if (!workspaceId) {
      workspaceId = await workspaceOfWidget(deps.db, widgetId);
      if (!workspaceId) return;
      byWidget.set(widgetId, workspaceId);
    }
    const workspace = await findPublicWorkspaceById(deps, workspaceId);
    if (!workspace) return;
    const catalogue = await catalogueOf(deps, workspace);
    const day = utcDay(deps.clock.now());
    const counted: CountedEvent[] = [];
    for (const event of events) {
      if (event.entryId !== undefined && !catalogue.ids.has(event.entryId)) continue;
      counted.push({
        workspaceId,
        day,
        kind: event.type === 'impression' ? 'widget_impression' : 'widget_click',
        entryId: event.entryId,
      });
    }
    if (counted.length > 0) bufferEvents(deps, counted);
  } catch (error) {
    deps.log.warn({ err: error }, 'widget events not recorded in analytics');
  }
}

const topLimit = 10;

/** Views, visitors, widget numbers per UTC day over [from, to], top entries and referrers. */
export async function analyticsSummary(
  deps: AppDeps,
  access: WorkspaceAccess,
  query: { from?: string; to?: string },
): Promise<AnalyticsSummary> {
  const to = query.to ?? utcDay(deps.clock.now());
  const from = query.from ?? addDays(to, -29);
  const span = ((dayToUtcMs(to) ?? 0) - (dayToUtcMs(from) ?? 0)) / 86_400_000 + 1;
  if (span < 1 || span > maxSummaryDays) {
    throw new AppError(
      'validation_failed',
      `from must be on or before to, at most ${maxSummaryDays} days apart`,
      [{ path: 'from', message: `${from} to ${to}` }],
    );
  }
  // What this process holds is written first, so a summary includes every view made so far here.
  await flushAnalytics(deps).catch((error) =>
    deps.log.warn({ err: error }, 'analytics flush failed; retried'),
  );
  const workspaceId = access.workspaceId;
  const [daily, visitors, topEntries, referrers] = await Promise.all([
    dailyBetween(deps.db, workspaceId, from, to),
    visitorsPerDay(deps.db, workspaceId, from, to),
    topEntriesBetween(deps.db, workspaceId, from, to, topLimit),
    topReferrersBetween(deps.db, workspaceId, from, to, topLimit),
  ]);
  const dailyByDay = new Map(daily.map((row) => [row.day, row]));
  const visitorsByDay = new Map(visitors.map((row) => [row.day, Number(row.visitors)]));
  const days = daysBetween(from, to).map((day) => {
    const row = dailyByDay.get(day);
    return {
      day,
      views: row?.views ?? 0,
      visitors: visitorsByDay.get(day) ?? 0,
      widgetImpressions: row?.widgetImpressions ?? 0,
      widgetClicks: row?.widgetClicks ?? 0,
    };
  });
  const sum = (pick: (d: (typeof days)[number]) => number) => days.reduce((total, d) => total + pick(d), 0);
  const widgetImpressions = sum((d) => d.widgetImpressions);
  const widgetClicks = sum((d) => d.widgetClicks);
  return {
    from,
    to,
    timezone: 'UTC',
    totals: {
      views: sum((d) => d.views),
      visitors: sum((d) => d.visitors),
      widgetImpressions,
      widgetClicks,
      widgetCtr: widgetImpressions > 0 ? widgetClicks / widgetImpressions : 0,
    },
    days,
    topEntries: topEntries.map((row) => ({
      ...row,
      views: Number(row.views),
      widgetImpressions: Number(row.widgetImpressions),
      widgetClicks: Number(row.widgetClicks),
    })),
    referrers: referrers.map((row) => ({ host: row.host, views: Number(row.views) })),
  };
}

/** One UTC day of a workspace's audience, as the daily aggregates hold it (the demo seed). */
export interface AnalyticsHistoryDay {
  day: string;
  /** Every page view of the day, entry pages included. */
  pageViews: number;
  /** Unique visitors: this many fresh random visitor ids are recorded for the day. */
  visitors: number;
  widgetImpressions: number;
  widgetClicks: number;
  entries: Array<{ entryId: string; views: number; widgetImpressions: number; widgetClicks: number }>;
  referrers: Array<{ host: string; views: number }>;
}

/**
 * Writes past days of audience straight into the daily aggregates (the demo seed), through the same
 * upsert a flush uses, so the numbers add to anything already counted. Entries must be published
 * entries of the workspace and days no later than today (UTC); anything else is refused. Visitor ids are random 32-byte hex strings, the
 * shape of a real (hashed) id, tied to nothing: no IP, user agent or salt is involved.
 */
export async function seedAnalyticsHistory(
  deps: Pick<AppDeps, 'db' | 'clock'>,
  access: WorkspaceAccess,
  days: AnalyticsHistoryDay[],
): Promise<void> {
  const workspaceId = access.workspaceId;
  const today = utcDay(deps.clock.now());
  const published = new Set(
    (await publishedEntryIds(deps.db, workspaceId, deps.clock.now())).map((row) => row.id),
  );
  for (const day of days) {
    if (dayToUtcMs(day.day) === null || day.day > today) {
      throw new AppError('validation_failed', `Not a past UTC day: ${day.day}`);
    }
    const unknown = day.entries.find((entry) => !published.has(entry.entryId));
    if (unknown) throw new AppError('validation_failed', `Not a published entry here: ${unknown.entryId}`);
  }
  await writeAggregates(deps.db, {
    daily: days.map(({ day, pageViews, widgetImpressions, widgetClicks }) => ({
      workspaceId,
      day,
      pageViews,
      widgetImpressions,
      widgetClicks,
    })),
    entries: days.flatMap(({ day, entries }) => entries.map((entry) => ({ workspaceId, day, ...entry }))),
    visitors: days.flatMap(({ day, visitors }) =>
      Array.from({ length: visitors }, () => ({
        workspaceId,
        day,
        visitorId: randomBytes(32).toString('hex'),
      })),
    ),
    referrers: days.flatMap(({ day, referrers }) =>
      referrers.map((referrer) => ({
        workspaceId,
        day,
        host: referrer.host.toLowerCase(),
        views: referrer.views,
      })),
    ),
  });
}
