import { desc, eq, sql } from 'drizzle-orm';
import type { Database } from '../../platform/db.ts';
import { rowsOf } from '../../platform/db-errors.ts';
import { changelogEntries } from '../changelog/changelog.table.ts';
import { changelogWidgetEntryCounters, changelogWidgets, type WidgetConfig } from './widget.table.ts';

export type WidgetRow = typeof changelogWidgets.$inferSelect;

export async function findWidgetOfWorkspace(
  db: Database,
  workspaceId: string,
): Promise<WidgetRow | undefined> {
  const [row] = await db.select().from(changelogWidgets).where(eq(changelogWidgets.workspaceId, workspaceId));
  return row;
}

export async function findWidgetById(db: Database, id: string): Promise<WidgetRow | undefined> {
  const [row] = await db.select().from(changelogWidgets).where(eq(changelogWidgets.id, id));
  return row;
}

/** Inserts the workspace's widget unless it exists (two first GETs at once make one row). */
export async function insertWidgetIfMissing(
  db: Database,
  workspaceId: string,
  config: WidgetConfig,
  now: Date,
): Promise<WidgetRow | undefined> {
  const [row] = await db
    .insert(changelogWidgets)
    .values({ workspaceId, config, createdAt: now, updatedAt: now })
    .onConflictDoNothing({ target: changelogWidgets.workspaceId })
    .returning();
  return row;
}

export async function updateWidgetConfig(db: Database, widgetId: string, config: WidgetConfig, now: Date) {
  const [row] = await db
    .update(changelogWidgets)
    .set({ config, updatedAt: now })
    .where(eq(changelogWidgets.id, widgetId))
    .returning();
  return row;
}

// Counters only ever move by one statement each (`x = x + n`): concurrent batches from many pages add
// up without a read-modify-write race.
export async function addWidgetTotals(db: Database, widgetId: string, impressions: number, clicks: number) {
  await db
    .update(changelogWidgets)
    .set({
      impressions: sql`${changelogWidgets.impressions} + ${impressions}`,
      clicks: sql`${changelogWidgets.clicks} + ${clicks}`,
    })
    .where(eq(changelogWidgets.id, widgetId));
}

/**
 * Adds per-entry counts in one statement. The join keeps only published entries of the widget's own
 * workspace, so ids of other workspaces' entries (or made-up ids) are dropped right there. Returns
 * the entry ids that were counted.
 */
export async function addEntryCounters(
  db: Database,
  widget: { id: string; workspaceId: string },
  counts: Array<{ entryId: string; impressions: number; clicks: number }>,
): Promise<Set<string>> {
  if (counts.length === 0) return new Set();
  const t = changelogWidgetEntryCounters;
  const result = await db.execute(sql`
    insert into ${t} (widget_id, entry_id, impressions, clicks)
    select ${widget.id}, e.id, c.impressions, c.clicks
    from jsonb_to_recordset(${JSON.stringify(counts)}::jsonb) as c("entryId" text, impressions int, clicks int)
    join ${changelogEntries} e on e.id = c."entryId"
      and e.workspace_id = ${widget.workspaceId} and e.status = 'published'
    on conflict (widget_id, entry_id) do update
      set impressions = ${t}.impressions + excluded.impressions, clicks = ${t}.clicks + excluded.clicks
    returning entry_id as "entryId"`);
  return new Set(rowsOf<{ entryId: string }>(result).map((row) => row.entryId));
}

export async function entryCounters(db: Database, widgetId: string, limit: number) {
  const t = changelogWidgetEntryCounters;
  const rows = await db
    .select({
      entryId: t.entryId,
      title: changelogEntries.title,
      impressions: t.impressions,
      clicks: t.clicks,
    })
    .from(t)
    .innerJoin(changelogEntries, eq(changelogEntries.id, t.entryId))
    .where(eq(t.widgetId, widgetId))
    .orderBy(desc(t.impressions), desc(t.clicks), t.entryId)
    .limit(limit);
  return rowsOf<{ entryId: string; title: string; impressions: number; clicks: number }>(rows);
}
