import { and, desc, eq, gt, inArray, isNotNull, lte, sql } from 'drizzle-orm';
import type { AppDeps } from '../../app-context.ts';
import type { Database } from '../../platform/db.ts';
import { notFound } from '../../platform/errors.ts';
import { type AuditContext, recordAudit, systemAudit } from '../audit/audit.service.ts';
import { sessions, users } from '../auth/auth.table.ts';
import { findStaffRole } from '../staff/staff.service.ts';
import { listWorkspacesOfUser } from '../workspaces/workspaces.queries.ts';
import { workspaceMembers, workspaces } from '../workspaces/workspaces.table.ts';
import type { UpdateProfileBody } from './accounts.schemas.ts';

type UserRow = typeof users.$inferSelect;

export function presentUser(user: UserRow) {
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    emailVerified: user.emailVerified,
    language: user.language,
    timezone: user.timezone,
    notificationPreferences: user.notificationPreferences,
    onboarding: user.onboarding,
    deletionScheduledFor: user.deletionScheduledFor?.toISOString() ?? null,
    createdAt: user.createdAt.toISOString(),
  };
}

export async function getUserOrThrow(db: Database, userId: string): Promise<UserRow> {
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  if (!user) throw notFound('User');
  return user;
}

export async function getMe(db: Database, userId: string) {
  const [user, staffRole, memberships] = await Promise.all([
    getUserOrThrow(db, userId),
    findStaffRole(db, userId),
    listWorkspacesOfUser(db, userId),
  ]);
  return {
    user: presentUser(user),
    staffRole,
    workspaces: memberships.map((w) => ({
      id: w.id,
      name: w.name,
      slug: w.slug,
      role: w.role,
      isPersonal: w.isPersonal,
    })),
  };
}

export async function updateProfile(
  db: Database,
  audit: AuditContext,
  userId: string,
  body: UpdateProfileBody,
) {
  return db.transaction(async (tx) => {
    const current = await getUserOrThrow(tx, userId);
    const [user] = await tx
      .update(users)
      .set({
        ...body,
        notificationPreferences: body.notificationPreferences
          ? { ...current.notificationPreferences, ...body.notificationPreferences }
          : undefined,
        onboarding: body.onboarding ? { ...current.onboarding, ...body.onboarding } : undefined,
        updatedAt: new Date(),
      })
      .where(eq(users.id, userId))
      .returning();
    if (!user) throw notFound('User');
    await recordAudit(tx, audit, {
      action: 'profile.updated',
      entityType: 'user',
      entityId: userId,
      details: { fields: Object.keys(body) },
    });
    return presentUser(user);
  });
}

export async function listSessions(db: Database, userId: string, currentSessionId: string, now: Date) {
  const rows = await db
    .select()
    .from(sessions)
    .where(and(eq(sessions.userId, userId), gt(sessions.expiresAt, now)))
    .orderBy(desc(sessions.createdAt));
  return rows.map((s) => ({
    id: s.id,
    ipAddress: s.ipAddress,
    userAgent: s.userAgent,
    createdAt: s.createdAt.toISOString(),
    expiresAt: s.expiresAt.toISOString(),
    isCurrent: s.id === currentSessionId,
  }));
}

export async function revokeSession(db: Database, audit: AuditContext, userId: string, sessionId: string) {
  await db.transaction(async (tx) => {
    const [row] = await tx
      .delete(sessions)
      .where(and(eq(sessions.id, sessionId), eq(sessions.userId, userId)))
      .returning({ id: sessions.id });
    if (!row) throw notFound('Session');
    await recordAudit(tx, audit, { action: 'session.revoked', entityType: 'session', entityId: sessionId });
  });
}

/**
 * Soft delete: the account is signed out everywhere and scheduled for a hard delete after the grace
 * period. Signing in again before then cancels it (see auth.ts).
 */
export async function scheduleAccountDeletion(
  deps: Pick<AppDeps, 'db' | 'config' | 'clock'>,
  audit: AuditContext,
  userId: string,
) {
  const now = deps.clock.now();
  const scheduledFor = new Date(now.getTime() + deps.config.ACCOUNT_DELETION_GRACE_DAYS * 86_400_000);
  await deps.db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({
        status: 'inactive',
        deletionRequestedAt: now,
        deletionScheduledFor: scheduledFor,
        updatedAt: now,
      })
      .where(eq(users.id, userId));
    await tx.delete(sessions).where(eq(sessions.userId, userId));
    await recordAudit(tx, audit, {
      action: 'account.deletion_scheduled',
      entityType: 'user',
      entityId: userId,
      details: { scheduledFor: scheduledFor.toISOString() },
    });
  });
  return { deletionScheduledFor: scheduledFor.toISOString() };
}

/**
 * Hard-deletes accounts whose grace period is over. Deleting the user cascades to its sessions,
 * accounts, memberships and staff role; workspaces nobody else belongs to go with it.
 */
export async function purgeDeletedAccounts(
  deps: Pick<AppDeps, 'db' | 'clock' | 'authSecret'>,
): Promise<number> {
  const due = await deps.db
    .select({ id: users.id })
    .from(users)
    .where(and(isNotNull(users.deletionScheduledFor), lte(users.deletionScheduledFor, deps.clock.now())));
  for (const { id } of due) {
    await deps.db.transaction(async (tx) => {
      const soleWorkspaces = await tx
        .select({ id: workspaceMembers.workspaceId })
        .from(workspaceMembers)
        .where(
          and(
            eq(workspaceMembers.userId, id),
            sql`(select count(*) from ${workspaceMembers} m where m.workspace_id = ${workspaceMembers.workspaceId}) = 1`,
          ),
        );
      if (soleWorkspaces.length > 0) {
        await tx.delete(workspaces).where(
          inArray(
            workspaces.id,
            soleWorkspaces.map((w) => w.id),
          ),
        );
      }
      await tx.delete(users).where(eq(users.id, id));
      await recordAudit(tx, systemAudit(deps.authSecret), {
        action: 'account.purged',
        entityType: 'user',
        entityId: id,
        details: { workspacesDeleted: soleWorkspaces.length },
      });
    });
  }
  return due.length;
}
