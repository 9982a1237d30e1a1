import { z } from '@hono/zod-openapi';
import { timestamp } from '../../http/schemas.ts';
import { billingSources, ctaTypes, meteredUnits } from './plans.table.ts';

const cents = z.number().int().min(0).max(100_000_000);
const limitsSchema = z.partialRecord(
  z.enum(meteredUnits),
  z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).nullable(),
);
const overageSchema = z.partialRecord(z.enum(meteredUnits), cents);

// The fields without defaults: an update names only what changes, and a default must never fill in
// a field the update left out (that would reset the plan's prices and limits).
const planFields = {
  key: z.string().regex(/^[a-z][a-z0-9_-]{1,39}$/, 'lowercase letters, digits, - and _'),
  name: z.string().trim().min(1).max(80),
  description: z.string().max(1000).nullable(),
  priceMonthlyCents: cents,
  priceYearlyCents: cents,
  currency: z.string().regex(/^[a-z]{3}$/, 'ISO 4217 code in lowercase'),
  monthlyCredits: z.number().int().min(0).max(100_000_000),
  limits: limitsSchema,
  overagePrices: overageSchema,
  badge: z.string().max(40).nullable(),
  isHighlighted: z.boolean(),
  ctaType: z.enum(ctaTypes),
  ctaLabel: z.string().max(60).nullable(),
  ctaUrl: z.url().max(500).nullable(),
  sortOrder: z.number().int().min(0).max(10_000),
  isActive: z.boolean(),
  billingSource: z.enum(billingSources),
  providerPriceIds: z.record(z.string().max(60), z.string().max(200)),
  features: z.array(z.string().max(64)).max(100),
};

export const planBodySchema = z
  .object({
    ...planFields,
    description: planFields.description.optional(),
    priceMonthlyCents: planFields.priceMonthlyCents.default(0),
    priceYearlyCents: planFields.priceYearlyCents.default(0),
    currency: planFields.currency.default('usd'),
    monthlyCredits: planFields.monthlyCredits.default(0),
    limits: planFields.limits.default({}),
    overagePrices: planFields.overagePrices.default({}),
    badge: planFields.badge.optional(),
    isHighlighted: planFields.isHighlighted.default(false),
    ctaType: planFields.ctaType.default('checkout'),
    ctaLabel: planFields.ctaLabel.optional(),
    ctaUrl: planFields.ctaUrl.optional(),
    sortOrder: planFields.sortOrder.default(0),
    isActive: planFields.isActive.default(true),
    billingSource: planFields.billingSource.default('manual'),
    providerPriceIds: planFields.providerPriceIds.default({}),
    features: planFields.features.optional(),
  })
  .strict();
export type PlanBody = z.infer<typeof planBodySchema>;

export const planUpdateBodySchema = z.object(planFields).partial().strict();
export type PlanUpdateBody = z.infer<typeof planUpdateBodySchema>;

export const planSchema = z
  .object({
    id: z.string(),
    key: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    priceMonthlyCents: z.number(),
    priceYearlyCents: z.number(),
    currency: z.string(),
    monthlyCredits: z.number(),
    limits: z.record(z.string(), z.number().nullable()),
    overagePrices: z.record(z.string(), z.number()),
    badge: z.string().nullable(),
    isHighlighted: z.boolean(),
    ctaType: z.enum(ctaTypes),
    ctaLabel: z.string().nullable(),
    ctaUrl: z.string().nullable(),
    sortOrder: z.number(),
    isActive: z.boolean(),
    billingSource: z.enum(billingSources),
    features: z.array(z.string()),
    createdAt: timestamp(),
    updatedAt: timestamp(),
  })
  .openapi('Plan');

export function presentPlan(
  plan: { createdAt: Date; updatedAt: Date; providerPriceIds?: unknown } & Omit<
    z.infer<typeof planSchema>,
    'createdAt' | 'updatedAt' | 'features'
  >,
  featureKeys: string[],
) {
  const { providerPriceIds: _ids, ...rest } = plan;
  return {
    ...rest,
    features: featureKeys,
    createdAt: plan.createdAt.toISOString(),
    updatedAt: plan.updatedAt.toISOString(),
  };
}
