import type { AppDeps } from '../../app-context.ts';
import { defineJob } from '../../platform/queue.ts';
import type { WebhookHandler } from '../webhooks/webhooks.service.ts';
import { importJobName, importJobSchema, importRetryLimit, runImport } from './roadmap.import.ts';
import { entryPublishedJobSchema, runEntryPublished } from './roadmap.notify.ts';
import { pushStatusJobName, pushStatusJobSchema, runPushStatus } from './roadmap.push.ts';
import { entryPublishedJobName } from './roadmap.sync.ts';
import { handleIssuesDelivery, handlePullRequestForRoadmap } from './roadmap.webhook.ts';

export function roadmapJobs(deps: AppDeps) {
  return [
    defineJob({
      name: importJobName,
      schema: importJobSchema,
      retryLimit: importRetryLimit,
      retryDelaySeconds: 30,
      handler: (data, context) => runImport(deps, data, context),
    }),
    defineJob({
      name: pushStatusJobName,
      schema: pushStatusJobSchema,
      retryLimit: 5,
      retryDelaySeconds: 10,
      handler: (data) => runPushStatus(deps, data),
    }),
    defineJob({
      name: entryPublishedJobName,
      schema: entryPublishedJobSchema,
      retryLimit: 5,
      retryDelaySeconds: 10,
      handler: async (data) => {
        await runEntryPublished(deps, data);
      },
    }),
  ];
}

/**
 * features/github's delivery handlers with the roadmap's added: `issues` events, and merged pull
 * requests linked to the issues they close after the PR itself was ingested (same transaction).
 */
export function withRoadmapHandlers(github: Record<string, WebhookHandler>): Record<string, WebhookHandler> {
  const pullRequest = github.pull_request;
  return {
    ...github,
    issues: handleIssuesDelivery,
    pull_request: async (tx, payload, deps, event) => {
      if (pullRequest) await pullRequest(tx, payload, deps, event);
      await handlePullRequestForRoadmap(tx, payload, deps, event);
    },
  };
}
