import { eq } from 'drizzle-orm';
import type { AppDeps } from '../../../app-context.ts';
import type { Database } from '../../../platform/db.ts';
import { systemAudit } from '../../audit/audit.service.ts';
import { users } from '../../auth/auth.table.ts';
import { createWorkspace } from '../../workspaces/workspaces.service.ts';
import { workspaces } from '../../workspaces/workspaces.table.ts';
import { clerkOrganizationSchema } from './clerk.schemas.ts';

export async function handleClerkOrganizationCreated(
  tx: Database,
  payload: unknown,
  deps: AppDeps,
): Promise<void> {
  const data = clerkOrganizationSchema.parse((payload as { data: unknown }).data);
  const [existing] = await tx
    .select({ id: workspaces.id })
    .from(workspaces)
    .where(eq(workspaces.externalId, data.id));
  if (existing) return;
  if (!data.created_by) throw new Error('Clerk organization has no creator to own the workspace');
  const [owner] = await tx.select({ id: users.id }).from(users).where(eq(users.externalId, data.created_by));
  // The creator's user.created may still be on its way; the retry picks this up once it lands.
  if (!owner) throw new Error(`organization creator ${data.created_by} is not known yet`);
  await createWorkspace(tx, systemAudit(deps.authSecret), {
    name: data.name,
    ownerId: owner.id,
    externalId: data.id,
  });
}
