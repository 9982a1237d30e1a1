// Re-encrypts every secret Herald stores with the current ENCRYPTION_KEY (`herald secrets rotate`).
// The operator sets the new key as ENCRYPTION_KEY and the old one in ENCRYPTION_KEY_PREVIOUS, restarts
// (servers read both meanwhile), runs the command, then drops the old key. Each value is replaced by a
// conditional update (`where column = <the value read>`), so a value rewritten concurrently (a token
// refresh) is left alone, and running the command twice changes nothing the second time.
import { and, eq, isNotNull } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { decryptSecret, encryptSecret, isEncryptedWith } from '../../platform/crypto.ts';
import type { Database } from '../../platform/db.ts';
import { workspaceAiProviders } from '../ai-providers/ai-providers.table.ts';
import { channels, oauthStates } from '../channels/channels.table.ts';
import { githubRepositories } from '../github/github.table.ts';

interface EncryptedColumn {
  name: string;
  table: PgTable;
  id: PgColumn;
  /** The Drizzle property of the encrypted column on `table`. */
  key: string;
}

const valueColumn = (column: EncryptedColumn) =>
  (column.table as unknown as Record<string, PgColumn>)[column.key];

/** Every column holding a value encrypted with ENCRYPTION_KEY. A new one must be listed here. */
export const encryptedColumns: EncryptedColumn[] = [
  {
    name: 'workspace_ai_providers.api_key_encrypted',
    table: workspaceAiProviders,
    id: workspaceAiProviders.workspaceId,
    key: 'apiKeyEncrypted',
  },
  {
    name: 'channels.access_token_encrypted',
    table: channels,
    id: channels.id,
    key: 'accessTokenEncrypted',
  },
  {
    name: 'channels.refresh_token_encrypted',
    table: channels,
    id: channels.id,
    key: 'refreshTokenEncrypted',
  },
  {
    name: 'channels.webhook_secret_encrypted',
    table: channels,
    id: channels.id,
    key: 'webhookSecretEncrypted',
  },
  {
    name: 'oauth_states.code_verifier_encrypted',
    table: oauthStates,
    id: oauthStates.state,
    key: 'codeVerifierEncrypted',
  },
  {
    name: 'github_repositories.token_encrypted',
    table: githubRepositories,
    id: githubRepositories.id,
    key: 'tokenEncrypted',
  },
  {
    name: 'github_repositories.webhook_secret_encrypted',
    table: githubRepositories,
    id: githubRepositories.id,
    key: 'webhookSecretEncrypted',
  },
];

export interface RotationReport {
  /** Values now encrypted with the current key that were not before. */
  reencrypted: number;
  /** Values already encrypted with the current key. */
  current: number;
  /** Values no configured key opens (left as they are), by column. */
  unreadable: { column: string; id: string }[];
}

export async function rotateEncryptedValues(
  db: Database,
  keys: { current: string; previous: readonly string[] },
): Promise<RotationReport> {
  const report: RotationReport = { reencrypted: 0, current: 0, unreadable: [] };
  for (const column of encryptedColumns) {
    const value = valueColumn(column);
    if (!value) throw new Error(`${column.name}: no column ${column.key}`);
    const rows = (await db.select({ id: column.id, value }).from(column.table).where(isNotNull(value))) as {
      id: string;
      value: string;
    }[];
    for (const row of rows) {
      if (isEncryptedWith(keys.current, row.value)) {
        report.current++;
        continue;
      }
      let plaintext: string;
      try {
        plaintext = decryptSecret(keys.previous, row.value);
      } catch {
        report.unreadable.push({ column: column.name, id: row.id });
        continue;
      }
      const updated = await db
        .update(column.table)
        .set({ [column.key]: encryptSecret(keys.current, plaintext) })
        .where(and(eq(column.id, row.id), eq(value, row.value)))
        .returning({ id: column.id });
      if (updated.length > 0) report.reencrypted++;
    }
  }
  return report;
}
