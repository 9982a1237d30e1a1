import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, json, signUp, type TestApp } from '../../../../test/harness.ts';
import { systemAudit } from '../audit/audit.service.ts';
import { addStaffMember } from '../staff/staff.service.ts';

type User = Awaited<ReturnType<typeof signUp>>;
interface WorkspaceBilling {
  workspace: { id: string; name: string };
  plan: { key: string; name: string };
  planSource: string | null;
  credits: { balance: number };
  features: Array<{ key: string; isPlanGranted: boolean; override: boolean | null; isEnabled: boolean }>;
}

let t: TestApp;
let staff: User;
let support: User;
let customer: User;
beforeAll(async () => {
  t = await createTestApp();
  staff = await signUp(t, 'ws-billing-staff@herald.test', 'Sam Staff');
  support = await signUp(t, 'ws-billing-support@herald.test', 'Sue Support');
  await addStaffMember(t.deps.db, systemAudit(t.deps.authSecret), staff.email, 'admin');
  await addStaffMember(t.deps.db, systemAudit(t.deps.authSecret), support.email, 'support');
  customer = await signUp(t, 'ws-billing-customer@example.com', 'Cam Customer');
});
afterAll(() => t.close());

const view = (workspaceId: string, cookie: string) =>
  t.call('GET', `/api/v1/staff/workspaces/${workspaceId}`, { cookie });

describe('GET /api/v1/staff/workspaces/{workspaceId}', () => {
  it("shows staff a workspace's plan, balance and each feature's plan grant and override", async () => {
    const before = await json<WorkspaceBilling>(await view(customer.workspaceId, support.cookie));
    expect(before.workspace.id).toBe(customer.workspaceId);
    expect(before.plan.key).toBe('free');
    expect(before.planSource).toBeNull();
    const whiteLabel = before.features.find((f) => f.key === 'white_label');
    expect(whiteLabel).toMatchObject({ isPlanGranted: false, override: null, isEnabled: false });

    await t.call('PUT', `/api/v1/staff/workspaces/${customer.workspaceId}/plan`, {
      cookie: staff.cookie,
      body: { planKey: 'pro' },
    });
    await t.call('PUT', `/api/v1/staff/workspaces/${customer.workspaceId}/features/white_label`, {
      cookie: staff.cookie,
      body: { isEnabled: true },
    });
    await t.call('POST', `/api/v1/staff/workspaces/${customer.workspaceId}/credits`, {
      cookie: staff.cookie,
      body: { amount: 25, reason: 'bonus' },
    });

    const after = await json<WorkspaceBilling>(await view(customer.workspaceId, staff.cookie));
    expect(after.plan.key).toBe('pro');
    expect(after.planSource).toBe('manual');
    expect(after.credits.balance).toBe(before.credits.balance + 25);
    expect(after.features.find((f) => f.key === 'white_label')).toMatchObject({
      isPlanGranted: false,
      override: true,
      isEnabled: true,
    });
    expect(after.features.find((f) => f.key === 'brand_voice_learning')).toMatchObject({
      isPlanGranted: true,
      override: null,
      isEnabled: true,
    });
  });

  it('is refused to a user who is not staff, even for their own workspace', async () => {
    expect((await view(customer.workspaceId, customer.cookie)).status).toBe(403);
  });

  it('answers 404 for a workspace that does not exist', async () => {
    expect((await view('00000000-0000-4000-8000-000000000000', staff.cookie)).status).toBe(404);
  });
});
