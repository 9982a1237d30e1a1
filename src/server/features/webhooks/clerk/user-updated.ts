import { eq } from 'drizzle-orm';
import type { AppDeps } from '../../../app-context.ts';
import type { Database } from '../../../platform/db.ts';
import { users } from '../../auth/auth.table.ts';
import { clerkUserSchema, displayNameOf, primaryEmailOf } from './clerk.schemas.ts';
import { handleClerkUserCreated } from './user-created.ts';

export async function handleClerkUserUpdated(tx: Database, payload: unknown, deps: AppDeps): Promise<void> {
  const data = clerkUserSchema.parse((payload as { data: unknown }).data);
  const primary = primaryEmailOf(data);
  if (!primary) throw new Error('Clerk user has no email address');
  const [updated] = await tx
    .update(users)
    .set({
      name: displayNameOf(data, primary.email),
      email: primary.email,
      emailVerified: primary.verified,
      updatedAt: new Date(),
    })
    .where(eq(users.externalId, data.id))
    .returning({ id: users.id });
  // An update can arrive before the create it follows; treat it as the create.
  if (!updated) await handleClerkUserCreated(tx, payload, deps);
}
