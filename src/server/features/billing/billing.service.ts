import { and, desc, eq } from 'drizzle-orm';
import type { AppDeps } from '../../app-context.ts';
import type { Database } from '../../platform/db.ts';
import { type Cursor, olderThan } from '../../platform/pagination.ts';
import { getCreditBalance } from '../credits/credits.service.ts';
import { getUsageSummary } from '../usage/usage.service.ts';
import { invoices, type PaymentProvider, subscriptions } from './billing.table.ts';
import { ensurePeriodGrant } from './metering.service.ts';

type BillingDeps = Pick<AppDeps, 'db' | 'queue' | 'config' | 'clock'>;

/** Which payment providers have keys; without any, the UI says billing is not configured. */
export function configuredProviders(config: AppDeps['config']): Record<PaymentProvider, boolean> {
  return {
    stripe: Boolean(config.STRIPE_SECRET_KEY),
    dodo: Boolean(config.DODO_API_KEY),
    asaas: Boolean(config.ASAAS_API_KEY),
  };
}

export async function getLatestSubscription(db: Database, workspaceId: string) {
  const [row] = await db
    .select()
    .from(subscriptions)
    .where(eq(subscriptions.workspaceId, workspaceId))
    .orderBy(desc(subscriptions.updatedAt))
    .limit(1);
  return row ?? null;
}

/** Plan, subscription, credits, usage with limits and reset time, and the upcoming invoice. */
export async function getBillingOverview(deps: BillingDeps, workspaceId: string) {
  await ensurePeriodGrant(deps, workspaceId);
  const now = deps.clock.now();
  const [usage, subscription, balance] = await Promise.all([
    getUsageSummary(deps.db, workspaceId, now),
    getLatestSubscription(deps.db, workspaceId),
    getCreditBalance(deps.db, workspaceId),
  ]);
  const { plan, period, units } = usage;
  const baseCents = subscription?.interval === 'year' ? plan.priceYearlyCents : plan.priceMonthlyCents;
  const overageLines = units
    .filter((u) => u.overageCents > 0)
    .map((u) => ({
      unit: u.unit,
      quantity: u.overageUnits,
      unitPriceCents: u.overagePriceCents ?? 0,
      amountCents: u.overageCents,
    }));
  return {
    plan,
    subscription,
    credits: { balance },
    period: { start: period.start, end: period.end, basis: period.basis },
    usage: units,
    upcomingInvoice: {
      baseCents,
      overageLines,
      totalCents: baseCents + overageLines.reduce((sum, line) => sum + line.amountCents, 0),
      currency: plan.currency,
      dueAt: period.end,
    },
    providers: configuredProviders(deps.config),
  };
}

export async function listInvoices(
  db: Database,
  workspaceId: string,
  page: { cursor?: Cursor; limit: number },
) {
  const after = olderThan(page.cursor, invoices.createdAt, invoices.id);
  return db
    .select()
    .from(invoices)
    .where(and(eq(invoices.workspaceId, workspaceId), after))
    .orderBy(desc(invoices.createdAt), desc(invoices.id))
    .limit(page.limit + 1);
}
