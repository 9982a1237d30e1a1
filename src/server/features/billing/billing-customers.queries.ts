import { and, eq } from 'drizzle-orm';
import type { Database } from '../../platform/db.ts';
import { billingCustomers, type PaymentProvider } from './billing.table.ts';

export async function findBillingCustomerId(
  db: Database,
  workspaceId: string,
  provider: PaymentProvider,
): Promise<string | null> {
  const [row] = await db
    .select({ customerId: billingCustomers.customerId })
    .from(billingCustomers)
    .where(and(eq(billingCustomers.workspaceId, workspaceId), eq(billingCustomers.provider, provider)));
  return row?.customerId ?? null;
}

export async function listBillingCustomers(db: Database, workspaceId: string) {
  return db
    .select({ provider: billingCustomers.provider, customerId: billingCustomers.customerId })
    .from(billingCustomers)
    .where(eq(billingCustomers.workspaceId, workspaceId));
}

/**
 * Records the workspace's customer at a provider. A concurrent request that stored one first wins,
 * and its id is returned, so a workspace keeps one customer per provider.
 */
export async function saveBillingCustomer(
  db: Database,
  workspaceId: string,
  provider: PaymentProvider,
  customerId: string,
): Promise<string> {
  await db.insert(billingCustomers).values({ workspaceId, provider, customerId }).onConflictDoNothing();
  return (await findBillingCustomerId(db, workspaceId, provider)) ?? customerId;
}
