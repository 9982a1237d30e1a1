import { eq } from 'drizzle-orm';
import type { AppDeps } from '../../../app-context.ts';
import type { Database } from '../../../platform/db.ts';
import { sessions, users } from '../../auth/auth.table.ts';
import { clerkDeletedSchema } from './clerk.schemas.ts';

/** Deleted in Clerk: signed out now, hard-deleted by the purge job after the grace period. */
export async function handleClerkUserDeleted(tx: Database, payload: unknown, deps: AppDeps): Promise<void> {
  const data = clerkDeletedSchema.parse((payload as { data: unknown }).data);
  const [user] = await tx.select({ id: users.id }).from(users).where(eq(users.externalId, data.id));
  if (!user) return;
  const now = deps.clock.now();
  await tx
    .update(users)
    .set({
      status: 'inactive',
      deletionRequestedAt: now,
      deletionScheduledFor: new Date(now.getTime() + deps.config.ACCOUNT_DELETION_GRACE_DAYS * 86_400_000),
    })
    .where(eq(users.id, user.id));
  await tx.delete(sessions).where(eq(sessions.userId, user.id));
}
