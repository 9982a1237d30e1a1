import { systemAudit } from '../src/server/features/audit/audit.service.ts';
import { getPlanByKey, setWorkspacePlan } from '../src/server/features/plans/plans.service.ts';
import type { TestApp } from './harness.ts';

/**
 * Puts the workspace on a seeded plan (as staff would). Tests that invite several people or upload
 * videos need more than `free` allows (2 seats, 0 videos).
 */
export async function putOnPlan(t: TestApp, workspaceId: string, key: 'free' | 'pro' | 'business' = 'pro') {
  const plan = await getPlanByKey(t.deps.db, key);
  if (!plan) throw new Error(`no ${key} plan`);
  await setWorkspacePlan(t.deps.db, systemAudit(t.deps.authSecret), workspaceId, plan.id, 'manual');
}
