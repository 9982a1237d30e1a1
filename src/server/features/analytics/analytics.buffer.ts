// The ingest buffer: accepted events are added up in memory per (workspace, day, …) and written in
// batches — one multi-row INSERT … ON CONFLICT DO UPDATE per aggregate table, in one transaction —
// every ANALYTICS_FLUSH_INTERVAL_MS and as soon as ANALYTICS_FLUSH_EVENTS events are waiting. A failed
// write puts its counts back for the next flush. `closeAnalytics` (bootstrap's shutdown, before the
// database closes) writes what is left, so an accepted event is not lost on a graceful shutdown.
import type { AppDeps } from '../../app-context.ts';
import { AppError } from '../../platform/errors.ts';
import {
  type AggregateBatch,
  type DailyRow,
  type EntryDailyRow,
  type ReferrerRow,
  type VisitorRow,
  writeAggregates,
} from './analytics.queries.ts';
import { rememberVisitor } from './visitor-id.ts';

export interface CountedEvent {
  workspaceId: string;
  day: string;
  kind: 'page_view' | 'widget_impression' | 'widget_click';
  entryId?: string;
  /** Page views only: counts the visitor for the day. */
  visitorId?: string;
  referrerHost?: string;
}

class Pending {
  daily = new Map<string, DailyRow>();
  entries = new Map<string, EntryDailyRow>();
  visitors = new Map<string, VisitorRow>();
  referrers = new Map<string, ReferrerRow>();
  events = 0;

  add(event: CountedEvent, times = 1): void {
    const { workspaceId, day } = event;
    const view = event.kind === 'page_view' ? times : 0;
    const impression = event.kind === 'widget_impression' ? times : 0;
    const click = event.kind === 'widget_click' ? times : 0;
    const dailyKey = `${workspaceId}|${day}`;
    const daily = this.daily.get(dailyKey);
    if (daily) {
      daily.pageViews += view;
      daily.widgetImpressions += impression;
      daily.widgetClicks += click;
    } else {
      this.daily.set(dailyKey, {
        workspaceId,
        day,
        pageViews: view,
        widgetImpressions: impression,
        widgetClicks: click,
      });
    }
    if (event.entryId) {
      const key = `${dailyKey}|${event.entryId}`;
      const row = this.entries.get(key);
      if (row) {
        row.views += view;
        row.widgetImpressions += impression;
        row.widgetClicks += click;
      } else {
        this.entries.set(key, {
          workspaceId,
          day,
          entryId: event.entryId,
          views: view,
          widgetImpressions: impression,
          widgetClicks: click,
        });
      }
    }
    if (event.visitorId) {
      const key = `${dailyKey}|${event.visitorId}`;
      if (!this.visitors.has(key)) this.visitors.set(key, { workspaceId, day, visitorId: event.visitorId });
    }
    if (event.referrerHost && view > 0) {
      const key = `${dailyKey}|${event.referrerHost}`;
      const row = this.referrers.get(key);
      if (row) row.views += view;
      else this.referrers.set(key, { workspaceId, day, host: event.referrerHost, views: view });
    }
    this.events += times;
  }

  merge(batch: AggregateBatch): void {
    for (const row of batch.daily) {
      const key = `${row.workspaceId}|${row.day}`;
      const mine = this.daily.get(key);
      if (!mine) this.daily.set(key, row);
      else {
        mine.pageViews += row.pageViews;
        mine.widgetImpressions += row.widgetImpressions;
        mine.widgetClicks += row.widgetClicks;
      }
    }
    for (const row of batch.entries) {
      const key = `${row.workspaceId}|${row.day}|${row.entryId}`;
      const mine = this.entries.get(key);
      if (!mine) this.entries.set(key, row);
      else {
        mine.views += row.views;
        mine.widgetImpressions += row.widgetImpressions;
        mine.widgetClicks += row.widgetClicks;
      }
    }
    for (const row of batch.visitors)
      this.visitors.set(`${row.workspaceId}|${row.day}|${row.visitorId}`, row);
    for (const row of batch.referrers) {
      const key = `${row.workspaceId}|${row.day}|${row.host}`;
      const mine = this.referrers.get(key);
      if (!mine) this.referrers.set(key, row);
      else mine.views += row.views;
    }
    this.events += 1;
  }

  rows(): number {
    return this.daily.size + this.entries.size + this.visitors.size + this.referrers.size;
  }

  toBatch(): AggregateBatch {
    return {
      daily: [...this.daily.values()],
      entries: [...this.entries.values()],
      visitors: [...this.visitors.values()],
      referrers: [...this.referrers.values()],
    };
  }
}

/** Distinct rows held in memory before new events are refused (503) while flushes fail. */
const maxPendingRows = 500_000;

interface BufferState {
  pending: Pending;
  flushing?: Promise<void>;
  timer?: NodeJS.Timeout;
  closed: boolean;
}

const buffers = new WeakMap<AppDeps, BufferState>();

function bufferOf(deps: AppDeps): BufferState {
  let state = buffers.get(deps);
  if (!state) {
    state = { pending: new Pending(), closed: false };
    buffers.set(deps, state);
  }
  return state;
}

function startTimer(deps: AppDeps, state: BufferState): void {
  if (state.timer || state.closed) return;
  state.timer = setInterval(() => {
    if (state.pending.events === 0) return;
    flushAnalytics(deps).catch((error) => deps.log.warn({ err: error }, 'analytics flush failed; retried'));
  }, deps.config.ANALYTICS_FLUSH_INTERVAL_MS);
  state.timer.unref();
}

/** Adds accepted events to the buffer; 503 once the process is shutting down. */
export function bufferEvents(deps: AppDeps, events: CountedEvent[]): void {
  const state = bufferOf(deps);
  if (state.closed)
    throw new AppError('service_unavailable', 'Herald is shutting down; send the events again');
  // The database is not taking the flushes: refuse more than a bounded backlog rather than grow forever.
  if (state.pending.rows() > maxPendingRows) {
    throw new AppError(
      'service_unavailable',
      'Analytics cannot keep up just now; send the events again later',
    );
  }
  // A request's events mostly repeat (one visitor, a few entries): identical ones are added once, times n.
  // One request's events share workspace, day and visitor, so the short key suffices (and is cheaper
  // to build and hash on the hot path); a mixed list falls back to the full key.
  const first = events[0];
  const shared =
    first !== undefined &&
    events.every(
      (e) => e.workspaceId === first.workspaceId && e.day === first.day && e.visitorId === first.visitorId,
    );
  const same = new Map<string, { event: CountedEvent; times: number }>();
  for (const event of events) {
    const key = shared
      ? `${event.kind}|${event.entryId}|${event.referrerHost}`
      : `${event.workspaceId}|${event.day}|${event.kind}|${event.entryId}|${event.visitorId}|${event.referrerHost}`;
    const seen = same.get(key);
    if (seen) seen.times += 1;
    else same.set(key, { event, times: 1 });
  }
  for (const { event, times } of same.values()) {
    state.pending.add(event, times);
    if (event.visitorId) rememberVisitor(deps, event.workspaceId, event.day, event.visitorId);
  }
  startTimer(deps, state);
  if (state.pending.events >= deps.config.ANALYTICS_FLUSH_EVENTS && !state.flushing) {
    flushAnalytics(deps).catch((error) => deps.log.warn({ err: error }, 'analytics flush failed; retried'));
  }
}

/** Writes everything buffered so far (waits for a flush under way, then writes what came since). */
export async function flushAnalytics(deps: AppDeps): Promise<void> {
  const state = bufferOf(deps);
  while (state.flushing) await state.flushing.catch(() => {});
  if (state.pending.events === 0) return;
  const batch = state.pending.toBatch();
  state.pending = new Pending();
  const write = writeAggregates(deps.db, batch).catch((error: unknown) => {
    state.pending.merge(batch);
    throw error;
  });
  state.flushing = write.finally(() => {
    state.flushing = undefined;
  });
  await state.flushing;
}

/** Graceful shutdown: no more events, then the last flush. Called before the database closes. */
export async function closeAnalytics(deps: AppDeps): Promise<void> {
  const state = buffers.get(deps);
  if (!state) return;
  state.closed = true;
  if (state.timer) clearInterval(state.timer);
  state.timer = undefined;
  await flushAnalytics(deps);
}

/** Events waiting in this process's buffer (for tests and metrics). */
export function pendingAnalyticsEvents(deps: AppDeps): number {
  return buffers.get(deps)?.pending.events ?? 0;
}
