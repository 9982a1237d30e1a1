// Grouping: several drafts become one entry. The first id is kept; the others' pull requests move to
// it and the others are deleted, all in one transaction on the versions read (a concurrent change to
// any of them makes the whole group a 409 and changes nothing).
import { AppError, notFound } from '../../platform/errors.ts';
import { type AuditContext, recordAudit } from '../audit/audit.service.ts';
import type { ChangelogCategory } from '../github/github.table.ts';
import type { WorkspaceAccess } from '../workspaces/workspace-access.ts';
import {
  deleteUnpublishedEntries,
  type EntryPullRequestRow,
  type EntryRow,
  findEntries,
  movePullRequests,
  pullRequestsOf,
} from './changelog.queries.ts';
import { maxEntryBodyChars } from './changelog.schemas.ts';
import { applyEntryChange, conflictAfterRace, type EntryDeps, slugForTitle } from './changelog.service.ts';
import { presentOne } from './changelog.view.ts';

// The most telling category wins for the grouped entry: a group with anything new in it is news.
const categoryWeight: Record<ChangelogCategory, number> = { New: 3, Improved: 2, Fixed: 1, Other: 0 };

function strongestCategory(rows: EntryRow[]): ChangelogCategory {
  return rows.reduce<ChangelogCategory>(
    (best, row) => (categoryWeight[row.category] > categoryWeight[best] ? row.category : best),
    'Other',
  );
}

/** Square brackets would end a Markdown link text early; a title is one line. */
const linkText = (text: string) => text.replace(/\s+/g, ' ').replace(/([[\]\\])/g, '\\$1');

/**
 * The combined body: one bullet per pull request, linked, then one per grouped entry that had none
 * (an entry written by hand), in the order given.
 */
export function groupedBody(entries: EntryRow[], pullRequests: EntryPullRequestRow[]): string {
  const lines = pullRequests.map((pr) => `- ${linkText(pr.title)} ([#${pr.number}](${pr.url}))`);
  // Read before the move: which entries brought pull requests of their own.
  const withPrs = new Set(pullRequests.map((pr) => pr.entryId));
  for (const entry of entries) {
    if (!withPrs.has(entry.id)) lines.push(`- ${linkText(entry.title)}`);
  }
  return lines.join('\n').slice(0, maxEntryBodyChars);
}

export async function groupEntries(
  deps: EntryDeps,
  audit: AuditContext,
  access: WorkspaceAccess,
  body: { entryIds: string[]; title?: string },
) {
  // Checked here rather than in the schema so that a caller without write access hears 403 first.
  const repeated = body.entryIds.findIndex((id, index) => body.entryIds.indexOf(id) !== index);
  if (repeated >= 0) {
    throw new AppError('validation_failed', 'Each entry may be named once', [
      { path: `entryIds.${repeated}`, message: 'Already listed' },
    ]);
  }
  const rows = await findEntries(deps.db, access.workspaceId, body.entryIds);
  const byId = new Map(rows.map((row) => [row.id, row]));
  const missing = body.entryIds.filter((id) => !byId.has(id));
  if (missing.length > 0)
    throw notFound(`Changelog entr${missing.length > 1 ? 'ies' : 'y'} ${missing.join(', ')}`);
  const entries = body.entryIds.map((id) => byId.get(id) as EntryRow);
  const notDraft = entries.filter((entry) => entry.status !== 'draft');
  if (notDraft.length > 0) {
    throw new AppError('conflict', 'Only drafts can be grouped; unpublish or unschedule these first', {
      entryIds: notDraft.map((entry) => entry.id),
    });
  }
  const [target, ...others] = entries as [EntryRow, ...EntryRow[]];
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const pullRequests = await pullRequestsOf(
      tx,
      entries.map((entry) => entry.id),
    );
    await movePullRequests(
      tx,
      others.map((other) => other.id),
      target.id,
      now,
    );
    // Deleted on the versions read: if any of the others changed meanwhile, the whole group is undone.
    const deleted = await deleteUnpublishedEntries(tx, access.workspaceId, others);
    if (deleted.length !== others.length) {
      const changed = others.find((other) => !deleted.some((row) => row.id === other.id));
      throw await conflictAfterRace(tx, access.workspaceId, changed?.id ?? target.id);
    }
    const title = body.title ?? target.title;
    // A body a person wrote stays as it is; otherwise the group reads as a list of what changed.
    const combined = target.editedByUser ? target.body : groupedBody(entries, pullRequests);
    const row = await applyEntryChange(deps, tx, target, {
      title,
      slug: await slugForTitle(tx, target, title),
      body: combined,
      category: target.editedByUser ? target.category : strongestCategory(entries),
      major: entries.some((entry) => entry.major),
      // A group is a person's decision: a later edit of one of its pull requests must not undo it.
      editedByUser: true,
      updatedAt: now,
    });
    await recordAudit(tx, audit, {
      action: 'changelog_entry.grouped',
      entityType: 'changelog_entry',
      entityId: row.id,
      workspaceId: access.workspaceId,
      details: { mergedEntryIds: others.map((other) => other.id), pullRequests: pullRequests.length },
    });
    return presentOne(deps, tx, row);
  });
}
