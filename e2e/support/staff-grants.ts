import { request } from '@playwright/test';
import { e2eBaseUrl, e2eStaffEmail, staffPasswordEnv } from './e2e-env.ts';

/**
 * Grants a feature the free plan lacks to one workspace, the way staff do (a feature override through
 * the staff API), for specs whose flow needs it on a new free workspace.
 */
export async function grantFeatureAsStaff(workspaceId: string, featureKey: string): Promise<void> {
  const password = process.env[staffPasswordEnv];
  if (!password)
    throw new Error(`${staffPasswordEnv} is not set; run the specs through playwright.config.ts`);
  const staff = await request.newContext({ baseURL: e2eBaseUrl, extraHTTPHeaders: { origin: e2eBaseUrl } });
  try {
    const signIn = await staff.post('/api/auth/sign-in/email', { data: { email: e2eStaffEmail, password } });
    if (!signIn.ok()) throw new Error(`staff sign-in failed: ${signIn.status()} ${await signIn.text()}`);
    const granted = await staff.put(`/api/v1/staff/workspaces/${workspaceId}/features/${featureKey}`, {
      data: { isEnabled: true },
    });
    if (granted.status() !== 204)
      throw new Error(`granting ${featureKey} failed: ${granted.status()} ${await granted.text()}`);
  } finally {
    await staff.dispose();
  }
}
