import { z } from '@hono/zod-openapi';
import { timestamp } from '../../http/schemas.ts';
import { creditReasons } from '../credits/credits.table.ts';
import { planSchema } from '../plans/plans.schemas.ts';
import { meteredUnits } from '../plans/plans.table.ts';
import { invoiceStatuses, paymentProviders, subscriptionStatuses } from './billing.table.ts';

export const subscriptionSchema = z
  .object({
    id: z.string(),
    provider: z.enum(paymentProviders),
    status: z.enum(subscriptionStatuses),
    interval: z.enum(['month', 'year']),
    amountCents: z.number(),
    currency: z.string(),
    currentPeriodStart: timestamp().nullable(),
    currentPeriodEnd: timestamp().nullable(),
    cancelAtPeriodEnd: z.boolean(),
    trialEndsAt: timestamp().nullable(),
  })
  .openapi('Subscription');

export const usageLineSchema = z.object({
  unit: z.enum(meteredUnits),
  used: z.number(),
  limit: z.number().nullable(),
  remaining: z.number().nullable(),
  overagePriceCents: z.number().nullable(),
  overageUnits: z.number(),
  overageCents: z.number(),
});

export const billingOverviewSchema = z
  .object({
    plan: planSchema,
    subscription: subscriptionSchema.nullable(),
    credits: z.object({ balance: z.number() }),
    period: z.object({
      start: timestamp(),
      end: timestamp(),
      basis: z.enum(['calendar_month', 'subscription']),
    }),
    usage: z.array(usageLineSchema),
    upcomingInvoice: z.object({
      baseCents: z.number(),
      overageLines: z.array(
        z.object({
          unit: z.string(),
          quantity: z.number(),
          unitPriceCents: z.number(),
          amountCents: z.number(),
        }),
      ),
      totalCents: z.number(),
      currency: z.string(),
      dueAt: timestamp(),
    }),
    providers: z.object({ stripe: z.boolean(), dodo: z.boolean(), asaas: z.boolean() }),
    isBillingConfigured: z.boolean(),
  })
  .openapi('BillingOverview');

export const entitlementsSchema = z
  .object({
    plan: z.object({ key: z.string(), name: z.string() }),
    features: z.record(z.string(), z.boolean()),
    usage: z.array(usageLineSchema),
    credits: z.object({ balance: z.number() }),
    resetsAt: timestamp(),
  })
  .openapi('Entitlements');

export const ledgerEntrySchema = z
  .object({
    id: z.string(),
    operationType: z.string(),
    amount: z.number(),
    balanceAfter: z.number(),
    reason: z.enum(creditReasons),
    details: z.record(z.string(), z.unknown()),
    actorType: z.string(),
    actorId: z.string().nullable(),
    createdAt: timestamp(),
  })
  .openapi('LedgerEntry');

export const invoiceSchema = z
  .object({
    id: z.string(),
    provider: z.string(),
    status: z.enum(invoiceStatuses),
    amountDueCents: z.number(),
    amountPaidCents: z.number(),
    currency: z.string(),
    pdfUrl: z.string().nullable(),
    periodStart: timestamp().nullable(),
    periodEnd: timestamp().nullable(),
    paidAt: timestamp().nullable(),
    createdAt: timestamp(),
  })
  .openapi('Invoice');

export const checkoutBodySchema = z
  .object({
    planKey: z.string().min(1).max(40),
    interval: z.enum(['month', 'year']).default('month'),
    provider: z.enum(paymentProviders).optional(),
  })
  .strict();

export const creditPackCheckoutBodySchema = z
  .object({ credits: z.number().int().min(10).max(1_000_000), provider: z.enum(paymentProviders).optional() })
  .strict();

export const linkSchema = z.object({ url: z.string() });

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function presentSubscription(s: {
  id: string;
  provider: z.infer<typeof subscriptionSchema>['provider'];
  status: z.infer<typeof subscriptionSchema>['status'];
  interval: 'month' | 'year';
  amountCents: number;
  currency: string;
  currentPeriodStart: Date | null;
  currentPeriodEnd: Date | null;
  cancelAtPeriodEnd: boolean;
  trialEndsAt: Date | null;
}) {
  return {
    id: s.id,
    provider: s.provider,
    status: s.status,
    interval: s.interval,
    amountCents: s.amountCents,
    currency: s.currency,
    currentPeriodStart: iso(s.currentPeriodStart),
    currentPeriodEnd: iso(s.currentPeriodEnd),
    cancelAtPeriodEnd: s.cancelAtPeriodEnd,
    trialEndsAt: iso(s.trialEndsAt),
  };
}

export function presentInvoice(i: {
  id: string;
  provider: string;
  status: z.infer<typeof invoiceSchema>['status'];
  amountDueCents: number;
  amountPaidCents: number;
  currency: string;
  pdfUrl: string | null;
  periodStart: Date | null;
  periodEnd: Date | null;
  paidAt: Date | null;
  createdAt: Date;
}) {
  return {
    ...i,
    periodStart: iso(i.periodStart),
    periodEnd: iso(i.periodEnd),
    paidAt: iso(i.paidAt),
    createdAt: i.createdAt.toISOString(),
  };
}
