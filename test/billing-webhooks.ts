import { and, count, eq } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { invoices, subscriptionEvents, subscriptions } from '../src/server/features/billing/billing.table.ts';
import { creditLedger } from '../src/server/features/credits/credits.table.ts';
import { notifications } from '../src/server/features/notifications/notifications.table.ts';
import { getWorkspacePlan } from '../src/server/features/plans/plans.service.ts';
import { webhookEvents } from '../src/server/features/webhooks/webhooks.table.ts';
import { type TestApp, waitFor } from './harness.ts';

// Shared by the payment-provider webhook tests: what a delivery wrote, and waiting for its job.

/** Row counts of every table a billing webhook can write. */
export async function billingRowCounts(t: TestApp) {
  const countOf = async (table: PgTable) => (await t.deps.db.select({ n: count() }).from(table))[0]?.n ?? 0;
  return {
    webhookEvents: await countOf(webhookEvents),
    subscriptions: await countOf(subscriptions),
    subscriptionEvents: await countOf(subscriptionEvents),
    invoices: await countOf(invoices),
    creditLedger: await countOf(creditLedger),
  };
}

export async function storedEvent(t: TestApp, source: string, externalId: string) {
  const [row] = await t.deps.db
    .select()
    .from(webhookEvents)
    .where(and(eq(webhookEvents.source, source), eq(webhookEvents.externalId, externalId)));
  return row ?? null;
}

/** Waits until the job has processed the stored event; fails fast with the recorded error otherwise. */
export async function waitProcessed(t: TestApp, source: string, externalId: string, timeoutMs = 15_000) {
  return waitFor(async () => {
    const row = await storedEvent(t, source, externalId);
    return row?.processed ? row : null;
  }, timeoutMs).catch(async (error) => {
    const row = await storedEvent(t, source, externalId);
    throw new Error(`${source} ${externalId} not processed: ${row?.error ?? 'not stored'} (${error})`);
  });
}

export async function subscriptionOf(t: TestApp, provider: string, providerSubscriptionId: string) {
  const [row] = await t.deps.db
    .select()
    .from(subscriptions)
    .where(
      and(
        eq(subscriptions.provider, provider as 'stripe'),
        eq(subscriptions.providerSubscriptionId, providerSubscriptionId),
      ),
    );
  return row ?? null;
}

export async function historyOf(t: TestApp, workspaceId: string) {
  return t.deps.db
    .select()
    .from(subscriptionEvents)
    .where(eq(subscriptionEvents.workspaceId, workspaceId))
    .orderBy(subscriptionEvents.createdAt);
}

export async function notificationTitles(t: TestApp, userId: string) {
  const rows = await t.deps.db
    .select({ title: notifications.title })
    .from(notifications)
    .where(eq(notifications.userId, userId))
    .orderBy(notifications.createdAt);
  return rows.map((row) => row.title);
}

export async function planKeyOf(t: TestApp, workspaceId: string) {
  return (await getWorkspacePlan(t.deps.db, workspaceId)).key;
}
