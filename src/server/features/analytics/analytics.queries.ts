import { and, between, desc, eq, getTableName, lte, sql } from 'drizzle-orm';
import type { Database } from '../../platform/db.ts';
import { changelogEntries } from '../changelog/changelog.table.ts';
import { changelogWidgets } from '../widget/widget.table.ts';
import {
  analyticsDaily,
  analyticsEntryDaily,
  analyticsReferrers,
  analyticsVisitors,
} from './analytics.table.ts';

export interface DailyRow {
  workspaceId: string;
  day: string;
  pageViews: number;
  widgetImpressions: number;
  widgetClicks: number;
}
export interface EntryDailyRow {
  workspaceId: string;
  day: string;
  entryId: string;
  views: number;
  widgetImpressions: number;
  widgetClicks: number;
}
export interface VisitorRow {
  workspaceId: string;
  day: string;
  visitorId: string;
}
export interface ReferrerRow {
  workspaceId: string;
  day: string;
  host: string;
  views: number;
}

export interface AggregateBatch {
  daily: DailyRow[];
  entries: EntryDailyRow[];
  visitors: VisitorRow[];
  referrers: ReferrerRow[];
}

// PostgreSQL takes at most 65,535 parameters per statement; rows have at most 6 columns.
const chunkRows = 5000;

function chunks<T>(rows: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += chunkRows) out.push(rows.slice(i, i + chunkRows));
  return out;
}

// `table.column + excluded.column`: the existing row's column must be named with its table.
const plus = (table: Parameters<typeof getTableName>[0], column: { name: string }) =>
  sql`${sql.identifier(getTableName(table))}.${sql.identifier(column.name)} + excluded.${sql.identifier(column.name)}`;

/** One flush: a multi-row INSERT … ON CONFLICT DO UPDATE per aggregate table, in one transaction. */
export async function writeAggregates(db: Database, batch: AggregateBatch): Promise<void> {
  await db.transaction(async (tx) => {
    for (const rows of chunks(batch.daily)) {
      await tx
        .insert(analyticsDaily)
        .values(rows)
        .onConflictDoUpdate({
          target: [analyticsDaily.workspaceId, analyticsDaily.day],
          set: {
            pageViews: plus(analyticsDaily, analyticsDaily.pageViews),
            widgetImpressions: plus(analyticsDaily, analyticsDaily.widgetImpressions),
            widgetClicks: plus(analyticsDaily, analyticsDaily.widgetClicks),
          },
        });
    }
    for (const rows of chunks(batch.entries)) {
      await tx
        .insert(analyticsEntryDaily)
        .values(rows)
        .onConflictDoUpdate({
          target: [analyticsEntryDaily.workspaceId, analyticsEntryDaily.day, analyticsEntryDaily.entryId],
          set: {
            views: plus(analyticsEntryDaily, analyticsEntryDaily.views),
            widgetImpressions: plus(analyticsEntryDaily, analyticsEntryDaily.widgetImpressions),
            widgetClicks: plus(analyticsEntryDaily, analyticsEntryDaily.widgetClicks),
          },
        });
    }
    for (const rows of chunks(batch.visitors)) {
      await tx.insert(analyticsVisitors).values(rows).onConflictDoNothing();
    }
    for (const rows of chunks(batch.referrers)) {
      await tx
        .insert(analyticsReferrers)
        .values(rows)
        .onConflictDoUpdate({
          target: [analyticsReferrers.workspaceId, analyticsReferrers.day, analyticsReferrers.host],
          set: { views: plus(analyticsReferrers, analyticsReferrers.views) },
        });
    }
  });
}

/** The entries a visitor can see now: only these are counted. */
export async function publishedEntryIds(db: Database, workspaceId: string, now: Date) {
  return db
    .select({ id: changelogEntries.id, slug: changelogEntries.slug })
    .from(changelogEntries)
    .where(
      and(
        eq(changelogEntries.workspaceId, workspaceId),
        eq(changelogEntries.status, 'published'),
        lte(changelogEntries.publishedAt, now),
      ),
    );
}

export async function widgetIdOfWorkspace(db: Database, workspaceId: string): Promise<string | undefined> {
  const [row] = await db
    .select({ id: changelogWidgets.id })
    .from(changelogWidgets)
    .where(eq(changelogWidgets.workspaceId, workspaceId));
  return row?.id;
}

export async function workspaceOfWidget(db: Database, widgetId: string): Promise<string | undefined> {
  const [row] = await db
    .select({ workspaceId: changelogWidgets.workspaceId })
    .from(changelogWidgets)
    .where(eq(changelogWidgets.id, widgetId));
  return row?.workspaceId;
}

export async function dailyBetween(db: Database, workspaceId: string, from: string, to: string) {
  return db
    .select({
      day: analyticsDaily.day,
      views: analyticsDaily.pageViews,
      widgetImpressions: analyticsDaily.widgetImpressions,
      widgetClicks: analyticsDaily.widgetClicks,
    })
    .from(analyticsDaily)
    .where(and(eq(analyticsDaily.workspaceId, workspaceId), between(analyticsDaily.day, from, to)));
}

export async function visitorsPerDay(db: Database, workspaceId: string, from: string, to: string) {
  return db
    .select({ day: analyticsVisitors.day, visitors: sql<number>`count(*)::int` })
    .from(analyticsVisitors)
    .where(and(eq(analyticsVisitors.workspaceId, workspaceId), between(analyticsVisitors.day, from, to)))
    .groupBy(analyticsVisitors.day);
}

export async function topEntriesBetween(
  db: Database,
  workspaceId: string,
  from: string,
  to: string,
  limit: number,
) {
  const views = sql<number>`sum(${analyticsEntryDaily.views})::int`;
  return db
    .select({
      entryId: analyticsEntryDaily.entryId,
      title: changelogEntries.title,
      slug: changelogEntries.slug,
      views,
      widgetImpressions: sql<number>`sum(${analyticsEntryDaily.widgetImpressions})::int`,
      widgetClicks: sql<number>`sum(${analyticsEntryDaily.widgetClicks})::int`,
    })
    .from(analyticsEntryDaily)
    .innerJoin(changelogEntries, eq(changelogEntries.id, analyticsEntryDaily.entryId))
    .where(and(eq(analyticsEntryDaily.workspaceId, workspaceId), between(analyticsEntryDaily.day, from, to)))
    .groupBy(analyticsEntryDaily.entryId, changelogEntries.title, changelogEntries.slug)
    .orderBy(desc(views), desc(sql`sum(${analyticsEntryDaily.widgetClicks})`), analyticsEntryDaily.entryId)
    .limit(limit);
}

export async function topReferrersBetween(
  db: Database,
  workspaceId: string,
  from: string,
  to: string,
  limit: number,
) {
  const views = sql<number>`sum(${analyticsReferrers.views})::int`;
  return db
    .select({ host: analyticsReferrers.host, views })
    .from(analyticsReferrers)
    .where(and(eq(analyticsReferrers.workspaceId, workspaceId), between(analyticsReferrers.day, from, to)))
    .groupBy(analyticsReferrers.host)
    .orderBy(desc(views), analyticsReferrers.host)
    .limit(limit);
}
