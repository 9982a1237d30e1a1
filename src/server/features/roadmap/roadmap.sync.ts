// GitHub → Herald: an issue (from the import or an `issues` delivery) becomes, updates or hides a
// roadmap item; a merged pull request that closes an issue links the item to the PR's changelog entry
// and completes it. Nothing here calls GitHub, so a change that came from GitHub never goes back to it.
//
// Echoes: when Herald changes an issue's labels or state itself (roadmap.push.ts), it first notes the
// change on the item (`labeled:<name>`, `unlabeled:<name>`, `closed`, `reopened`). The delivery GitHub
// sends for it consumes that note and changes no status, so a quick second change made in Herald is
// not undone by the late echo of the first.
import type { AppDeps } from '../../app-context.ts';
import type { Database } from '../../platform/db.ts';
import { recordAudit, systemAudit } from '../audit/audit.service.ts';
import { closedIssueNumbers, type IssueInput } from './roadmap.payloads.ts';
import {
  entryStatusOf,
  findItem,
  findPullRequestRow,
  findSettings,
  insertItem,
  pullRequestsMentioning,
  type RoadmapItemRow,
  updateItem,
} from './roadmap.queries.ts';
import type { RoadmapEcho, RoadmapMapping, RoadmapStatus } from './roadmap.table.ts';

export const entryPublishedJobName = 'roadmap.entry-published';
/** An echo GitHub has not sent within this long is forgotten. */
const echoLifetimeMs = 10 * 60_000;

type SyncDeps = Pick<AppDeps, 'queue' | 'clock' | 'authSecret'>;

const same = (a: string | null | undefined, b: string | null | undefined) =>
  Boolean(a && b && a.toLowerCase() === b.toLowerCase());
const hasLabel = (labels: string[], label: string | null) => labels.some((l) => same(l, label));

export function isSelected(labels: string[], mapping: RoadmapMapping): boolean {
  return labels.some((label) => mapping.labels.some((wanted) => same(label, wanted)));
}

export interface IssueEvent {
  action: string;
  /** The label a `labeled`/`unlabeled` event is about. */
  label?: string | null;
}

/**
 * The status GitHub says an issue has. Closed is completed. A label just added that means a status
 * wins (an issue briefly carries both the old and the new status label while they are swapped);
 * otherwise completed > in-progress > planned by the labels present; an open issue with none is
 * planned. A reopened issue ignores the completed label.
 */
export function statusOf(issue: IssueInput, mapping: RoadmapMapping, event?: IssueEvent): RoadmapStatus {
  if (issue.state === 'closed') return 'completed';
  if (event?.action === 'labeled' && event.label) {
    if (same(event.label, mapping.completed)) return 'completed';
    if (same(event.label, mapping.inProgress)) return 'in-progress';
    if (same(event.label, mapping.planned)) return 'planned';
  }
  if (event?.action !== 'reopened' && hasLabel(issue.labels, mapping.completed)) return 'completed';
  if (hasLabel(issue.labels, mapping.inProgress)) return 'in-progress';
  return 'planned';
}

export function echoKeyOf(event: IssueEvent): string | null {
  if ((event.action === 'labeled' || event.action === 'unlabeled') && event.label) {
    return `${event.action}:${event.label.toLowerCase()}`;
  }
  return event.action === 'closed' || event.action === 'reopened' ? event.action : null;
}

/** The item's echoes minus one `key` (and minus expired ones), or null when `key` is not there. */
function consumeEcho(echoes: RoadmapEcho[], key: string, now: Date): RoadmapEcho[] | null {
  const live = echoes.filter((echo) => now.getTime() - Date.parse(echo.at) < echoLifetimeMs);
  const index = live.findIndex((echo) => echo.key === key);
  if (index < 0) return null;
  return [...live.slice(0, index), ...live.slice(index + 1)];
}

export type IssueOutcome = 'ignored' | 'created' | 'updated' | 'unchanged' | 'echo';

/**
 * Applies GitHub's view of one issue to the roadmap of `repository`. `event` is the delivery's action
 * (none for the import). Runs in the caller's transaction; the item row is locked.
 */
export async function applyIssue(
  deps: SyncDeps,
  tx: Database,
  repository: { id: string; workspaceId: string; fullName: string },
  mapping: RoadmapMapping,
  issue: IssueInput,
  event?: IssueEvent,
): Promise<IssueOutcome> {
  const now = deps.clock.now();
  const selected = isSelected(issue.labels, mapping);
  const existing = await findItem(tx, repository.id, issue.number, { lock: true });
  const echoKey = event ? echoKeyOf(event) : null;
  if (existing && echoKey) {
    const rest = consumeEcho(existing.echoes, echoKey, now);
    if (rest) {
      // Herald's own change coming back: keep GitHub's labels and state, change no status.
      await updateItem(tx, existing.id, { echoes: rest, labels: issue.labels, issueState: issue.state });
      return 'echo';
    }
  }
  const status = statusOf(issue, mapping, event);
  if (!existing) {
    if (!selected || event?.action === 'deleted' || event?.action === 'transferred') return 'ignored';
    const row = await insertItem(tx, {
      workspaceId: repository.workspaceId,
      repositoryId: repository.id,
      issueNumber: issue.number,
      title: issue.title,
      body: issue.body,
      url: issue.url,
      labels: issue.labels,
      issueState: issue.state,
      status,
      completedAt: status === 'completed' ? now : null,
      createdAt: now,
      updatedAt: now,
    });
    // A concurrent writer inserted it: apply this view on top of theirs.
    if (!row) return applyIssue(deps, tx, repository, mapping, issue, event);
    await audit(tx, deps, row, 'roadmap_item.created', { issue: issue.number, status });
    if (status === 'completed') await linkClosingPullRequest(deps, tx, row, repository.fullName);
    return 'created';
  }
  const gone = event?.action === 'deleted' || event?.action === 'transferred';
  const tracked = selected && !gone;
  // An edit of the title or body says nothing new about the status.
  const nextStatus = event?.action === 'edited' ? existing.status : status;
  const changes = {
    title: issue.title,
    body: issue.body,
    url: issue.url || existing.url,
    labels: issue.labels,
    issueState: issue.state,
    tracked,
    status: nextStatus,
  };
  const changed = (Object.keys(changes) as Array<keyof typeof changes>).filter(
    (key) => JSON.stringify(changes[key]) !== JSON.stringify(existing[key]),
  );
  if (changed.length === 0) return 'unchanged';
  const statusChanged = nextStatus !== existing.status;
  const row = await updateItem(tx, existing.id, {
    ...changes,
    ...(statusChanged ? { completedAt: nextStatus === 'completed' ? now : null } : {}),
    updatedAt: now,
  });
  if (!row) return 'unchanged';
  if (statusChanged || tracked !== existing.tracked) {
    await audit(tx, deps, row, 'roadmap_item.synced_from_github', {
      issue: issue.number,
      from: existing.status,
      to: nextStatus,
      tracked,
    });
  }
  if (statusChanged && nextStatus === 'completed' && !row.entryId) {
    await linkClosingPullRequest(deps, tx, row, repository.fullName);
  }
  return 'updated';
}

async function audit(
  tx: Database,
  deps: SyncDeps,
  item: RoadmapItemRow,
  action: string,
  details: Record<string, unknown>,
) {
  await recordAudit(tx, systemAudit(deps.authSecret), {
    action,
    entityType: 'roadmap_item',
    entityId: item.id,
    workspaceId: item.workspaceId,
    details,
  });
}

/** An item completed on GitHub: the merged PR whose body closes it, if Herald has it, gives the entry. */
async function linkClosingPullRequest(deps: SyncDeps, tx: Database, item: RoadmapItemRow, fullName: string) {
  const candidates = await pullRequestsMentioning(tx, item.repositoryId, item.issueNumber);
  const pr = candidates.find((row) => closedIssueNumbers(row.body, fullName).includes(item.issueNumber));
  if (pr) await linkItem(deps, tx, item, pr);
}

/** Links the item to the PR (and its entry), completes it, and tells voters if the entry is out already. */
async function linkItem(
  deps: SyncDeps,
  tx: Database,
  item: RoadmapItemRow,
  pr: { number: number; entryId: string | null },
) {
  if (item.closedByPr === pr.number && item.entryId === pr.entryId && item.status === 'completed') return;
  const now = deps.clock.now();
  const row = await updateItem(tx, item.id, {
    status: 'completed',
    completedAt: item.status === 'completed' ? item.completedAt : now,
    closedByPr: pr.number,
    entryId: pr.entryId ?? item.entryId,
    updatedAt: now,
  });
  if (!row) return;
  await audit(tx, deps, row, 'roadmap_item.linked', {
    issue: row.issueNumber,
    pullRequest: pr.number,
    entryId: row.entryId,
    from: item.status,
  });
  if (row.entryId) {
    const entry = await entryStatusOf(tx, row.entryId);
    if (entry?.status === 'published') {
      await deps.queue.send(entryPublishedJobName, { entryId: row.entryId }, { tx });
    }
  }
}

/**
 * After a merged PR is ingested (same transaction): every issue of this repository its body closes
 * ("Closes #12", "fixes owner/repo#12") that is on the roadmap is linked to the PR's entry and completed.
 */
export async function linkMergedPullRequest(
  deps: SyncDeps,
  tx: Database,
  repository: { id: string; fullName: string },
  pr: { number: number; body: string },
): Promise<number> {
  const numbers = closedIssueNumbers(pr.body, repository.fullName);
  if (numbers.length === 0) return 0;
  const settings = await findSettings(tx, repository.id);
  if (!settings?.enabled) return 0;
  const row = await findPullRequestRow(tx, repository.id, pr.number);
  if (!row) return 0;
  let linked = 0;
  for (const number of numbers) {
    const item = await findItem(tx, repository.id, number, { lock: true });
    if (!item?.tracked) continue;
    await linkItem(deps, tx, item, row);
    linked += 1;
  }
  return linked;
}
