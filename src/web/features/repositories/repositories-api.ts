// Response shapes of the repositories API (issue 6 contract) as the Repositories page reads them.

export const changelogCategories = ['New', 'Fixed', 'Improved', 'Other'] as const;
export type ChangelogCategory = (typeof changelogCategories)[number];

export interface CategoryMapping {
  labels: Record<string, ChangelogCategory>;
  prefixes: Record<string, ChangelogCategory>;
  skipLabels: string[];
}

/** What the server starts from when a connection gives no mapping; shown as the editor's default. */
export const defaultCategoryMapping: CategoryMapping = {
  labels: {
    feature: 'New',
    enhancement: 'Improved',
    bug: 'Fixed',
    fix: 'Fixed',
    performance: 'Improved',
    perf: 'Improved',
    refactor: 'Improved',
  },
  prefixes: { feat: 'New', fix: 'Fixed', perf: 'Improved', refactor: 'Improved' },
  skipLabels: ['skip-changelog', 'no-changelog'],
};

export type BackfillRequest = { count: number } | { since: string; until?: string };

export type BackfillStatus = 'idle' | 'running' | 'completed' | 'failed';

export interface Repository {
  id: string;
  fullName: string;
  slug: string;
  authType: 'token' | 'app';
  installationId: string | null;
  tokenHint: string | null;
  categoryMapping: CategoryMapping;
  webhookUrl: string;
  publicUrl: string;
  lastDelivery: { at: string; event: string; error: string | null } | null;
  backfill: {
    status: BackfillStatus;
    request: { count?: number; since?: string; until?: string } | null;
    imported: number;
    error: string | null;
    finishedAt: string | null;
  };
  entryCount: number;
  createdAt: string;
}

export interface WebhookSetup {
  url: string;
  secret: string;
  contentType: string;
  events: string[];
}

export type RepositoryAuth = { type: 'token'; token: string } | { type: 'app'; installationId: string };

export interface ConnectRepositoryBody {
  fullName: string;
  auth: RepositoryAuth;
  backfill?: BackfillRequest;
  categoryMapping?: CategoryMapping;
}

export interface ConnectedRepository {
  repository: Repository;
  webhook: WebhookSetup;
}

/** How a backfill request reads in a sentence. */
export function describeBackfillRequest(request: Repository['backfill']['request']): string {
  if (!request) return '';
  if (request.count) return `the last ${request.count} merged pull requests`;
  if (request.since) {
    const since = request.since.slice(0, 10);
    return request.until
      ? `pull requests merged ${since} to ${request.until.slice(0, 10)}`
      : `pull requests merged since ${since}`;
  }
  return '';
}
