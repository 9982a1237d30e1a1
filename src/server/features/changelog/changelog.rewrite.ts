// AI rewrite of an entry through the workspace's Studio engine (the local engine unless the workspace
// set an LLM provider). Metered as one `ai_rewrite` operation: credits and the `ai_rewrites` counter
// are checked before any work (402 / 429, nothing written), then charged once the rewrite is saved,
// under the key `ai_rewrite:<entry>:v<version>`: a version is rewritten (and charged) at most once;
// a concurrent rewrite or edit of the same version gets a 409 and costs nothing.
import type { AppDeps } from '../../app-context.ts';
import { resolveEngine } from '../ai-providers/ai-providers.service.ts';
import { type AuditContext, recordAudit } from '../audit/audit.service.ts';
import { assertCanAfford, chargeOperation } from '../billing/metering.service.ts';
import { ledgerActorOf } from '../credits/credits.service.ts';
import { loadBrandVoice } from '../generations/generations.service.ts';
import { detectLanguage } from '../studio/engines/local/local-engine.ts';
import type { WorkspaceAccess } from '../workspaces/workspace-access.ts';
import { ensureEntryPublishQueue } from './changelog.publish-queue.ts';
import { type EntryRow, findEntry, pullRequestsOf } from './changelog.queries.ts';
import { maxEntryBodyChars, maxEntryTitleChars } from './changelog.schemas.ts';
import { applyEntryChange, getEntryRow, slugForTitle } from './changelog.service.ts';
import { presentOne } from './changelog.view.ts';

const operation = { unit: 'ai_rewrites', quantity: 1, operationType: 'ai_rewrite' } as const;

export async function rewriteEntry(
  deps: AppDeps,
  audit: AuditContext,
  access: WorkspaceAccess,
  entryId: string,
) {
  const current = await getEntryRow(deps.db, access.workspaceId, entryId);
  await assertCanAfford(deps, { workspaceId: access.workspaceId, ...operation });
  const engine = await resolveEngine(deps, access.workspaceId);
  const pullRequests = await pullRequestsOf(deps.db, [current.id]);
  const result = await engine.rewriteEntry({
    title: current.title,
    body: current.body,
    category: current.category,
    pullRequests: pullRequests.map((pr) => ({
      number: pr.number,
      title: pr.title,
      body: pr.body,
      labels: pr.labels,
      breaking: pr.breaking,
    })),
    language: detectLanguage(`${current.title}\n\n${current.body}`),
    brand: await loadBrandVoice(deps, access.workspaceId),
    limits: { titleChars: maxEntryTitleChars, bodyChars: maxEntryBodyChars },
  });
  if (current.status === 'scheduled') await ensureEntryPublishQueue(deps.queue);
  const saved = await deps.db.transaction(async (tx) => {
    const now = deps.clock.now();
    const row = await applyEntryChange(deps, tx, current, {
      title: result.title,
      slug: await slugForTitle(tx, current, result.title),
      body: result.body,
      aiRewrittenAt: now,
      // The user asked for these words: a later pull request edit must not overwrite them.
      editedByUser: true,
      updatedAt: now,
    });
    await recordAudit(tx, audit, {
      action: 'changelog_entry.rewritten',
      entityType: 'changelog_entry',
      entityId: row.id,
      workspaceId: access.workspaceId,
      details: { engine: engine.kind, model: result.model, fromVersion: current.version },
    });
    return { row, view: await presentOne(deps, tx, row) };
  });
  // Only the request whose rewrite was saved gets here (a concurrent one lost on the version), so the
  // version's key is charged once. A charge refused now (credits spent meanwhile) undoes the rewrite.
  try {
    await chargeOperation(
      deps,
      {
        workspaceId: access.workspaceId,
        ...operation,
        idempotencyKey: `ai_rewrite:${current.id}:v${current.version}`,
        actor: ledgerActorOf(audit.actor),
        request: audit.request,
        details: { entryId: current.id, engine: engine.kind, model: result.model },
      },
      result.tokens.input || result.tokens.output
        ? { ...result.tokens, costUsdMicros: result.costUsdMicros }
        : {},
    );
  } catch (error) {
    await undoRewrite(deps, current, saved.row.version);
    throw error;
  }
  return { entry: saved.view, previous: { title: current.title, body: current.body } };
}

async function undoRewrite(deps: AppDeps, before: EntryRow, rewrittenVersion: number) {
  await deps.db.transaction(async (tx) => {
    const rewritten = await findEntry(tx, before.workspaceId, before.id);
    if (rewritten?.version !== rewrittenVersion) return;
    await applyEntryChange(deps, tx, rewritten, {
      title: before.title,
      slug: before.slug,
      body: before.body,
      aiRewrittenAt: before.aiRewrittenAt,
      editedByUser: before.editedByUser,
      updatedAt: deps.clock.now(),
    });
  });
}
