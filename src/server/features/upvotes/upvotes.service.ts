// Upvotes on published changelog entries and roadmap items (issue 7).
//
// Who a voter is (the rule, also in docs/ARCHITECTURE.md):
// - a signed-in user (session cookie on the request): `user:<id>`, once per target for good;
// - anyone else: the voter id the page or widget keeps — a random value in localStorage for scripts
//   (`voterId` in the JSON body), the `herald_voter` first-party cookie set by the first no-JS form vote
//   — stored as `anon:<sha256>`, once per target;
// - and, for anonymous votes, the day's cookieless visitor hash (features/analytics: HMAC of IP, user
//   agent and workspace under the day's salt), unique per target too: clearing the voter id or the
//   cookie does not vote twice the same day. Two people behind one address with the same browser
//   count once a day each target; that is the price of storing no IP.
// Bots (features/analytics isBot) are answered with the count and nothing is written.
import { createHash } from 'node:crypto';
import { and, count, eq, inArray } from 'drizzle-orm';
import type { AppDeps } from '../../app-context.ts';
import type { Database } from '../../platform/db.ts';
import { isBot } from '../analytics/bots.ts';
import { visitorIdFor } from '../analytics/visitor-id.ts';
import { type AuditContext, recordAudit } from '../audit/audit.service.ts';
import { upvotes } from './upvotes.table.ts';

export type VoteTarget = { kind: 'entry' | 'item'; id: string; workspaceId: string };

export interface VoterInput {
  userId?: string | null;
  /** The random id a script keeps, or the form cookie's value. */
  voterId?: string | null;
  ip: string | null;
  userAgent: string | null;
}

export interface VoteResult {
  votes: number;
  voted: boolean;
  /** false: a bot, or this visitor had already voted (nothing written). */
  counted: boolean;
}

const column = (kind: VoteTarget['kind']) => (kind === 'entry' ? upvotes.entryId : upvotes.itemId);

export async function countVotes(db: Database, kind: VoteTarget['kind'], ids: string[]) {
  if (ids.length === 0) return new Map<string, number>();
  const target = column(kind);
  const rows = await db
    .select({ id: target, n: count() })
    .from(upvotes)
    .where(inArray(target, ids))
    .groupBy(target);
  return new Map(rows.map((row) => [row.id ?? '', row.n]));
}

async function countOf(db: Database, target: VoteTarget) {
  return (await countVotes(db, target.kind, [target.id])).get(target.id) ?? 0;
}

function voterKeyOf(voter: VoterInput): string | null {
  if (voter.userId) return `user:${voter.userId}`;
  if (voter.voterId) return `anon:${createHash('sha256').update(voter.voterId).digest('hex')}`;
  return null;
}

export const isBotAgent = (userAgent: string | null) => isBot(userAgent ?? '');

/** The audit context of a public vote: the actor, never the address it came from. */
export function voteAudit(audit: AuditContext): AuditContext {
  return { ...audit, request: audit.request ? { ...audit.request, ipAddress: null } : null };
}

export async function castVote(
  deps: AppDeps,
  audit: AuditContext,
  target: VoteTarget,
  voter: VoterInput,
  email?: string | null,
): Promise<VoteResult> {
  const voterKey = voterKeyOf(voter);
  if (isBotAgent(voter.userAgent) || !voterKey) {
    return { votes: await countOf(deps.db, target), voted: false, counted: false };
  }
  const visitorDay = voter.userId
    ? null
    : await visitorIdFor(deps, {
        ip: voter.ip ?? '',
        userAgent: voter.userAgent ?? '',
        site: target.workspaceId,
      });
  return deps.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(upvotes)
      .values({
        workspaceId: target.workspaceId,
        entryId: target.kind === 'entry' ? target.id : null,
        itemId: target.kind === 'item' ? target.id : null,
        voterKey,
        userId: voter.userId ?? null,
        visitorDay,
        email: email ?? null,
        createdAt: deps.clock.now(),
      })
      .onConflictDoNothing()
      .returning({ id: upvotes.id });
    if (row) {
      await recordAudit(tx, voteAudit(audit), {
        action: 'upvote.created',
        entityType: target.kind === 'entry' ? 'changelog_entry' : 'roadmap_item',
        entityId: target.id,
        workspaceId: target.workspaceId,
        details: { voter: voter.userId ? 'user' : 'anonymous', ...(email ? { email } : {}) },
      });
      return { votes: await countOf(tx, target), voted: true, counted: true };
    }
    // Voted before: a voter may still leave (or change) the address to be told when it ships.
    const [mine] = await tx
      .select({ id: upvotes.id, email: upvotes.email })
      .from(upvotes)
      .where(and(eq(column(target.kind), target.id), eq(upvotes.voterKey, voterKey)));
    if (mine && email && mine.email !== email) {
      await tx.update(upvotes).set({ email }).where(eq(upvotes.id, mine.id));
      await recordAudit(tx, voteAudit(audit), {
        action: 'upvote.email_added',
        entityType: 'roadmap_item',
        entityId: target.id,
        workspaceId: target.workspaceId,
        details: { email },
      });
    }
    return { votes: await countOf(tx, target), voted: Boolean(mine), counted: false };
  });
}

/** Takes the voter's vote back (nothing to take: answered the same). */
export async function removeVote(
  deps: AppDeps,
  audit: AuditContext,
  target: VoteTarget,
  voter: VoterInput,
): Promise<VoteResult> {
  const voterKey = voterKeyOf(voter);
  if (isBotAgent(voter.userAgent) || !voterKey) {
    return { votes: await countOf(deps.db, target), voted: false, counted: false };
  }
  return deps.db.transaction(async (tx) => {
    const removed = await tx
      .delete(upvotes)
      .where(and(eq(column(target.kind), target.id), eq(upvotes.voterKey, voterKey)))
      .returning({ id: upvotes.id });
    if (removed.length > 0) {
      await recordAudit(tx, voteAudit(audit), {
        action: 'upvote.removed',
        entityType: target.kind === 'entry' ? 'changelog_entry' : 'roadmap_item',
        entityId: target.id,
        workspaceId: target.workspaceId,
        details: { voter: voter.userId ? 'user' : 'anonymous' },
      });
    }
    return { votes: await countOf(tx, target), voted: false, counted: removed.length > 0 };
  });
}
