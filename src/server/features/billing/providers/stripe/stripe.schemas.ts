import { z } from 'zod';

// The parts of Stripe's objects Herald reads. Both shapes are accepted where API versions differ:
// since 2025-03-31 the period lives on subscription items and an invoice names its subscription
// under parent.subscription_details; endpoints pinned to older versions send the former fields.
const metadataSchema = z
  .record(z.string(), z.string())
  .nullish()
  .transform((value) => value ?? {});
const idOf = z
  .union([z.string().min(1), z.object({ id: z.string().min(1) })])
  .transform((value) => (typeof value === 'string' ? value : value.id));
const unixTime = z.number().int().nullish();

export const stripeEventSchema = z.object({
  id: z.string().min(1),
  type: z.string().min(1),
  created: z.number().int(),
  data: z.object({ object: z.record(z.string(), z.unknown()) }),
});

export const stripeSubscriptionSchema = z.object({
  id: z.string().min(1),
  customer: idOf,
  status: z.string().min(1),
  metadata: metadataSchema,
  currency: z.string().min(3),
  items: z.object({
    data: z.array(
      z.object({
        quantity: z.number().int().nullish(),
        current_period_start: unixTime,
        current_period_end: unixTime,
        price: z.object({
          id: z.string().min(1),
          unit_amount: z.number().int().nullish(),
          recurring: z.object({ interval: z.string() }).nullish(),
        }),
      }),
    ),
  }),
  cancel_at_period_end: z.boolean().nullish(),
  cancel_at: unixTime,
  canceled_at: unixTime,
  ended_at: unixTime,
  trial_end: unixTime,
  current_period_start: unixTime,
  current_period_end: unixTime,
});
export type StripeSubscription = z.infer<typeof stripeSubscriptionSchema>;

export const stripeInvoiceSchema = z.object({
  id: z.string().min(1),
  customer: idOf.nullish(),
  amount_due: z.number().int(),
  amount_paid: z.number().int(),
  currency: z.string().min(3),
  invoice_pdf: z.string().nullish(),
  period_start: unixTime,
  period_end: unixTime,
  subscription: idOf.nullish(),
  parent: z
    .object({
      subscription_details: z.object({ subscription: idOf, metadata: metadataSchema }).nullish(),
    })
    .nullish(),
  lines: z
    .object({
      data: z.array(z.object({ period: z.object({ start: z.number(), end: z.number() }).nullish() })),
    })
    .nullish(),
});
export type StripeInvoice = z.infer<typeof stripeInvoiceSchema>;

export const stripeCheckoutSessionSchema = z.object({
  id: z.string().min(1),
  mode: z.string(),
  payment_status: z.string(),
  customer: idOf.nullish(),
  client_reference_id: z.string().nullish(),
  metadata: metadataSchema,
  amount_total: z.number().int().nullish(),
  currency: z.string().nullish(),
});
export type StripeCheckoutSession = z.infer<typeof stripeCheckoutSessionSchema>;

/** The schema `data.object` must match before an event of that type is stored. */
export const stripeObjectSchemas: Record<string, z.ZodType> = {
  'customer.subscription.created': stripeSubscriptionSchema,
  'customer.subscription.updated': stripeSubscriptionSchema,
  'customer.subscription.deleted': stripeSubscriptionSchema,
  'customer.subscription.trial_will_end': stripeSubscriptionSchema,
  'invoice.paid': stripeInvoiceSchema,
  'invoice.payment_failed': stripeInvoiceSchema,
  'checkout.session.completed': stripeCheckoutSessionSchema,
  'checkout.session.async_payment_succeeded': stripeCheckoutSessionSchema,
};

/** The object of a stored event, parsed with the schema of its type. */
export function stripeObjectOf<T extends z.ZodType>(payload: unknown, schema: T) {
  const event = stripeEventSchema.parse(payload);
  return { event, object: schema.parse(event.data.object) as z.infer<T> };
}
