// The embeddable widget: one per workspace, made with the default configuration the first time it is
// asked for. Admins change its configuration; its public side serves the latest entries and counts
// impressions and clicks.
import type { AppDeps } from '../../app-context.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { type AuditContext, recordAudit } from '../audit/audit.service.ts';
import { can } from '../plans/plans.service.ts';
import {
  type CachedBody,
  cachedBody,
  memoizeByVersion,
  recentLookup,
} from '../public-changelog/public-cache.ts';
import {
  findPublicWorkspaceById,
  invalidatePublicChangelog,
  listPublicEntries,
} from '../public-changelog/public-changelog.service.ts';
import { publicEntryUpvoteApiUrl } from '../public-changelog/public-changelog.urls.ts';
import { countVotes } from '../upvotes/upvotes.service.ts';
import type { WorkspaceAccess } from '../workspaces/workspace-access.ts';
import {
  addEntryCounters,
  addWidgetTotals,
  entryCounters,
  findWidgetById,
  findWidgetOfWorkspace,
  insertWidgetIfMissing,
  updateWidgetConfig,
  type WidgetRow,
} from './widget.queries.ts';
import { defaultWidgetConfig, type UpdateWidgetBody, type WidgetEvents } from './widget.schemas.ts';

type WidgetDeps = Pick<AppDeps, 'db' | 'clock' | 'config'>;

/** How many entries the widget shows. */
export const widgetEntryCount = 10;

export function embedSnippet(publicUrl: string, widgetId: string): string {
  return `<script src="${publicUrl}/widget.js" data-widget="${widgetId}" async></script>`;
}

async function present(deps: WidgetDeps, row: WidgetRow) {
  const workspace = await findPublicWorkspaceById(deps, row.workspaceId);
  if (!workspace) throw notFound('Workspace');
  return {
    widget: {
      id: row.id,
      config: row.config,
      impressions: row.impressions,
      clicks: row.clicks,
      embedSnippet: embedSnippet(deps.config.publicUrl, row.id),
      publicChangelogUrl: workspace.url,
    },
  };
}

async function ensureWidget(
  deps: WidgetDeps,
  audit: AuditContext,
  access: WorkspaceAccess,
): Promise<WidgetRow> {
  const existing = await findWidgetOfWorkspace(deps.db, access.workspaceId);
  if (existing) return existing;
  return deps.db.transaction(async (tx) => {
    const now = deps.clock.now();
    const created = await insertWidgetIfMissing(tx, access.workspaceId, defaultWidgetConfig, now);
    if (!created) {
      const raced = await findWidgetOfWorkspace(tx, access.workspaceId);
      if (!raced) throw new AppError('conflict', 'The widget changed meanwhile; try again');
      return raced;
    }
    await recordAudit(tx, audit, {
      action: 'widget.created',
      entityType: 'widget',
      entityId: created.id,
      workspaceId: access.workspaceId,
    });
    return created;
  });
}

export async function getWidget(deps: WidgetDeps, audit: AuditContext, access: WorkspaceAccess) {
  return present(deps, await ensureWidget(deps, audit, access));
}

export async function updateWidget(
  deps: WidgetDeps,
  audit: AuditContext,
  access: WorkspaceAccess,
  body: UpdateWidgetBody,
) {
  const current = await ensureWidget(deps, audit, access);
  const { colors, ...rest } = body.config;
  const config = { ...current.config, ...rest, colors: { ...current.config.colors, ...colors } };
  const updated = await deps.db.transaction(async (tx) => {
    const row = await updateWidgetConfig(tx, current.id, config, deps.clock.now());
    if (!row) throw notFound('Widget');
    await recordAudit(tx, audit, {
      action: 'widget.updated',
      entityType: 'widget',
      entityId: row.id,
      workspaceId: access.workspaceId,
      details: { changed: Object.keys(body.config) },
    });
    return row;
  });
  invalidatePublicChangelog(deps, access.workspaceId);
  return present(deps, updated);
}

export async function getWidgetStats(deps: WidgetDeps, audit: AuditContext, access: WorkspaceAccess) {
  const widget = await ensureWidget(deps, audit, access);
  return {
    totals: { impressions: widget.impressions, clicks: widget.clicks },
    entries: await entryCounters(deps.db, widget.id, 100),
  };
}

/**
 * Adds past impressions and clicks to the widget's totals and its per-entry counters (the demo seed),
 * making the widget first if the workspace has none. Entries that are not published here are
 * dropped, as for live events.
 */
export async function seedWidgetCounters(
  deps: WidgetDeps,
  audit: AuditContext,
  access: WorkspaceAccess,
  counts: {
    impressions: number;
    clicks: number;
    entries: Array<{ entryId: string; impressions: number; clicks: number }>;
  },
): Promise<void> {
  const widget = await ensureWidget(deps, audit, access);
  await deps.db.transaction(async (tx) => {
    await addEntryCounters(tx, widget, counts.entries);
    await addWidgetTotals(tx, widget.id, counts.impressions, counts.clicks);
  });
}

const isSaneId = (id: string) => id.length > 0 && id.length <= 100 && !id.includes('\u0000');

/** The widget behind a public id, looked up at most once per versionCheckIntervalMs. */
function recentWidget(deps: WidgetDeps, widgetId: string): Promise<WidgetRow | undefined> {
  if (!isSaneId(widgetId)) return Promise.resolve(undefined);
  return recentLookup(deps, `widget|${widgetId}`, deps.clock.now().getTime(), async () => {
    const row = await findWidgetById(deps.db, widgetId);
    return row && { value: row, workspaceId: row.workspaceId };
  });
}

/**
 * What an embedded widget shows, as the JSON body to send: the configuration and the latest published
 * entries (sanitized summaries). Kept per (widget, data version) like the public pages.
 */
export async function getWidgetData(
  deps: WidgetDeps,
  widgetId: string,
): Promise<{ body: CachedBody; workspaceId: string }> {
  const widget = await recentWidget(deps, widgetId);
  const workspace = widget && (await findPublicWorkspaceById(deps, widget.workspaceId));
  // A workspace whose plan lost the widget serves nothing, as if it had none.
  if (!widget || !workspace || !(await can(deps.db, workspace.id, 'changelog_widget')))
    throw notFound('Widget');
  const version = `${workspace.version}|${widget.updatedAt.toISOString()}`;
  const body = await memoizeByVersion(deps, `${workspace.id}|widget|${widget.id}`, version, async () => {
    const { entries } = await listPublicEntries(deps, workspace, { limit: widgetEntryCount });
    // The workspace's data version counts votes too, so a new vote makes a new body.
    const votes = await countVotes(
      deps.db,
      'entry',
      entries.map((entry) => entry.id),
    );
    const payload = {
      config: widget.config,
      changelogUrl: workspace.url,
      entries: entries.map((entry) => ({
        id: entry.id,
        slug: entry.slug,
        title: entry.title,
        category: entry.category,
        publishedAt: entry.publishedAt.toISOString(),
        url: entry.url,
        summaryHtml: entry.summaryHtml,
        votes: votes.get(entry.id) ?? 0,
        upvoteUrl: publicEntryUpvoteApiUrl(deps.config.publicUrl, workspace.slug, entry.slug),
      })),
    };
    return cachedBody(JSON.stringify(payload), 'application/json; charset=utf-8');
  });
  return { body, workspaceId: workspace.id };
}

/**
 * Adds a batch of events: per-entry counts in one statement, widget totals in another. Events naming
 * an entry that is not a published entry of this widget's workspace are ignored altogether.
 */
export async function recordWidgetEvents(deps: WidgetDeps, widgetId: string, events: WidgetEvents) {
  const widget = await recentWidget(deps, widgetId);
  if (!widget) throw notFound('Widget');
  const perEntry = new Map<string, { entryId: string; impressions: number; clicks: number }>();
  for (const event of events) {
    if (!event.entryId) continue;
    const counts = perEntry.get(event.entryId) ?? { entryId: event.entryId, impressions: 0, clicks: 0 };
    if (event.type === 'impression') counts.impressions++;
    else counts.clicks++;
    perEntry.set(event.entryId, counts);
  }
  await deps.db.transaction(async (tx) => {
    const counted = await addEntryCounters(tx, widget, [...perEntry.values()]);
    // A page load reports one widget impression (no entry) plus one per entry it showed; a click is a
    // widget click, and also an entry's when it names one.
    const kept = events.filter((e) => !e.entryId || counted.has(e.entryId));
    const impressions = kept.filter((e) => e.type === 'impression' && !e.entryId).length;
    const clicks = kept.filter((e) => e.type === 'click').length;
    if (impressions + clicks > 0) await addWidgetTotals(tx, widget.id, impressions, clicks);
  });
}
