import { and, desc, eq, gte, inArray, type SQL, sql } from 'drizzle-orm';
import type { Platform, PlatformOutput } from '../../../shared/studio/studio-types.ts';
import type { Database } from '../../platform/db.ts';
import { type Cursor, olderThan } from '../../platform/pagination.ts';
import { type GenerationStatus, generations } from './generations.table.ts';

export type GenerationRow = typeof generations.$inferSelect;
export type NewGeneration = typeof generations.$inferInsert;
export type GenerationPatch = Partial<Omit<NewGeneration, 'id' | 'workspaceId' | 'createdAt'>>;

export async function insertGeneration(db: Database, values: NewGeneration): Promise<GenerationRow> {
  const [row] = await db.insert(generations).values(values).returning();
  if (!row) throw new Error('generation not inserted');
  return row;
}

export async function findGeneration(db: Database, workspaceId: string, id: string) {
  const [row] = await db
    .select()
    .from(generations)
    .where(and(eq(generations.workspaceId, workspaceId), eq(generations.id, id)));
  return row ?? null;
}

export async function findGenerationById(db: Database, id: string) {
  const [row] = await db.select().from(generations).where(eq(generations.id, id));
  return row ?? null;
}

/** The newest delivered generation with this cache key made at or after `since`. */
export async function findCachedGeneration(
  db: Database,
  workspaceId: string,
  inputHash: string,
  since: Date,
) {
  const [row] = await db
    .select()
    .from(generations)
    .where(
      and(
        eq(generations.workspaceId, workspaceId),
        eq(generations.inputHash, inputHash),
        gte(generations.createdAt, since),
        inArray(generations.status, ['completed', 'partial']),
      ),
    )
    .orderBy(desc(generations.createdAt))
    .limit(1);
  return row ?? null;
}

export async function listGenerations(
  db: Database,
  filter: { workspaceId: string; status?: GenerationStatus; cursor?: Cursor; limit: number },
) {
  const conditions: SQL[] = [eq(generations.workspaceId, filter.workspaceId)];
  if (filter.status) conditions.push(eq(generations.status, filter.status));
  const after = olderThan(filter.cursor, generations.createdAt, generations.id);
  if (after) conditions.push(after);
  return db
    .select()
    .from(generations)
    .where(and(...conditions))
    .orderBy(desc(generations.createdAt), desc(generations.id))
    .limit(filter.limit + 1);
}

/**
 * Updates a generation only while it is still `pending`: a job run twice (a retry, a duplicate
 * delivery) finishes it once, and the second run learns it lost from the `null`.
 */
export async function updatePendingGeneration(db: Database, id: string, patch: GenerationPatch) {
  const [row] = await db
    .update(generations)
    .set({ ...patch, updatedAt: new Date() })
    .where(and(eq(generations.id, id), eq(generations.status, 'pending')))
    .returning();
  return row ?? null;
}

/** Sets one platform's draft, merged in SQL so concurrent saves of other platforms are kept. */
export async function saveGenerationDraft(
  db: Database,
  workspaceId: string,
  id: string,
  platform: Platform,
  output: PlatformOutput,
) {
  const [row] = await db
    .update(generations)
    .set({
      drafts: sql`${generations.drafts} || ${JSON.stringify({ [platform]: output })}::jsonb`,
      updatedAt: new Date(),
    })
    .where(and(eq(generations.workspaceId, workspaceId), eq(generations.id, id)))
    .returning();
  return row ?? null;
}
