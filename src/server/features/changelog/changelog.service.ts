// Entries: create by hand, read, list, edit, delete. Every change is one conditional update on the
// version read (`updateEntryIfVersion`), so an edit racing a publish, a group or another edit has
// exactly one winner and the loser answers 409.
import type { AppDeps } from '../../app-context.ts';
import type { Database } from '../../platform/db.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { type Cursor, nextCursorOf } from '../../platform/pagination.ts';
import { type AuditContext, recordAudit } from '../audit/audit.service.ts';
import type { ChangelogCategory } from '../github/github.table.ts';
import { actorUserId } from '../posts/posts.service.ts';
import { invalidatePublicChangelog } from '../public-changelog/public-changelog.service.ts';
import type { WorkspaceAccess } from '../workspaces/workspace-access.ts';
import { enqueueEntryPublish, ensureEntryPublishQueue } from './changelog.publish-queue.ts';
import {
  deleteUnpublishedEntries,
  type EntryFilters,
  type EntryPatch,
  type EntryRow,
  findEntry,
  insertEntry,
  listEntryRows,
  type NewEntry,
  pullRequestsOf,
  repositoryInWorkspace,
  updateEntryIfVersion,
} from './changelog.queries.ts';
import type { CreateEntryBody, UpdateEntryBody } from './changelog.schemas.ts';
import { uniqueEntrySlug } from './changelog.slugs.ts';
import { presentEntries, presentOne } from './changelog.view.ts';

export type EntryDeps = Pick<AppDeps, 'db' | 'config' | 'clock' | 'queue'>;

export async function getEntryRow(db: Database, workspaceId: string, entryId: string): Promise<EntryRow> {
  const row = await findEntry(db, workspaceId, entryId);
  if (!row) throw notFound('Changelog entry');
  return row;
}

/** Why a conditional update found nothing: the entry is gone (404) or changed meanwhile (409). */
export async function conflictAfterRace(db: Database, workspaceId: string, entryId: string) {
  const row = await findEntry(db, workspaceId, entryId);
  if (!row) return notFound('Changelog entry');
  return new AppError('conflict', 'The entry changed meanwhile; reload it and try again', {
    version: row.version,
    status: row.status,
  });
}

/**
 * Inserts an entry under a slug unique in the workspace. Two writers can pick the same free slug at
 * once; the unique index lets one through and the other picks again.
 */
export async function insertEntryWithSlug(
  tx: Database,
  values: Omit<NewEntry, 'slug'>,
  slugSuffix?: string | number,
): Promise<EntryRow> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const slug = await uniqueEntrySlug(tx, values.workspaceId, values.title, slugSuffix);
    const row = await insertEntry(tx, { ...values, slug: attempt < 4 ? slug : `${slug}-${Date.now()}` });
    if (row) return row;
  }
  throw new AppError('conflict', 'Could not pick a free slug for the entry; try again');
}

export async function createEntry(
  deps: EntryDeps,
  audit: AuditContext,
  access: WorkspaceAccess,
  body: CreateEntryBody,
) {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const row = await insertEntryWithSlug(tx, {
      workspaceId: access.workspaceId,
      title: body.title,
      body: body.body ?? '',
      category: body.category,
      major: body.major ?? false,
      // Written by a person from the start: nothing automatic may overwrite it.
      editedByUser: true,
      createdBy: actorUserId(audit.actor),
      createdAt: now,
      updatedAt: now,
    });
    await recordAudit(tx, audit, {
      action: 'changelog_entry.created',
      entityType: 'changelog_entry',
      entityId: row.id,
      workspaceId: access.workspaceId,
      details: { category: row.category },
    });
    return presentOne(deps, tx, row);
  });
}

/** An entry as it stands after some history: a draft, or published at a past time. */
export interface SeedEntry {
  title: string;
  body: string;
  category: ChangelogCategory;
  major?: boolean;
  status: 'draft' | 'published';
  createdAt: Date;
  /** Published entries only: when it went out (in the past). */
  publishedAt?: Date;
  /** False for a draft as the GitHub ingest leaves it (no person has edited it yet). */
  editedByUser?: boolean;
}

/**
 * Writes entries as they stand, published ones with their past publication time (the demo seed). None
 * of publishing's side effects: no subscriber deliveries, no roadmap job, nothing counted against the
 * plan's monthly publish limit. One audit row per entry, in the same transaction.
 */
export async function seedEntries(
  deps: EntryDeps,
  audit: AuditContext,
  access: WorkspaceAccess,
  entries: SeedEntry[],
): Promise<EntryRow[]> {
  const now = deps.clock.now();
  const rows = await deps.db.transaction(async (tx) => {
    const written: EntryRow[] = [];
    for (const entry of entries) {
      const publishedAt = entry.status === 'published' ? (entry.publishedAt ?? now) : null;
      if (publishedAt && publishedAt.getTime() > now.getTime()) {
        throw new AppError('validation_failed', 'A seeded entry cannot be published in the future');
      }
      const row = await insertEntryWithSlug(tx, {
        workspaceId: access.workspaceId,
        title: entry.title,
        body: entry.body,
        category: entry.category,
        major: entry.major ?? false,
        status: entry.status,
        publishedAt,
        editedByUser: entry.editedByUser ?? true,
        createdBy: actorUserId(audit.actor),
        createdAt: entry.createdAt,
        updatedAt: publishedAt ?? entry.createdAt,
      });
      await recordAudit(tx, audit, {
        action: 'changelog_entry.created',
        entityType: 'changelog_entry',
        entityId: row.id,
        workspaceId: access.workspaceId,
        details: { category: row.category, status: row.status, seeded: true },
      });
      written.push(row);
    }
    return written;
  });
  invalidatePublicChangelog(deps, access.workspaceId);
  return rows;
}

export async function getEntry(deps: EntryDeps, access: WorkspaceAccess, entryId: string) {
  return presentOne(deps, deps.db, await getEntryRow(deps.db, access.workspaceId, entryId));
}

export async function listEntries(
  deps: EntryDeps,
  access: WorkspaceAccess,
  filters: EntryFilters,
  page: { cursor?: Cursor; limit: number },
) {
  // Another workspace's repository looks like a missing one, as its other ids do.
  if (
    filters.repositoryId &&
    !(await repositoryInWorkspace(deps.db, access.workspaceId, filters.repositoryId))
  ) {
    throw notFound('Repository');
  }
  const rows = await listEntryRows(deps.db, access.workspaceId, filters, page);
  const shown = rows.slice(0, page.limit);
  return {
    entries: await presentEntries(deps, deps.db, access.workspaceId, shown),
    nextCursor: nextCursorOf(rows, page.limit),
  };
}

/**
 * The slug follows the title while the entry is not public: once published its URL stays. An entry
 * made from pull requests keeps the first PR's number at the end, as the GitHub ingest names it.
 */
export async function slugForTitle(tx: Database, row: EntryRow, title: string): Promise<string> {
  if (row.status === 'published' || title === row.title) return row.slug;
  const [firstPr] = await pullRequestsOf(tx, [row.id]);
  return uniqueEntrySlug(tx, row.workspaceId, title, firstPr?.number, row.id);
}

/**
 * Writes `patch` on the version read; a scheduled entry gets the publish job of its new version in
 * the same transaction (the old version's job finds the version changed and does nothing).
 */
export async function applyEntryChange(
  deps: EntryDeps,
  tx: Database,
  current: EntryRow,
  patch: EntryPatch,
): Promise<EntryRow> {
  const row = await updateEntryIfVersion(tx, current.id, current.version, patch);
  if (!row) throw await conflictAfterRace(tx, current.workspaceId, current.id);
  if (row.status === 'scheduled') await enqueueEntryPublish(deps, row, tx);
  return row;
}

export async function updateEntry(
  deps: EntryDeps,
  audit: AuditContext,
  access: WorkspaceAccess,
  entryId: string,
  body: UpdateEntryBody,
) {
  const current = await getEntryRow(deps.db, access.workspaceId, entryId);
  if (current.status === 'scheduled') await ensureEntryPublishQueue(deps.queue);
  const changesText = body.title !== undefined || body.body !== undefined || body.category !== undefined;
  return deps.db.transaction(async (tx) => {
    const patch: EntryPatch = { updatedAt: deps.clock.now() };
    if (body.title !== undefined) {
      patch.title = body.title;
      patch.slug = await slugForTitle(tx, current, body.title);
    }
    if (body.body !== undefined) patch.body = body.body;
    if (body.category !== undefined) patch.category = body.category;
    if (body.major !== undefined) patch.major = body.major;
    // A person's words win: later pull request edits no longer overwrite title, body or category.
    if (changesText) patch.editedByUser = true;
    const row = await applyEntryChange(deps, tx, current, patch);
    await recordAudit(tx, audit, {
      action: 'changelog_entry.updated',
      entityType: 'changelog_entry',
      entityId: row.id,
      workspaceId: access.workspaceId,
      details: {
        fields: Object.keys(body).filter((key) => body[key as keyof UpdateEntryBody] !== undefined),
      },
    });
    return presentOne(deps, tx, row);
  });
}

export async function deleteEntry(
  deps: EntryDeps,
  audit: AuditContext,
  access: WorkspaceAccess,
  entryId: string,
) {
  const current = await getEntryRow(deps.db, access.workspaceId, entryId);
  if (current.status === 'published') {
    throw new AppError('conflict', 'A published entry cannot be deleted; unpublish it first');
  }
  await deps.db.transaction(async (tx) => {
    const deleted = await deleteUnpublishedEntries(tx, access.workspaceId, [current]);
    if (deleted.length === 0) throw await conflictAfterRace(tx, access.workspaceId, entryId);
    await recordAudit(tx, audit, {
      action: 'changelog_entry.deleted',
      entityType: 'changelog_entry',
      entityId: entryId,
      workspaceId: access.workspaceId,
      details: { status: current.status, repositoryId: current.repositoryId },
    });
  });
}
