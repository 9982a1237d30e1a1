// Tests that exercise a feature the free plan lacks grant it to their workspace here, as staff
// would with an override, so the test reads as "this workspace has the feature".
import { workspaceFeatureOverrides } from '../src/server/features/plans/plans.table.ts';
import type { TestApp } from './harness.ts';

async function setFeatures(t: TestApp, workspaceId: string, keys: string[], isEnabled: boolean) {
  for (const featureKey of keys) {
    await t.deps.db
      .insert(workspaceFeatureOverrides)
      .values({ workspaceId, featureKey, isEnabled })
      .onConflictDoUpdate({
        target: [workspaceFeatureOverrides.workspaceId, workspaceFeatureOverrides.featureKey],
        set: { isEnabled },
      });
  }
}

export function grantFeatures(t: TestApp, workspaceId: string, keys: string[]): Promise<void> {
  return setFeatures(t, workspaceId, keys, true);
}

export function revokeFeatures(t: TestApp, workspaceId: string, keys: string[]): Promise<void> {
  return setFeatures(t, workspaceId, keys, false);
}
