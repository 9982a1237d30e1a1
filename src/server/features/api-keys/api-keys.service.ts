import { and, desc, eq, isNull, lt, or } from 'drizzle-orm';
import { randomToken, sha256Hex } from '../../platform/crypto.ts';
import type { Database } from '../../platform/db.ts';
import { notFound } from '../../platform/errors.ts';
import { type AuditContext, recordAudit } from '../audit/audit.service.ts';
import type { WorkspaceAccess } from '../workspaces/workspace-access.ts';
import { type ApiKeyScope, apiKeys } from './api-keys.table.ts';

export const apiKeyPrefix = 'hk_';
// last_used_at is written at most once a minute per key, so a busy key does not write on every call.
const lastUsedResolutionMs = 60_000;

type ApiKeyRow = typeof apiKeys.$inferSelect;

export function presentApiKey(row: ApiKeyRow) {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    scope: row.scope,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}

export async function listApiKeys(db: Database, access: WorkspaceAccess) {
  const rows = await db
    .select()
    .from(apiKeys)
    .where(eq(apiKeys.workspaceId, access.workspaceId))
    .orderBy(desc(apiKeys.createdAt));
  return rows.map(presentApiKey);
}

/** Returns the secret once; only its SHA-256 is kept. */
export async function createApiKey(
  db: Database,
  audit: AuditContext,
  access: WorkspaceAccess,
  input: { name: string; scope: ApiKeyScope; createdBy: string },
) {
  const secret = `${apiKeyPrefix}${randomToken(32)}`;
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(apiKeys)
      .values({
        workspaceId: access.workspaceId,
        name: input.name,
        scope: input.scope,
        prefix: secret.slice(0, apiKeyPrefix.length + 8),
        keyHash: sha256Hex(secret),
        createdBy: input.createdBy,
        createdAt: new Date(),
      })
      .returning();
    if (!row) throw new Error('api key not created');
    await recordAudit(tx, audit, {
      action: 'api_key.created',
      entityType: 'api_key',
      entityId: row.id,
      workspaceId: access.workspaceId,
      details: { name: input.name, scope: input.scope },
    });
    return { apiKey: presentApiKey(row), secret };
  });
}

export async function revokeApiKey(
  db: Database,
  audit: AuditContext,
  access: WorkspaceAccess,
  keyId: string,
) {
  await db.transaction(async (tx) => {
    const [row] = await tx
      .update(apiKeys)
      .set({ revokedAt: new Date() })
      .where(
        and(eq(apiKeys.id, keyId), eq(apiKeys.workspaceId, access.workspaceId), isNull(apiKeys.revokedAt)),
      )
      .returning({ id: apiKeys.id });
    if (!row) throw notFound('Active API key');
    await recordAudit(tx, audit, {
      action: 'api_key.revoked',
      entityType: 'api_key',
      entityId: keyId,
      workspaceId: access.workspaceId,
    });
  });
}

/** Looks a presented key up by hash; `null` for unknown or revoked keys. */
export async function authenticateApiKey(db: Database, presented: string, now: Date) {
  if (!presented.startsWith(apiKeyPrefix) || presented.length > 200) return null;
  const [row] = await db
    .select()
    .from(apiKeys)
    .where(eq(apiKeys.keyHash, sha256Hex(presented)));
  if (!row || row.revokedAt) return null;
  const threshold = new Date(now.getTime() - lastUsedResolutionMs);
  if (!row.lastUsedAt || row.lastUsedAt < threshold) {
    await db
      .update(apiKeys)
      .set({ lastUsedAt: now })
      .where(and(eq(apiKeys.id, row.id), or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, threshold))));
  }
  return row;
}
