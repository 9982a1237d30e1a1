import { and, count, eq, gt } from 'drizzle-orm';
import type { Database } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { countWorkspaceRepositories } from '../github/github.queries.ts';
import { getWorkspacePlan, limitOf, type Plan } from '../plans/plans.service.ts';
import type { MeteredUnit } from '../plans/plans.table.ts';
import { sumLiveBytes } from '../storage/storage.queries.ts';
import { workspaceInvitations, workspaceMembers } from '../workspaces/workspaces.table.ts';

// Seats, connected repositories and storage are gauges: what the workspace holds now, not a monthly
// counter (last month's members are still members). They are counted live where they are checked.

export const gaugeUnits = ['seats', 'connected_repos', 'storage_bytes'] as const satisfies MeteredUnit[];

async function countMembers(db: Database, workspaceId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(workspaceMembers)
    .where(eq(workspaceMembers.workspaceId, workspaceId));
  return row?.n ?? 0;
}

async function countPendingInvitations(db: Database, workspaceId: string, now: Date): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(workspaceInvitations)
    .where(
      and(
        eq(workspaceInvitations.workspaceId, workspaceId),
        eq(workspaceInvitations.status, 'pending'),
        gt(workspaceInvitations.expiresAt, now),
      ),
    );
  return row?.n ?? 0;
}

/** Seats taken: members plus pending invitations that have not expired (each one reserves a seat). */
export async function countSeats(db: Database, workspaceId: string, now: Date): Promise<number> {
  const [members, pending] = await Promise.all([
    countMembers(db, workspaceId),
    countPendingInvitations(db, workspaceId, now),
  ]);
  return members + pending;
}

function seatLimit(plan: Plan): number | null {
  const limit = limitOf(plan, 'seats');
  return limit === null || typeof plan.overagePrices.seats === 'number' ? null : limit;
}

function seatsError(limit: number, used: number) {
  return new AppError(
    'quota_exceeded',
    `The plan's limit of ${limit} ${limit === 1 ? 'seat' : 'seats'} is reached (${used} taken by members and pending invitations); revoke an invitation, remove a member or upgrade`,
    { unit: 'seats', used, limit },
  );
}

/**
 * A new invitation takes a seat. The caller holds the workspace row lock (lockWorkspaceRow) in the
 * same transaction, so two concurrent invitations for the last seat are counted one after the other.
 */
export async function assertSeatForInvitation(db: Database, workspaceId: string, now: Date) {
  const limit = seatLimit(await getWorkspacePlan(db, workspaceId));
  if (limit === null) return;
  const used = await countSeats(db, workspaceId, now);
  if (used + 1 > limit) throw seatsError(limit, used);
}

/**
 * Accepting turns a reserved seat into a member, so pending invitations do not block it; the
 * members themselves must stay within the limit (a plan lowered after the invitation was sent).
 * The caller holds the workspace row lock.
 */
export async function assertSeatForMember(db: Database, workspaceId: string) {
  const limit = seatLimit(await getWorkspacePlan(db, workspaceId));
  if (limit === null) return;
  const members = await countMembers(db, workspaceId);
  if (members + 1 > limit) throw seatsError(limit, members);
}

/** The live value of each gauge unit, for the usage summary. */
export async function liveGauges(
  db: Database,
  workspaceId: string,
  now: Date,
): Promise<Record<(typeof gaugeUnits)[number], number>> {
  const [seats, repositories, bytes] = await Promise.all([
    countSeats(db, workspaceId, now),
    countWorkspaceRepositories(db, workspaceId),
    sumLiveBytes(db, workspaceId),
  ]);
  return { seats, connected_repos: repositories, storage_bytes: bytes };
}
