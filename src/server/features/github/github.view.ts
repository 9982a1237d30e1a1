// What the API shows of a repository: never its token (only `…abcd`) nor its webhook secret, which
// is shown once, when it is made (connect, rotation).
import type { AppDeps } from '../../app-context.ts';
import { encryptSecret, randomToken } from '../../platform/crypto.ts';
import type { Database } from '../../platform/db.ts';
import { tokenHintOf } from './github.auth.ts';
import { entryCountsOf, type RepositoryRow, workspaceSlugOf } from './github.queries.ts';

type ViewDeps = Pick<AppDeps, 'config' | 'encryptionKey' | 'decryptionKeys'>;

export function webhookUrlOf(deps: Pick<AppDeps, 'config'>, repositoryId: string): string {
  return `${deps.config.publicUrl}/webhooks/github/${repositoryId}`;
}

/** What to paste into GitHub's "Add webhook" form. */
export function webhookSetup(deps: Pick<AppDeps, 'config'>, repositoryId: string, secret: string) {
  return {
    url: webhookUrlOf(deps, repositoryId),
    secret,
    contentType: 'application/json' as const,
    events: ['pull_request' as const],
  };
}

export function newWebhookSecret(deps: Pick<AppDeps, 'encryptionKey'>) {
  const secret = `ghwh_${randomToken(32)}`;
  return { secret, encrypted: encryptSecret(deps.encryptionKey, secret) };
}

function present(deps: ViewDeps, row: RepositoryRow, workspaceSlug: string, entryCount: number) {
  return {
    id: row.id,
    fullName: row.fullName,
    slug: row.slug,
    authType: row.authType,
    installationId: row.installationId,
    tokenHint: tokenHintOf(deps, row),
    categoryMapping: row.categoryMapping,
    webhookUrl: webhookUrlOf(deps, row.id),
    publicUrl: `${deps.config.publicUrl}/changelog/${encodeURIComponent(workspaceSlug)}/repos/${encodeURIComponent(row.slug)}`,
    lastDelivery:
      row.lastDeliveryAt && row.lastDeliveryEvent
        ? { at: row.lastDeliveryAt.toISOString(), event: row.lastDeliveryEvent, error: row.lastDeliveryError }
        : null,
    backfill: {
      status: row.backfillStatus,
      request: row.backfillRequest ?? null,
      imported: row.backfillImported,
      error: row.backfillError,
      finishedAt: row.backfillFinishedAt?.toISOString() ?? null,
    },
    entryCount,
    createdAt: row.createdAt.toISOString(),
  };
}

export type RepositoryView = ReturnType<typeof present>;

export async function presentRepositories(
  deps: ViewDeps,
  db: Database,
  rows: RepositoryRow[],
): Promise<RepositoryView[]> {
  const first = rows[0];
  if (!first) return [];
  const [slug, counts] = await Promise.all([
    workspaceSlugOf(db, first.workspaceId),
    entryCountsOf(
      db,
      rows.map((row) => row.id),
    ),
  ]);
  return rows.map((row) => present(deps, row, slug, counts.get(row.id) ?? 0));
}

export async function presentRepository(
  deps: ViewDeps,
  db: Database,
  row: RepositoryRow,
): Promise<RepositoryView> {
  const [view] = await presentRepositories(deps, db, [row]);
  if (!view) throw new Error('repository not presented');
  return view;
}
