import type { Actor } from '../../app-context.ts';
import type { Database } from '../../platform/db.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { findMembership } from './workspaces.queries.ts';
import type { WorkspaceRole } from './workspaces.table.ts';

/**
 * What a route needs: `read` (viewer and up), `write` (member and up), `manage` (admin and up),
 * `own` (owner). API keys reach only their own workspace: `read` keys read, `read_write` keys also
 * write; managing members, keys and settings needs a signed-in person.
 */
export type AccessLevel = 'read' | 'write' | 'manage' | 'own';

const roleRank: Record<WorkspaceRole, number> = { viewer: 0, member: 1, admin: 2, owner: 3 };
const levelRank: Record<AccessLevel, number> = { read: 0, write: 1, manage: 2, own: 3 };

export interface WorkspaceAccess {
  workspaceId: string;
  /** The member's role; API keys report the role they act with. */
  role: WorkspaceRole;
}

export function roleAllows(role: WorkspaceRole, level: AccessLevel): boolean {
  return roleRank[role] >= levelRank[level];
}

export async function authorizeWorkspace(
  db: Database,
  actor: Actor,
  workspaceId: string,
  level: AccessLevel,
): Promise<WorkspaceAccess> {
  if (actor.type === 'anonymous') throw new AppError('unauthenticated', 'Sign in or send an API key');
  if (actor.type === 'api_key') {
    // Another workspace's id looks like a missing one: no hint that it exists.
    if (actor.workspaceId !== workspaceId) throw notFound('Workspace');
    if (level === 'read') return { workspaceId, role: 'viewer' };
    if (level === 'write' && actor.scope === 'read_write') return { workspaceId, role: 'member' };
    throw new AppError(
      'forbidden',
      level === 'write' ? 'This API key is read-only' : 'This action needs a signed-in workspace admin',
    );
  }
  const membership = await findMembership(db, workspaceId, actor.userId);
  if (!membership) throw notFound('Workspace');
  if (!roleAllows(membership.role, level)) {
    throw new AppError('forbidden', `Your role (${membership.role}) cannot do this in this workspace`);
  }
  return { workspaceId, role: membership.role };
}
