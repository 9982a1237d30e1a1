import { and, eq, lt, sql } from 'drizzle-orm';
import type { AppDeps } from '../../app-context.ts';
import { hmacSha256Hex, randomToken } from '../../platform/crypto.ts';
import { analyticsSalts, analyticsVisitors } from './analytics.table.ts';

// Cookieless visitor ids (issue 7). A visitor id is the hex HMAC-SHA256, keyed by the UTC day's random
// salt, of `ip \0 userAgent \0 site`. Neither the IP nor the user agent is stored; the salt of a day
// is deleted once that day is more than one day old (`purgeOldSalts`), after which nobody can link an
// id to an IP again.
//
// `site` is the workspace id: the analytics tables (and the overlap rule below) key visitors by it.
//
// Overlap over midnight: while yesterday's salt still exists (all of today, since salts are purged
// once their day is more than one day old), a visitor whose id under yesterday's salt was already seen
// yesterday on this site (a row in `analytics_visitors` for yesterday, or one this process has
// recorded but not flushed yet) keeps yesterday's id for today too; anyone else gets today's id. So a
// visit that spans midnight is one visitor, and a visitor new today never reads yesterday's data.

const dayMs = 86_400_000;
/** Decisions remembered per process and day; past this the database answers again. */
const maxRemembered = 100_000;

interface VisitorState {
  salts: Map<string, string | null>;
  pendingSalts: Map<string, Promise<string | null>>;
  /** `${day}|${site}|${id}` → recorded by this process (maybe not flushed yet). */
  seen: Map<string, Set<string>>;
  /** `${day}|${site}|${yesterdayId}` → the id chosen for today. */
  decisions: Map<string, Map<string, string>>;
}

const states = new WeakMap<AppDeps, VisitorState>();

function stateOf(deps: AppDeps): VisitorState {
  let state = states.get(deps);
  if (!state) {
    state = { salts: new Map(), pendingSalts: new Map(), seen: new Map(), decisions: new Map() };
    states.set(deps, state);
  }
  return state;
}

/** The UTC day (`YYYY-MM-DD`) of a time. */
export function utcDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

export function previousDay(day: string): string {
  return utcDay(new Date(Date.parse(`${day}T00:00:00Z`) - dayMs));
}

/** Drop what belongs to days other than today and yesterday. */
function forgetOldDays(state: VisitorState, today: string, yesterday: string): void {
  for (const map of [state.salts, state.seen, state.decisions] as Map<string, unknown>[]) {
    for (const day of map.keys()) if (day !== today && day !== yesterday) map.delete(day);
  }
}

async function loadSalt(deps: AppDeps, day: string, create: boolean): Promise<string | null> {
  const read = async () => {
    const [row] = await deps.db
      .select({ salt: analyticsSalts.salt })
      .from(analyticsSalts)
      .where(eq(analyticsSalts.day, day));
    return row?.salt ?? null;
  };
  const existing = await read();
  if (existing || !create) return existing;
  // Several processes may make today's salt at once: the first insert wins, everyone reads it.
  await deps.db
    .insert(analyticsSalts)
    .values({ day, salt: randomToken(32), createdAt: deps.clock.now() })
    .onConflictDoNothing();
  return read();
}

async function saltFor(deps: AppDeps, day: string, create: boolean): Promise<string | null> {
  const state = stateOf(deps);
  const cached = state.salts.get(day);
  if (cached) return cached;
  // Yesterday's salt cannot appear later (nobody creates a past day's salt), so a miss is kept too.
  if (cached === null && !create) return null;
  const key = `${day}|${create}`;
  let pending = state.pendingSalts.get(key);
  if (!pending) {
    pending = loadSalt(deps, day, create).finally(() => state.pendingSalts.delete(key));
    state.pendingSalts.set(key, pending);
  }
  const salt = await pending;
  state.salts.set(day, salt);
  return salt;
}

function hashVisitor(salt: string, input: { ip: string; userAgent: string; site: string }): string {
  return hmacSha256Hex(salt, `${input.ip}\u0000${input.userAgent}\u0000${input.site}`);
}

/** Record that `visitorId` was counted on `site` on `day` by this process (before it is flushed). */
export function rememberVisitor(deps: AppDeps, site: string, day: string, visitorId: string): void {
  const state = stateOf(deps);
  let set = state.seen.get(day);
  if (!set) {
    set = new Set();
    state.seen.set(day, set);
  }
  if (set.size < maxRemembered) set.add(`${site}|${visitorId}`);
}

async function seenOn(deps: AppDeps, site: string, day: string, visitorId: string): Promise<boolean> {
  if (stateOf(deps).seen.get(day)?.has(`${site}|${visitorId}`)) return true;
  const rows = await deps.db
    .select({ one: sql<number>`1` })
    .from(analyticsVisitors)
    .where(
      and(
        eq(analyticsVisitors.workspaceId, site),
        eq(analyticsVisitors.day, day),
        eq(analyticsVisitors.visitorId, visitorId),
      ),
    )
    .limit(1);
  return rows.length > 0;
}

/** The visitor id for a request now (Herald's clock): see the overlap rule above. */
export async function visitorIdFor(
  deps: AppDeps,
  input: { ip: string; userAgent: string; site: string },
): Promise<string> {
  const today = utcDay(deps.clock.now());
  const yesterday = previousDay(today);
  const state = stateOf(deps);
  forgetOldDays(state, today, yesterday);

  const todaySalt = await saltFor(deps, today, true);
  if (!todaySalt) throw new Error('analytics salt for today could not be created');
  const todayId = hashVisitor(todaySalt, input);
  const yesterdaySalt = await saltFor(deps, yesterday, false);
  if (!yesterdaySalt) return todayId;

  const yesterdayId = hashVisitor(yesterdaySalt, input);
  let decisions = state.decisions.get(today);
  if (!decisions) {
    decisions = new Map();
    state.decisions.set(today, decisions);
  }
  const key = `${input.site}|${yesterdayId}`;
  const decided = decisions.get(key);
  if (decided) return decided;
  const chosen = (await seenOn(deps, input.site, yesterday, yesterdayId)) ? yesterdayId : todayId;
  if (decisions.size < maxRemembered) decisions.set(key, chosen);
  return chosen;
}

/** Delete salts whose day is more than one day old (cron `analytics.purge-salts`). */
export async function purgeOldSalts(deps: AppDeps): Promise<number> {
  const yesterday = previousDay(utcDay(deps.clock.now()));
  const deleted = await deps.db
    .delete(analyticsSalts)
    .where(lt(analyticsSalts.day, yesterday))
    .returning({ day: analyticsSalts.day });
  const state = stateOf(deps);
  for (const { day } of deleted) state.salts.delete(day);
  return deleted.length;
}
