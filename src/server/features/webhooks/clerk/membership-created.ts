import { eq } from 'drizzle-orm';
import type { Database } from '../../../platform/db.ts';
import { users } from '../../auth/auth.table.ts';
import { insertMember } from '../../workspaces/workspaces.queries.ts';
import { type WorkspaceRole, workspaces } from '../../workspaces/workspaces.table.ts';
import { clerkMembershipSchema } from './clerk.schemas.ts';

// Clerk's default roles are org:admin and org:member; anything else maps to member.
function roleFromClerk(role: string): WorkspaceRole {
  if (role === 'org:admin' || role === 'admin') return 'admin';
  if (role === 'org:viewer' || role === 'viewer') return 'viewer';
  return 'member';
}

export async function handleClerkMembershipCreated(tx: Database, payload: unknown): Promise<void> {
  const data = clerkMembershipSchema.parse((payload as { data: unknown }).data);
  const [workspace] = await tx
    .select({ id: workspaces.id })
    .from(workspaces)
    .where(eq(workspaces.externalId, data.organization.id));
  const [user] = await tx
    .select({ id: users.id })
    .from(users)
    .where(eq(users.externalId, data.public_user_data.user_id));
  if (!workspace || !user) throw new Error('membership refers to an organization or user not known yet');
  await insertMember(tx, workspace.id, user.id, roleFromClerk(data.role));
}
