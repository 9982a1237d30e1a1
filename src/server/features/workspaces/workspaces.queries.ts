import { and, asc, eq, sql } from 'drizzle-orm';
import type { Database } from '../../platform/db.ts';
import { users } from '../auth/auth.table.ts';
import {
  brandProfiles,
  type WorkspaceRole,
  workspaceInvitations,
  workspaceMembers,
  workspaces,
} from './workspaces.table.ts';

export async function findMembership(db: Database, workspaceId: string, userId: string) {
  const [row] = await db
    .select({ role: workspaceMembers.role })
    .from(workspaceMembers)
    .where(and(eq(workspaceMembers.workspaceId, workspaceId), eq(workspaceMembers.userId, userId)));
  return row ?? null;
}

export async function listWorkspacesOfUser(db: Database, userId: string) {
  return db
    .select({
      id: workspaces.id,
      name: workspaces.name,
      slug: workspaces.slug,
      isPersonal: workspaces.isPersonal,
      timezone: workspaces.timezone,
      createdAt: workspaces.createdAt,
      role: workspaceMembers.role,
    })
    .from(workspaceMembers)
    .innerJoin(workspaces, eq(workspaces.id, workspaceMembers.workspaceId))
    .where(eq(workspaceMembers.userId, userId))
    .orderBy(sql`${workspaces.isPersonal} desc`, asc(workspaces.createdAt));
}

export async function findWorkspace(db: Database, workspaceId: string) {
  const [row] = await db.select().from(workspaces).where(eq(workspaces.id, workspaceId));
  return row ?? null;
}

/** Reads the workspace and locks its row until the transaction ends (FK inserts are not blocked). */
export async function lockWorkspaceRow(db: Database, workspaceId: string) {
  const [row] = await db.select().from(workspaces).where(eq(workspaces.id, workspaceId)).for('no key update');
  return row ?? null;
}

export async function listMembers(db: Database, workspaceId: string) {
  return db
    .select({
      userId: workspaceMembers.userId,
      name: users.name,
      email: users.email,
      role: workspaceMembers.role,
      joinedAt: workspaceMembers.createdAt,
    })
    .from(workspaceMembers)
    .innerJoin(users, eq(users.id, workspaceMembers.userId))
    .where(eq(workspaceMembers.workspaceId, workspaceId))
    .orderBy(asc(workspaceMembers.createdAt));
}

/**
 * Locks the workspace's owner rows and counts them, inside the caller's transaction. Two owners demoting
 * each other at once would otherwise both see two owners and leave none; the fixed order avoids deadlocks.
 */
export async function lockOwners(db: Database, workspaceId: string): Promise<number> {
  const rows = await db
    .select({ userId: workspaceMembers.userId })
    .from(workspaceMembers)
    .where(and(eq(workspaceMembers.workspaceId, workspaceId), eq(workspaceMembers.role, 'owner')))
    .orderBy(asc(workspaceMembers.userId))
    .for('update');
  return rows.length;
}

export async function insertMember(db: Database, workspaceId: string, userId: string, role: WorkspaceRole) {
  await db.insert(workspaceMembers).values({ workspaceId, userId, role }).onConflictDoNothing();
}

export async function listInvitations(db: Database, workspaceId: string) {
  return db
    .select()
    .from(workspaceInvitations)
    .where(eq(workspaceInvitations.workspaceId, workspaceId))
    .orderBy(sql`${workspaceInvitations.createdAt} desc`);
}

export async function findInvitationByTokenHash(db: Database, tokenHash: string) {
  const [row] = await db
    .select({ invitation: workspaceInvitations, workspaceName: workspaces.name })
    .from(workspaceInvitations)
    .innerJoin(workspaces, eq(workspaces.id, workspaceInvitations.workspaceId))
    .where(eq(workspaceInvitations.tokenHash, tokenHash));
  return row ?? null;
}

export async function findBrandProfile(db: Database, workspaceId: string) {
  const [row] = await db.select().from(brandProfiles).where(eq(brandProfiles.workspaceId, workspaceId));
  return row ?? null;
}
