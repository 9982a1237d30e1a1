// Herald → GitHub: the `roadmap.push-status` job makes an issue's labels (and, with closeOnComplete,
// its state) say the item's current status. It reads the item when it runs, so several quick moves
// end in one consistent state. Each change is noted on the item as an echo before it is made (see
// roadmap.sync.ts), made, then recorded in the item's labels; a failed call takes its note back and
// the job is retried.
import { z } from 'zod';
import type { AppDeps } from '../../app-context.ts';
import { authOf, withGithubAuth } from '../github/github.auth.ts';
import { findRepositoryById } from '../github/github.queries.ts';
import { addIssueLabel, removeIssueLabel, setIssueState } from './roadmap.github.ts';
import { findItemById, findSettings, type RoadmapItemRow, updateItem } from './roadmap.queries.ts';
import type { RoadmapMapping } from './roadmap.table.ts';

export const pushStatusJobName = 'roadmap.push-status';
export const pushStatusJobSchema = z.object({ itemId: z.string().min(1) });

type Operation =
  | { kind: 'add'; label: string }
  | { kind: 'remove'; label: string }
  | { kind: 'state'; state: 'open' | 'closed' };

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** What to do on GitHub so the issue says the item's status: adds first, then removals, then state. */
export function operationsFor(item: RoadmapItemRow, mapping: RoadmapMapping): Operation[] {
  const statusLabels: Record<string, string | null> = {
    planned: mapping.planned,
    'in-progress': mapping.inProgress,
    completed: mapping.completed,
  };
  const wanted = statusLabels[item.status] ?? null;
  const has = (label: string) => item.labels.some((l) => same(l, label));
  const operations: Operation[] = [];
  if (wanted && !has(wanted)) operations.push({ kind: 'add', label: wanted });
  for (const [status, label] of Object.entries(statusLabels)) {
    if (status === item.status || !label || (wanted && same(label, wanted))) continue;
    const present = item.labels.find((l) => same(l, label));
    if (present) operations.push({ kind: 'remove', label: present });
  }
  if (mapping.closeOnComplete) {
    if (item.status === 'completed' && item.issueState === 'open') {
      operations.push({ kind: 'state', state: 'closed' });
    } else if (item.status !== 'completed' && item.issueState === 'closed') {
      operations.push({ kind: 'state', state: 'open' });
    }
  }
  return operations;
}

function echoKeyOf(operation: Operation): string {
  if (operation.kind === 'state') return operation.state === 'closed' ? 'closed' : 'reopened';
  return `${operation.kind === 'add' ? 'labeled' : 'unlabeled'}:${operation.label.toLowerCase()}`;
}

export async function runPushStatus(deps: AppDeps, job: z.infer<typeof pushStatusJobSchema>): Promise<void> {
  const first = await findItemById(deps.db, job.itemId);
  if (!first) return;
  const repository = await findRepositoryById(deps.db, first.repositoryId);
  const settings = await findSettings(deps.db, first.repositoryId);
  if (!repository || !settings?.enabled) return;
  const operations = operationsFor(first, settings.mapping);
  const auth = authOf(deps, repository);
  for (const operation of operations) {
    const key = echoKeyOf(operation);
    const at = deps.clock.now().toISOString();
    // Noted before the call: GitHub's delivery may arrive before the call returns.
    await deps.db.transaction(async (tx) => {
      const item = await findItemById(tx, job.itemId, { lock: true });
      if (item) await updateItem(tx, item.id, { echoes: [...item.echoes, { key, at }].slice(-20) });
    });
    try {
      await withGithubAuth(deps, auth, (bearer) => {
        if (operation.kind === 'add') {
          return addIssueLabel(deps, bearer, repository.fullName, first.issueNumber, operation.label);
        }
        if (operation.kind === 'remove') {
          return removeIssueLabel(deps, bearer, repository.fullName, first.issueNumber, operation.label);
        }
        return setIssueState(deps, bearer, repository.fullName, first.issueNumber, operation.state);
      });
    } catch (error) {
      await deps.db.transaction(async (tx) => {
        const item = await findItemById(tx, job.itemId, { lock: true });
        if (!item) return;
        const index = item.echoes.findIndex((echo) => echo.key === key && echo.at === at);
        if (index >= 0) await updateItem(tx, item.id, { echoes: item.echoes.filter((_, i) => i !== index) });
      });
      throw error;
    }
    await deps.db.transaction(async (tx) => {
      const item = await findItemById(tx, job.itemId, { lock: true });
      if (!item) return;
      if (operation.kind === 'state') {
        await updateItem(tx, item.id, { issueState: operation.state });
        return;
      }
      const labels =
        operation.kind === 'add'
          ? item.labels.some((l) => same(l, operation.label))
            ? item.labels
            : [...item.labels, operation.label]
          : item.labels.filter((l) => !same(l, operation.label));
      await updateItem(tx, item.id, { labels });
    });
  }
  deps.log.info({ itemId: job.itemId, operations: operations.length }, 'roadmap status pushed to GitHub');
}
