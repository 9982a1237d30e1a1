import { and, eq } from 'drizzle-orm';
import { randomToken } from '../../platform/crypto.ts';
import type { Database } from '../../platform/db.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { type AuditContext, recordAudit } from '../audit/audit.service.ts';
import type { WorkspaceAccess } from './workspace-access.ts';
import {
  findBrandProfile,
  findMembership,
  findWorkspace,
  insertMember,
  listMembers,
  listWorkspacesOfUser,
  lockOwners,
} from './workspaces.queries.ts';
import type { BrandProfileBody, UpdateWorkspaceBody } from './workspaces.schemas.ts';
import { brandProfiles, type WorkspaceRole, workspaceMembers, workspaces } from './workspaces.table.ts';

function slugify(name: string): string {
  const base = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return `${base || 'workspace'}-${randomToken(4)
    .toLowerCase()
    .replace(/[^a-z0-9]/g, 'x')}`;
}

export async function createWorkspace(
  db: Database,
  audit: AuditContext,
  input: { name: string; ownerId: string; isPersonal?: boolean; externalId?: string },
) {
  return db.transaction(async (tx) => {
    const [workspace] = await tx
      .insert(workspaces)
      .values({
        name: input.name,
        slug: slugify(input.name),
        isPersonal: input.isPersonal ?? false,
        createdBy: input.ownerId,
        externalId: input.externalId ?? null,
      })
      .returning();
    if (!workspace) throw new Error('workspace not created');
    await insertMember(tx, workspace.id, input.ownerId, 'owner');
    await recordAudit(tx, audit, {
      action: 'workspace.created',
      entityType: 'workspace',
      entityId: workspace.id,
      workspaceId: workspace.id,
      details: { isPersonal: workspace.isPersonal },
    });
    return { ...workspace, role: 'owner' as const };
  });
}

export function createPersonalWorkspace(
  db: Database,
  audit: AuditContext,
  input: { userId: string; userName: string },
) {
  const firstName = input.userName.trim().split(/\s+/)[0] || 'My';
  return createWorkspace(db, audit, {
    name: `${firstName}'s workspace`,
    ownerId: input.userId,
    isPersonal: true,
  });
}

export async function getWorkspaceOrThrow(db: Database, access: WorkspaceAccess) {
  const workspace = await findWorkspace(db, access.workspaceId);
  if (!workspace) throw notFound('Workspace');
  return { ...workspace, role: access.role };
}

export async function updateWorkspace(
  db: Database,
  audit: AuditContext,
  access: WorkspaceAccess,
  body: UpdateWorkspaceBody,
) {
  return db.transaction(async (tx) => {
    const [workspace] = await tx
      .update(workspaces)
      .set({ ...body, updatedAt: new Date() })
      .where(eq(workspaces.id, access.workspaceId))
      .returning();
    if (!workspace) throw notFound('Workspace');
    await recordAudit(tx, audit, {
      action: 'workspace.updated',
      entityType: 'workspace',
      entityId: workspace.id,
      workspaceId: workspace.id,
      details: { fields: Object.keys(body) },
    });
    return { ...workspace, role: access.role };
  });
}

export async function deleteWorkspace(db: Database, audit: AuditContext, access: WorkspaceAccess) {
  const workspace = await getWorkspaceOrThrow(db, access);
  if (workspace.isPersonal)
    throw new AppError('conflict', 'A personal workspace is deleted with its account');
  await db.transaction(async (tx) => {
    await tx.delete(workspaces).where(eq(workspaces.id, access.workspaceId));
    await recordAudit(tx, audit, {
      action: 'workspace.deleted',
      entityType: 'workspace',
      entityId: access.workspaceId,
      workspaceId: access.workspaceId,
    });
  });
}

/** The user's workspaces, the personal one first. */
export function listUserWorkspaces(db: Database, userId: string) {
  return listWorkspacesOfUser(db, userId);
}

export function listWorkspaceMembers(db: Database, access: WorkspaceAccess) {
  return listMembers(db, access.workspaceId);
}

/** Admins manage members; only an owner can make or unmake an owner, and the last owner stays. */
export async function changeMemberRole(
  db: Database,
  audit: AuditContext,
  access: WorkspaceAccess,
  userId: string,
  role: WorkspaceRole,
) {
  return db.transaction(async (tx) => {
    // Owners are locked before the target is read, so the check below sees any concurrent change.
    const owners = await lockOwners(tx, access.workspaceId);
    const target = await findMembership(tx, access.workspaceId, userId);
    if (!target) throw notFound('Member');
    if ((target.role === 'owner' || role === 'owner') && access.role !== 'owner') {
      throw new AppError('forbidden', 'Only an owner can grant or remove the owner role');
    }
    if (target.role === 'owner' && role !== 'owner' && owners <= 1) {
      throw new AppError('conflict', 'A workspace needs at least one owner');
    }
    await tx
      .update(workspaceMembers)
      .set({ role })
      .where(and(eq(workspaceMembers.workspaceId, access.workspaceId), eq(workspaceMembers.userId, userId)));
    await recordAudit(tx, audit, {
      action: 'member.role_changed',
      entityType: 'user',
      entityId: userId,
      workspaceId: access.workspaceId,
      details: { from: target.role, to: role },
    });
  });
}

export async function removeMember(
  db: Database,
  audit: AuditContext,
  access: WorkspaceAccess,
  userId: string,
) {
  await db.transaction(async (tx) => {
    const owners = await lockOwners(tx, access.workspaceId);
    const target = await findMembership(tx, access.workspaceId, userId);
    if (!target) throw notFound('Member');
    if (target.role === 'owner' && access.role !== 'owner') {
      throw new AppError('forbidden', 'Only an owner can remove an owner');
    }
    if (target.role === 'owner' && owners <= 1) {
      throw new AppError('conflict', 'A workspace needs at least one owner');
    }
    await tx
      .delete(workspaceMembers)
      .where(and(eq(workspaceMembers.workspaceId, access.workspaceId), eq(workspaceMembers.userId, userId)));
    await recordAudit(tx, audit, {
      action: 'member.removed',
      entityType: 'user',
      entityId: userId,
      workspaceId: access.workspaceId,
      details: { role: target.role },
    });
  });
}

const emptyBrand = {
  brandName: null,
  primaryColor: null,
  secondaryColor: null,
  fonts: null,
  specialties: null,
  ambiance: null,
  targetAudience: null,
  uniqueSellingPoints: null,
  personality: null,
  tone: null,
  keyMessages: null,
  updatedAt: null,
};

export async function getBrandProfile(db: Database, access: WorkspaceAccess) {
  const row = await findBrandProfile(db, access.workspaceId);
  if (!row) return emptyBrand;
  const { workspaceId: _workspaceId, ...brand } = row;
  return brand;
}

export async function saveBrandProfile(
  db: Database,
  audit: AuditContext,
  access: WorkspaceAccess,
  body: BrandProfileBody,
) {
  return db.transaction(async (tx) => {
    const values = { ...body, updatedAt: new Date() };
    const [row] = await tx
      .insert(brandProfiles)
      .values({ workspaceId: access.workspaceId, ...values })
      .onConflictDoUpdate({ target: brandProfiles.workspaceId, set: values })
      .returning();
    await recordAudit(tx, audit, {
      action: 'brand_profile.updated',
      entityType: 'brand_profile',
      entityId: access.workspaceId,
      workspaceId: access.workspaceId,
      details: { fields: Object.keys(body) },
    });
    if (!row) throw new Error('brand profile not saved');
    const { workspaceId: _workspaceId, ...brand } = row;
    return brand;
  });
}
