import { eq } from 'drizzle-orm';
import type { Database } from '../../platform/db.ts';
import { workspaceAiProviders } from './ai-providers.table.ts';

export type AiProviderRow = typeof workspaceAiProviders.$inferSelect;
export type AiProviderValues = Omit<typeof workspaceAiProviders.$inferInsert, 'workspaceId'>;

export async function findAiProvider(db: Database, workspaceId: string): Promise<AiProviderRow | null> {
  const [row] = await db
    .select()
    .from(workspaceAiProviders)
    .where(eq(workspaceAiProviders.workspaceId, workspaceId));
  return row ?? null;
}

export async function upsertAiProvider(
  db: Database,
  workspaceId: string,
  values: AiProviderValues,
): Promise<AiProviderRow> {
  const [row] = await db
    .insert(workspaceAiProviders)
    .values({ workspaceId, ...values })
    .onConflictDoUpdate({ target: workspaceAiProviders.workspaceId, set: values })
    .returning();
  if (!row) throw new Error('ai provider settings not written');
  return row;
}
