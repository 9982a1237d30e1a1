import { z } from 'zod';

// The parts of Dodo Payments' webhook payloads Herald reads: { business_id, type, timestamp, data }
// where data is a Subscription or a Payment object.
const isoDate = z.string().refine((value) => !Number.isNaN(Date.parse(value)), 'must be a date');
const metadataSchema = z
  .record(z.string(), z.unknown())
  .nullish()
  .transform((value) =>
    Object.fromEntries(Object.entries(value ?? {}).map(([key, entry]) => [key, String(entry)])),
  );
const customerSchema = z.object({ customer_id: z.string().min(1), email: z.string().nullish() });

export const dodoEnvelopeSchema = z.object({
  type: z.string().min(1),
  timestamp: isoDate,
  data: z.record(z.string(), z.unknown()),
});

export const dodoSubscriptionSchema = z.object({
  subscription_id: z.string().min(1),
  status: z.string().min(1),
  customer: customerSchema,
  product_id: z.string().min(1),
  metadata: metadataSchema,
  currency: z.string().min(3),
  recurring_pre_tax_amount: z.number().int(),
  payment_frequency_interval: z.string().nullish(),
  previous_billing_date: isoDate.nullish(),
  next_billing_date: isoDate.nullish(),
  cancel_at_next_billing_date: z.boolean().nullish(),
  cancelled_at: isoDate.nullish(),
  created_at: isoDate,
  trial_period_days: z.number().int().nullish(),
});
export type DodoSubscription = z.infer<typeof dodoSubscriptionSchema>;

export const dodoPaymentSchema = z.object({
  payment_id: z.string().min(1),
  status: z.string().nullish(),
  customer: customerSchema,
  metadata: metadataSchema,
  total_amount: z.number().int(),
  currency: z.string().min(3),
  subscription_id: z.string().nullish(),
  invoice_url: z.string().nullish(),
  created_at: isoDate,
});
export type DodoPayment = z.infer<typeof dodoPaymentSchema>;

const subscriptionEvents = [
  'subscription.active',
  'subscription.renewed',
  'subscription.on_hold',
  'subscription.cancelled',
  'subscription.failed',
  'subscription.expired',
  'subscription.plan_changed',
  'subscription.updated',
];

/** The schema `data` must match before an event of that type is stored. */
export const dodoDataSchemas: Record<string, z.ZodType> = {
  ...Object.fromEntries(subscriptionEvents.map((type) => [type, dodoSubscriptionSchema])),
  'payment.succeeded': dodoPaymentSchema,
  'payment.failed': dodoPaymentSchema,
};

export function dodoDataOf<T extends z.ZodType>(payload: unknown, schema: T) {
  const envelope = dodoEnvelopeSchema.parse(payload);
  return { envelope, data: schema.parse(envelope.data) as z.infer<T> };
}
