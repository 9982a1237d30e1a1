import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { AppDeps } from '../../app-context.ts';
import type { Database } from '../../platform/db.ts';
import { systemAudit } from '../audit/audit.service.ts';
import { applyCreditChange } from '../credits/credits.service.ts';
import { notifyWorkspaceAdmins } from '../notifications/notifications.service.ts';
import {
  defaultPlanKey,
  getPlanById,
  getPlanByKey,
  type Plan,
  setWorkspacePlan,
} from '../plans/plans.service.ts';
import { plans } from '../plans/plans.table.ts';
import {
  billingCustomers,
  invoices,
  type PaymentProvider,
  type SubscriptionStatus,
  subscriptionEvents,
  subscriptions,
} from './billing.table.ts';

// Provider adapters (stripe/, dodo/, asaas/) translate their payloads into these three shapes; the
// rules below are the same whoever sent the event.
type EventDeps = Pick<AppDeps, 'queue' | 'config' | 'authSecret'>;

interface EventOrigin {
  provider: PaymentProvider;
  eventType: string;
  occurredAt: Date;
  webhookEventId?: string | null;
  /** From checkout metadata; otherwise found through the provider's customer id. */
  workspaceId?: string | null;
  providerCustomerId?: string | null;
}

export interface SubscriptionUpdate extends EventOrigin {
  providerSubscriptionId: string;
  status: SubscriptionStatus;
  planKey?: string | null;
  providerPriceId?: string | null;
  interval?: 'month' | 'year';
  amountCents?: number;
  currency?: string;
  currentPeriodStart?: Date | null;
  currentPeriodEnd?: Date | null;
  cancelAtPeriodEnd?: boolean;
  trialEndsAt?: Date | null;
  canceledAt?: Date | null;
}

export interface InvoiceUpdate extends EventOrigin {
  providerInvoiceId: string;
  providerSubscriptionId?: string | null;
  status: 'open' | 'paid' | 'failed' | 'void' | 'uncollectible' | 'draft';
  amountDueCents: number;
  amountPaidCents: number;
  currency: string;
  pdfUrl?: string | null;
  periodStart?: Date | null;
  periodEnd?: Date | null;
}

export interface CreditPurchase extends EventOrigin {
  purchaseId: string;
  credits: number;
  amountCents: number;
  currency: string;
}

export class UnresolvedWorkspaceError extends Error {}

async function resolveWorkspace(
  tx: Database,
  origin: EventOrigin,
  providerSubscriptionId?: string | null,
): Promise<string> {
  if (origin.workspaceId) {
    if (origin.providerCustomerId) {
      await tx
        .insert(billingCustomers)
        .values({
          workspaceId: origin.workspaceId,
          provider: origin.provider,
          customerId: origin.providerCustomerId,
        })
        .onConflictDoNothing();
    }
    return origin.workspaceId;
  }
  if (origin.providerCustomerId) {
    const [customer] = await tx
      .select({ workspaceId: billingCustomers.workspaceId })
      .from(billingCustomers)
      .where(
        and(
          eq(billingCustomers.provider, origin.provider),
          eq(billingCustomers.customerId, origin.providerCustomerId),
        ),
      );
    if (customer) return customer.workspaceId;
  }
  if (providerSubscriptionId) {
    const [sub] = await tx
      .select({ workspaceId: subscriptions.workspaceId })
      .from(subscriptions)
      .where(
        and(
          eq(subscriptions.provider, origin.provider),
          eq(subscriptions.providerSubscriptionId, providerSubscriptionId),
        ),
      );
    if (sub) return sub.workspaceId;
  }
  // Thrown so the job retries: the event naming the workspace may simply not have arrived yet.
  throw new UnresolvedWorkspaceError(
    `cannot tell which workspace this ${origin.provider} ${origin.eventType} belongs to`,
  );
}

async function resolvePlan(
  tx: Database,
  update: SubscriptionUpdate,
  currentPlanId: string | null,
): Promise<Plan | null> {
  if (update.planKey) {
    const plan = await getPlanByKey(tx, update.planKey);
    if (plan) return plan;
  }
  if (update.providerPriceId) {
    const [plan] = await tx
      .select()
      .from(plans)
      .where(
        sql`exists (select 1 from jsonb_each_text(${plans.providerPriceIds}) p where p.value = ${update.providerPriceId})`,
      );
    if (plan) return plan;
  }
  return currentPlanId ? getPlanById(tx, currentPlanId) : null;
}

/** The provider's subscription as Herald stored it (locked for the rest of the transaction), or null. */
export async function findProviderSubscription(
  tx: Database,
  provider: PaymentProvider,
  providerSubscriptionId: string,
) {
  const [row] = await tx
    .select()
    .from(subscriptions)
    .where(
      and(
        eq(subscriptions.provider, provider),
        eq(subscriptions.providerSubscriptionId, providerSubscriptionId),
      ),
    )
    .for('update');
  return row ?? null;
}

/**
 * Applies a subscription change unless a newer one was already applied: the event is always kept in
 * the history, but only the newest (by the provider's own timestamp) decides the state.
 */
export async function applySubscriptionUpdate(deps: EventDeps, tx: Database, update: SubscriptionUpdate) {
  const workspaceId = await resolveWorkspace(tx, update, update.providerSubscriptionId);
  const [existing] = await tx
    .select()
    .from(subscriptions)
    .where(
      and(
        eq(subscriptions.provider, update.provider),
        eq(subscriptions.providerSubscriptionId, update.providerSubscriptionId),
      ),
    )
    .for('update');
  let isNewer = !existing || update.occurredAt >= existing.lastEventAt;
  const plan = await resolvePlan(tx, update, existing?.planId ?? null);
  const values = {
    workspaceId,
    provider: update.provider,
    providerSubscriptionId: update.providerSubscriptionId,
    providerCustomerId: update.providerCustomerId ?? existing?.providerCustomerId ?? null,
    planId: plan?.id ?? null,
    status: update.status,
    interval: update.interval ?? existing?.interval ?? 'month',
    amountCents: update.amountCents ?? existing?.amountCents ?? 0,
    currency: update.currency ?? existing?.currency ?? 'usd',
    currentPeriodStart: update.currentPeriodStart ?? existing?.currentPeriodStart ?? null,
    currentPeriodEnd: update.currentPeriodEnd ?? existing?.currentPeriodEnd ?? null,
    cancelAtPeriodEnd: update.cancelAtPeriodEnd ?? false,
    trialEndsAt: update.trialEndsAt ?? null,
    canceledAt: update.canceledAt ?? (update.status === 'canceled' ? update.occurredAt : null),
    lastEventAt: update.occurredAt,
    updatedAt: new Date(),
  };
  let subscriptionId = existing?.id ?? null;
  if (isNewer) {
    // With no row to lock yet, two events of a new subscription can race to create it: the upsert
    // itself only overwrites an older state, so the one that commits last cannot roll it back.
    const [saved] = await tx
      .insert(subscriptions)
      .values(values)
      .onConflictDoUpdate({
        target: [subscriptions.provider, subscriptions.providerSubscriptionId],
        set: values,
        setWhere: sql`${subscriptions.lastEventAt} <= ${update.occurredAt.toISOString()}::timestamptz`,
      })
      .returning({ id: subscriptions.id });
    if (saved) {
      subscriptionId = saved.id;
    } else {
      isNewer = false;
      const current = await findProviderSubscription(tx, update.provider, update.providerSubscriptionId);
      subscriptionId = current?.id ?? null;
    }
  }
  await tx.insert(subscriptionEvents).values({
    workspaceId,
    subscriptionId,
    provider: update.provider,
    eventType: update.eventType,
    status: update.status,
    planKey: plan?.key ?? null,
    occurredAt: update.occurredAt,
    wasApplied: isNewer,
    webhookEventId: update.webhookEventId ?? null,
    metadata: {
      cancelAtPeriodEnd: values.cancelAtPeriodEnd,
      periodEnd: values.currentPeriodEnd?.toISOString() ?? null,
    },
  });
  if (!isNewer) return { workspaceId, wasApplied: false };
  const audit = systemAudit(deps.authSecret);
  const keepsPlan =
    update.status === 'active' || update.status === 'trialing' || update.status === 'past_due';
  const previousStatus = existing?.status;
  const live = update.status === 'canceled' ? await findLiveSubscription(tx, workspaceId) : null;
  const keptByAnother = Boolean(live?.planId);
  if (keepsPlan && plan) {
    await setWorkspacePlan(tx, audit, workspaceId, plan.id, update.provider);
  } else if (live?.planId) {
    await setWorkspacePlan(tx, audit, workspaceId, live.planId, live.provider);
  } else if (update.status === 'canceled') {
    const free = await getPlanByKey(tx, defaultPlanKey);
    if (free) await setWorkspacePlan(tx, audit, workspaceId, free.id, 'manual');
  }
  const message = keptByAnother
    ? {
        title: 'Subscription canceled',
        message: 'Another subscription keeps the workspace on its plan.',
      }
    : subscriptionMessage(update.status, previousStatus, plan?.name ?? 'your plan', values.cancelAtPeriodEnd);
  if (message) {
    await notifyWorkspaceAdmins(deps, tx, workspaceId, {
      type: 'billing',
      ...message,
      actionUrl: `/w/${workspaceId}/billing`,
    });
  }
  return { workspaceId, wasApplied: true };
}

// A workspace that moved to another subscription (another plan or provider) before canceling the
// old one goes to that subscription's plan, not to free.
async function findLiveSubscription(tx: Database, workspaceId: string) {
  const [live] = await tx
    .select({ planId: subscriptions.planId, provider: subscriptions.provider })
    .from(subscriptions)
    .where(
      and(
        eq(subscriptions.workspaceId, workspaceId),
        inArray(subscriptions.status, ['active', 'trialing', 'past_due']),
      ),
    )
    .orderBy(desc(subscriptions.lastEventAt))
    .limit(1);
  return live ?? null;
}

function subscriptionMessage(
  status: SubscriptionStatus,
  previous: SubscriptionStatus | undefined,
  planName: string,
  cancelAtPeriodEnd: boolean,
) {
  if (status === previous && !cancelAtPeriodEnd) return null;
  switch (status) {
    case 'active':
      return cancelAtPeriodEnd
        ? {
            title: `${planName} ends at the end of this period`,
            message: 'The subscription will not renew. You can resume it from the billing page.',
          }
        : {
            title: `You are on ${planName}`,
            message: `The subscription is active; the limits of ${planName} apply now.`,
          };
    case 'trialing':
      return {
        title: `Your ${planName} trial has started`,
        message: `Every ${planName} feature is open during the trial.`,
      };
    case 'past_due':
      return { title: 'A payment failed', message: 'Update the payment method to keep the current plan.' };
    case 'canceled':
      return { title: 'Subscription canceled', message: 'The workspace is back on the Free plan.' };
    default:
      return null;
  }
}

/** Stores or updates an invoice; a failed payment notifies the admins. Older events never win. */
export async function applyInvoiceUpdate(deps: EventDeps, tx: Database, update: InvoiceUpdate) {
  const workspaceId = await resolveWorkspace(tx, update, update.providerSubscriptionId);
  const [subscription] = update.providerSubscriptionId
    ? await tx
        .select({ id: subscriptions.id })
        .from(subscriptions)
        .where(
          and(
            eq(subscriptions.provider, update.provider),
            eq(subscriptions.providerSubscriptionId, update.providerSubscriptionId),
          ),
        )
    : [];
  const values = {
    workspaceId,
    provider: update.provider,
    providerInvoiceId: update.providerInvoiceId,
    subscriptionId: subscription?.id ?? null,
    status: update.status,
    amountDueCents: update.amountDueCents,
    amountPaidCents: update.amountPaidCents,
    currency: update.currency,
    pdfUrl: update.pdfUrl ?? null,
    periodStart: update.periodStart ?? null,
    periodEnd: update.periodEnd ?? null,
    paidAt: update.status === 'paid' ? update.occurredAt : null,
    lastEventAt: update.occurredAt,
  };
  const [saved] = await tx
    .insert(invoices)
    .values(values)
    .onConflictDoUpdate({
      target: [invoices.provider, invoices.providerInvoiceId],
      set: values,
      setWhere: sql`${invoices.lastEventAt} <= ${update.occurredAt.toISOString()}::timestamptz`,
    })
    .returning({ id: invoices.id });
  await tx.insert(subscriptionEvents).values({
    workspaceId,
    subscriptionId: subscription?.id ?? null,
    provider: update.provider,
    eventType: update.eventType,
    status: update.status,
    occurredAt: update.occurredAt,
    wasApplied: Boolean(saved),
    webhookEventId: update.webhookEventId ?? null,
    metadata: {
      invoice: update.providerInvoiceId,
      amountDueCents: update.amountDueCents,
      amountPaidCents: update.amountPaidCents,
    },
  });
  if (saved && update.status === 'failed') {
    await notifyWorkspaceAdmins(deps, tx, workspaceId, {
      type: 'billing',
      title: 'A payment failed',
      message: `The invoice for ${(update.amountDueCents / 100).toFixed(2)} ${update.currency.toUpperCase()} could not be paid. Update the payment method to keep your plan.`,
      actionUrl: `/w/${workspaceId}/billing`,
    });
  }
  return { workspaceId, wasApplied: Boolean(saved) };
}

/** A one-off credit pack: credits added once per provider purchase id. */
export async function applyCreditPurchase(deps: EventDeps, tx: Database, purchase: CreditPurchase) {
  const workspaceId = await resolveWorkspace(tx, purchase);
  const result = await applyCreditChange(
    tx,
    {
      workspaceId,
      amount: purchase.credits,
      operationType: 'credit_pack',
      reason: 'purchase',
      idempotencyKey: `purchase:${purchase.provider}:${purchase.purchaseId}`,
      details: {
        provider: purchase.provider,
        purchaseId: purchase.purchaseId,
        amountCents: purchase.amountCents,
        currency: purchase.currency,
      },
      actor: { type: 'system', id: null },
    },
    { inTransaction: true },
  );
  await tx.insert(subscriptionEvents).values({
    workspaceId,
    provider: purchase.provider,
    eventType: purchase.eventType,
    status: 'paid',
    occurredAt: purchase.occurredAt,
    wasApplied: !result.isDuplicate,
    webhookEventId: purchase.webhookEventId ?? null,
    metadata: { credits: purchase.credits, purchaseId: purchase.purchaseId },
  });
  if (!result.isDuplicate) {
    await notifyWorkspaceAdmins(deps, tx, workspaceId, {
      type: 'billing',
      title: `${purchase.credits} credits added`,
      message: `Thanks for your purchase. The workspace now has ${result.balanceAfter} credits.`,
      actionUrl: `/w/${workspaceId}/billing`,
    });
  }
  return { workspaceId, balanceAfter: result.balanceAfter, isDuplicate: result.isDuplicate };
}
