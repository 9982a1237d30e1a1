import { eq, or } from 'drizzle-orm';
import type { AppDeps } from '../../../app-context.ts';
import type { Database } from '../../../platform/db.ts';
import { systemAudit } from '../../audit/audit.service.ts';
import { users } from '../../auth/auth.table.ts';
import { createPersonalWorkspace } from '../../workspaces/workspaces.service.ts';
import { clerkUserSchema, displayNameOf, primaryEmailOf } from './clerk.schemas.ts';

/**
 * Creates the Herald user for a Clerk user (with a personal workspace), or links an existing
 * account with the same email. `user.updated` for an unknown user lands here too.
 */
export async function handleClerkUserCreated(tx: Database, payload: unknown, deps: AppDeps): Promise<void> {
  const data = clerkUserSchema.parse((payload as { data: unknown }).data);
  const primary = primaryEmailOf(data);
  if (!primary) throw new Error('Clerk user has no email address');
  const [existing] = await tx
    .select({ id: users.id, externalId: users.externalId })
    .from(users)
    .where(or(eq(users.externalId, data.id), eq(users.email, primary.email)));
  if (existing) {
    if (!existing.externalId)
      await tx.update(users).set({ externalId: data.id }).where(eq(users.id, existing.id));
    return;
  }
  const name = displayNameOf(data, primary.email);
  const [user] = await tx
    .insert(users)
    .values({
      id: crypto.randomUUID(),
      name,
      email: primary.email,
      emailVerified: primary.verified,
      externalId: data.id,
    })
    .returning({ id: users.id });
  if (!user) throw new Error('user not created');
  await createPersonalWorkspace(tx, systemAudit(deps.authSecret), { userId: user.id, userName: name });
}
