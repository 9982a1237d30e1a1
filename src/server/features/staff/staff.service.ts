import { and, desc, eq, ilike, or, type SQL } from 'drizzle-orm';
import type { Actor } from '../../app-context.ts';
import type { Database } from '../../platform/db.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { type Cursor, olderThan } from '../../platform/pagination.ts';
import { type AuditContext, recordAudit } from '../audit/audit.service.ts';
import { sessions, users } from '../auth/auth.table.ts';
import { type StaffRole, staffMembers } from './staff.table.ts';

// What each staff role may do. Every staff action is audited as `staff`.
export type StaffPermission =
  | 'users.read'
  | 'users.suspend'
  | 'audit.read'
  | 'mailbox.read'
  | 'billing.read'
  | 'billing.manage'
  | 'subscribers.manage'
  | 'webhooks.replay';
const permissions: Record<StaffRole, StaffPermission[]> = {
  super_admin: [
    'users.read',
    'users.suspend',
    'audit.read',
    'mailbox.read',
    'billing.read',
    'billing.manage',
    'subscribers.manage',
    'webhooks.replay',
  ],
  admin: [
    'users.read',
    'users.suspend',
    'audit.read',
    'mailbox.read',
    'billing.read',
    'billing.manage',
    'subscribers.manage',
    'webhooks.replay',
  ],
  support: ['users.read', 'audit.read', 'mailbox.read', 'billing.read'],
};

export async function findStaffRole(db: Database, userId: string): Promise<StaffRole | null> {
  const [row] = await db
    .select({ role: staffMembers.role })
    .from(staffMembers)
    .where(eq(staffMembers.userId, userId));
  return row?.role ?? null;
}

export async function requireStaff(db: Database, actor: Actor, permission: StaffPermission) {
  if (actor.type === 'anonymous') throw new AppError('unauthenticated', 'Sign in to continue');
  if (actor.type !== 'user') throw new AppError('forbidden', 'Staff routes need a signed-in staff member');
  const role = await findStaffRole(db, actor.userId);
  if (!role || !permissions[role].includes(permission)) {
    throw new AppError('forbidden', 'Your staff role does not allow this');
  }
  return { userId: actor.userId, role };
}

/** Used by the CLI to make the first staff member. */
export async function addStaffMember(db: Database, audit: AuditContext, email: string, role: StaffRole) {
  return db.transaction(async (tx) => {
    const [user] = await tx.select().from(users).where(eq(users.email, email.trim().toLowerCase()));
    if (!user) throw notFound(`User ${email}`);
    await tx
      .insert(staffMembers)
      .values({ userId: user.id, role })
      .onConflictDoUpdate({ target: staffMembers.userId, set: { role } });
    await recordAudit(tx, audit, {
      action: 'staff.granted',
      entityType: 'user',
      entityId: user.id,
      details: { role },
    });
    return { userId: user.id, email: user.email, role };
  });
}

export async function searchUsers(db: Database, filter: { q?: string; cursor?: Cursor; limit: number }) {
  const conditions: SQL[] = [];
  if (filter.q) {
    const pattern = `%${filter.q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
    const match = or(ilike(users.email, pattern), ilike(users.name, pattern));
    if (match) conditions.push(match);
  }
  const after = olderThan(filter.cursor, users.createdAt, users.id);
  if (after) conditions.push(after);
  return db
    .select()
    .from(users)
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(desc(users.createdAt), desc(users.id))
    .limit(filter.limit + 1);
}

export function presentStaffUser(user: typeof users.$inferSelect) {
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    status: user.status,
    emailVerified: user.emailVerified,
    createdAt: user.createdAt.toISOString(),
    lastLoginAt: user.lastLoginAt?.toISOString() ?? null,
  };
}

/** Suspension signs the user out everywhere; the session hook in auth.ts refuses new sign-ins. */
export async function setUserSuspended(
  db: Database,
  audit: AuditContext,
  userId: string,
  suspend: boolean,
  reason?: string,
) {
  return db.transaction(async (tx) => {
    const [user] = await tx
      .update(users)
      .set({
        status: suspend ? 'suspended' : 'active',
        suspendedReason: suspend ? (reason ?? null) : null,
        updatedAt: new Date(),
      })
      .where(eq(users.id, userId))
      .returning();
    if (!user) throw notFound('User');
    if (suspend) await tx.delete(sessions).where(eq(sessions.userId, userId));
    await recordAudit(tx, audit, {
      action: suspend ? 'user.suspended' : 'user.reactivated',
      entityType: 'user',
      entityId: userId,
      details: suspend ? { reason } : {},
    });
    return presentStaffUser(user);
  });
}
