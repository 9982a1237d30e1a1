import { and, eq } from 'drizzle-orm';
import type { AppDeps } from '../../app-context.ts';
import { randomToken, sha256Hex } from '../../platform/crypto.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { type AuditContext, recordAudit } from '../audit/audit.service.ts';
import { users } from '../auth/auth.table.ts';
import { queueEmail } from '../mail/mail.service.ts';
import { invitationEmail } from '../mail/mail.templates.ts';
import { assertSeatForInvitation, assertSeatForMember } from '../usage/usage-gauges.ts';
import type { WorkspaceAccess } from './workspace-access.ts';
import {
  findInvitationByTokenHash,
  findMembership,
  insertMember,
  listInvitations,
  lockWorkspaceRow,
} from './workspaces.queries.ts';
import type { CreateInvitationBody } from './workspaces.schemas.ts';
import { workspaceInvitations, workspaceMembers } from './workspaces.table.ts';

type InvitationDeps = Pick<AppDeps, 'db' | 'queue' | 'config' | 'clock'>;
type InvitationRow = typeof workspaceInvitations.$inferSelect;

function publicStatus(invitation: InvitationRow, now: Date) {
  if (invitation.status === 'pending' && invitation.expiresAt <= now) return 'expired' as const;
  return invitation.status;
}

export function presentInvitation(invitation: InvitationRow, now: Date) {
  return {
    id: invitation.id,
    email: invitation.email,
    role: invitation.role,
    status: publicStatus(invitation, now),
    expiresAt: invitation.expiresAt.toISOString(),
    createdAt: invitation.createdAt.toISOString(),
  };
}

export async function listWorkspaceInvitations(deps: InvitationDeps, access: WorkspaceAccess) {
  const now = deps.clock.now();
  return (await listInvitations(deps.db, access.workspaceId)).map((row) => presentInvitation(row, now));
}

/** Invites by email. The link carries a random token; only its hash is stored. */
export async function inviteMember(
  deps: InvitationDeps,
  audit: AuditContext,
  access: WorkspaceAccess,
  inviter: { userId: string; name: string },
  body: CreateInvitationBody,
) {
  const email = body.email.trim().toLowerCase();
  if (body.role === 'owner' && access.role !== 'owner') {
    throw new AppError('forbidden', 'Only an owner can invite another owner');
  }
  const token = randomToken(32);
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    // Invitations to one workspace are written one at a time: two at once for the same address would
    // both find no pending one and the second would break the one-pending-per-address index.
    const workspace = await lockWorkspaceRow(tx, access.workspaceId);
    if (!workspace) throw notFound('Workspace');
    const [existingUser] = await tx.select({ id: users.id }).from(users).where(eq(users.email, email));
    if (existingUser && (await findMembership(tx, access.workspaceId, existingUser.id))) {
      throw new AppError('conflict', 'This person is already a member of the workspace');
    }
    // A new invitation replaces a pending one for the same address.
    await tx
      .update(workspaceInvitations)
      .set({ status: 'revoked' })
      .where(
        and(
          eq(workspaceInvitations.workspaceId, access.workspaceId),
          eq(workspaceInvitations.email, email),
          eq(workspaceInvitations.status, 'pending'),
        ),
      );
    // After the replaced invitation is revoked, so re-inviting an address takes no second seat.
    await assertSeatForInvitation(tx, access.workspaceId, now);
    const [invitation] = await tx
      .insert(workspaceInvitations)
      .values({
        workspaceId: access.workspaceId,
        email,
        role: body.role,
        tokenHash: sha256Hex(token),
        invitedBy: inviter.userId,
        expiresAt: new Date(now.getTime() + deps.config.INVITATION_TTL_HOURS * 3600_000),
        createdAt: now,
      })
      .returning();
    if (!invitation) throw new Error('invitation not created');
    const url = `${deps.config.publicUrl}/invitations/${token}`;
    await queueEmail(
      deps,
      { to: email, kind: 'invitation', ...invitationEmail(inviter.name, workspace.name, body.role, url) },
      tx,
    );
    await recordAudit(tx, audit, {
      action: 'invitation.created',
      entityType: 'invitation',
      entityId: invitation.id,
      workspaceId: access.workspaceId,
      details: { email, role: body.role },
    });
    return presentInvitation(invitation, now);
  });
}

export async function revokeInvitation(
  deps: InvitationDeps,
  audit: AuditContext,
  access: WorkspaceAccess,
  invitationId: string,
) {
  await deps.db.transaction(async (tx) => {
    const [row] = await tx
      .update(workspaceInvitations)
      .set({ status: 'revoked' })
      .where(
        and(
          eq(workspaceInvitations.id, invitationId),
          eq(workspaceInvitations.workspaceId, access.workspaceId),
          eq(workspaceInvitations.status, 'pending'),
        ),
      )
      .returning({ id: workspaceInvitations.id });
    if (!row) throw notFound('Pending invitation');
    await recordAudit(tx, audit, {
      action: 'invitation.revoked',
      entityType: 'invitation',
      entityId: invitationId,
      workspaceId: access.workspaceId,
    });
  });
}

export async function previewInvitation(deps: InvitationDeps, token: string) {
  const found = await findInvitationByTokenHash(deps.db, sha256Hex(token));
  if (!found) throw notFound('Invitation');
  const { invitation } = found;
  return {
    workspaceName: found.workspaceName,
    email: invitation.email,
    role: invitation.role,
    status: publicStatus(invitation, deps.clock.now()),
    expiresAt: invitation.expiresAt.toISOString(),
  };
}

/** Accepting needs a session whose email is the invited one. */
export async function acceptInvitation(
  deps: InvitationDeps,
  audit: AuditContext,
  user: { userId: string; email: string },
  token: string,
) {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const found = await findInvitationByTokenHash(tx, sha256Hex(token));
    if (!found) throw notFound('Invitation');
    const { invitation } = found;
    const status = publicStatus(invitation, now);
    if (status === 'expired') throw new AppError('gone', 'This invitation has expired; ask for a new one');
    if (status !== 'pending') throw new AppError('gone', `This invitation was already ${status}`);
    if (invitation.email !== user.email.toLowerCase()) {
      throw new AppError(
        'forbidden',
        `This invitation is for ${invitation.email}; sign in with that address`,
      );
    }
    // The workspace row lock serializes accepts (and invitations) against the seat limit.
    await lockWorkspaceRow(tx, invitation.workspaceId);
    if (!(await findMembership(tx, invitation.workspaceId, user.userId))) {
      await assertSeatForMember(tx, invitation.workspaceId);
    }
    await insertMember(tx, invitation.workspaceId, user.userId, invitation.role);
    await tx
      .update(workspaceInvitations)
      .set({ status: 'accepted', acceptedAt: now, acceptedBy: user.userId })
      .where(eq(workspaceInvitations.id, invitation.id));
    await recordAudit(tx, audit, {
      action: 'invitation.accepted',
      entityType: 'invitation',
      entityId: invitation.id,
      workspaceId: invitation.workspaceId,
      details: { role: invitation.role },
    });
    const [membership] = await tx
      .select({ role: workspaceMembers.role })
      .from(workspaceMembers)
      .where(
        and(
          eq(workspaceMembers.workspaceId, invitation.workspaceId),
          eq(workspaceMembers.userId, user.userId),
        ),
      );
    return { workspaceId: invitation.workspaceId, role: membership?.role ?? invitation.role };
  });
}
