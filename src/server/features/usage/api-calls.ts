import { sql } from 'drizzle-orm';
import type { AppDeps } from '../../app-context.ts';
import { rowsOf } from '../../platform/db-errors.ts';
import { AppError } from '../../platform/errors.ts';
import { getWorkspacePlan, limitOf } from '../plans/plans.service.ts';
import { allowsOverage, warnOnThresholds } from './usage.service.ts';
import { currentUsagePeriod, type UsagePeriod } from './usage-period.ts';

type ApiCallDeps = Pick<AppDeps, 'db' | 'queue' | 'config' | 'clock'>;

function limitReached(limit: number, period: UsagePeriod) {
  return new AppError(
    'quota_exceeded',
    `The monthly limit of ${limit} API calls is reached; it resets ${period.end.toISOString()}`,
    { unit: 'api_calls', used: limit, limit, resetsAt: period.end.toISOString() },
  );
}

/**
 * Counts one `api_calls` unit for a request made with an API key, before the route runs. The
 * increment is a single guarded upsert (no read-modify-write, no usage log row: one per request
 * would be the hottest table of all), so concurrent calls cannot pass the limit and a refused call
 * is not counted. Session requests never come here.
 */
export async function countApiCall(deps: ApiCallDeps, workspaceId: string) {
  const now = deps.clock.now();
  const [plan, period] = await Promise.all([
    getWorkspacePlan(deps.db, workspaceId),
    currentUsagePeriod(deps.db, workspaceId, now),
  ]);
  const limit = limitOf(plan, 'api_calls');
  const hardLimit = limit !== null && !allowsOverage(plan, 'api_calls') ? limit : null;
  if (hardLimit !== null && hardLimit < 1) throw limitReached(hardLimit, period);
  const guard = hardLimit === null ? sql`` : sql`where usage_counters.used + 1 <= ${hardLimit}`;
  const result = await deps.db.execute(sql`
    insert into usage_counters (workspace_id, unit, period_start, period_end, used)
    values (${workspaceId}, 'api_calls', ${period.start.toISOString()}::timestamptz, ${period.end.toISOString()}::timestamptz, 1)
    on conflict (workspace_id, unit, period_start) do update set used = usage_counters.used + 1 ${guard}
    returning used, has_warned_80, has_warned_100`);
  const row = rowsOf<{ used: number | string; has_warned_80: boolean; has_warned_100: boolean }>(result)[0];
  if (!row) throw limitReached(hardLimit ?? 0, period);
  if (limit === null || limit <= 0) return;
  const used = Number(row.used);
  // Only a call that crosses a threshold not yet warned about pays for the warning queries.
  const due = used >= limit ? !row.has_warned_100 : used * 100 >= limit * 80 && !row.has_warned_80;
  if (due) await warnOnThresholds(deps, deps.db, { workspaceId, unit: 'api_calls' }, period, used, limit);
}
