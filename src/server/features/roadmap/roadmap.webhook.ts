// The roadmap's part of GitHub deliveries (POST /webhooks/github/{repositoryId}, verified and stored
// by features/github): `issues` events update items; a merged `pull_request` that closes issues links
// them to its changelog entry. Both run in the `webhooks.process` job's transaction (jobs.ts).
import { z } from 'zod';
import { findRepositoryById } from '../github/github.queries.ts';
import type { WebhookHandler } from '../webhooks/webhooks.service.ts';
import { issueInputOf, issuesEventSchema } from './roadmap.payloads.ts';
import { findSettings } from './roadmap.queries.ts';
import { applyIssue, linkMergedPullRequest } from './roadmap.sync.ts';

const storedDeliverySchema = z.object({ repositoryId: z.string(), delivery: z.unknown() });

const issueActions = new Set([
  'opened',
  'edited',
  'labeled',
  'unlabeled',
  'closed',
  'reopened',
  'deleted',
  'transferred',
]);

/** The repository the delivery is for, when it is still connected and the delivery names it. */
async function repositoryOf(
  tx: Parameters<WebhookHandler>[0],
  repositoryId: string,
  from: { id: string | number; full_name: string },
) {
  const repository = await findRepositoryById(tx, repositoryId);
  if (!repository) return null;
  const matches = repository.githubId
    ? String(from.id) === repository.githubId
    : from.full_name.toLowerCase() === repository.fullName.toLowerCase();
  return matches ? repository : null;
}

export const handleIssuesDelivery: WebhookHandler = async (tx, payload, deps) => {
  const stored = storedDeliverySchema.parse(payload);
  const parsed = issuesEventSchema.safeParse(stored.delivery);
  if (!parsed.success) {
    deps.log.warn({ repositoryId: stored.repositoryId }, 'issues delivery Herald cannot read; ignored');
    return;
  }
  const event = parsed.data;
  if (!issueActions.has(event.action) || event.issue.pull_request) return;
  const repository = await repositoryOf(tx, stored.repositoryId, event.repository);
  if (!repository) return;
  const settings = await findSettings(tx, repository.id);
  if (!settings?.enabled) return;
  await applyIssue(deps, tx, repository, settings.mapping, issueInputOf(event.issue), {
    action: event.action,
    label: event.label?.name ?? null,
  });
};

const pullRequestDeliverySchema = z
  .object({
    action: z.string(),
    pull_request: z
      .object({
        number: z.number().int(),
        body: z.string().nullable().optional(),
        merged: z.boolean().nullable().optional(),
        merged_at: z.string().nullable().optional(),
      })
      .passthrough(),
    repository: z.object({ id: z.union([z.number(), z.string()]), full_name: z.string() }).passthrough(),
  })
  .passthrough();

/** Runs after features/github's pull_request handler, so the PR's entry exists. */
export const handlePullRequestForRoadmap: WebhookHandler = async (tx, payload, deps) => {
  const stored = storedDeliverySchema.parse(payload);
  const parsed = pullRequestDeliverySchema.safeParse(stored.delivery);
  if (!parsed.success) return;
  const { action, pull_request: pr, repository: from } = parsed.data;
  if (action !== 'closed' && action !== 'edited') return;
  if (!pr.merged_at || pr.merged === false) return;
  const repository = await repositoryOf(tx, stored.repositoryId, from);
  if (!repository) return;
  await linkMergedPullRequest(deps, tx, repository, {
    number: pr.number,
    body: (pr.body ?? '').replaceAll('\u0000', ''),
  });
};
