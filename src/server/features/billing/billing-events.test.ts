import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planKeyOf, subscriptionOf } from '../../../../test/billing-webhooks.ts';
import { createTestApp, signUp, type TestApp } from '../../../../test/harness.ts';
import { applySubscriptionUpdate, type SubscriptionUpdate } from './billing-events.service.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ workers: false });
});
afterAll(() => t.close());

describe('billing events', () => {
  it('two events of a new subscription applied at the same moment leave the newer state', async () => {
    const owner = await signUp(t, 'race@example.com');
    const base = Date.now() - 3_600_000;
    const update = (id: string, planKey: string, at: number): SubscriptionUpdate => ({
      provider: 'stripe',
      eventType: 'customer.subscription.updated',
      occurredAt: new Date(at),
      workspaceId: owner.workspaceId,
      providerSubscriptionId: id,
      status: 'active',
      planKey,
    });
    // Neither transaction finds a row to lock, so both insert; the older must not win by committing last.
    for (let round = 0; round < 15; round++) {
      const id = `sub_race_${round}`;
      await Promise.all([
        t.deps.db.transaction((tx) =>
          applySubscriptionUpdate(t.deps, tx, update(id, 'business', base + 1000)),
        ),
        t.deps.db.transaction((tx) => applySubscriptionUpdate(t.deps, tx, update(id, 'pro', base))),
      ]);
      const subscription = await subscriptionOf(t, 'stripe', id);
      expect(subscription?.lastEventAt.getTime()).toBe(base + 1000);
    }
    expect(await planKeyOf(t, owner.workspaceId)).toBe('business');
  });
});
