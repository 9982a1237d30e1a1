import { z } from 'zod';

// The parts of Asaas' webhook payloads Herald reads: { id, event, dateCreated, payment | subscription }.
// Asaas writes local Brazilian time without an offset ("2024-10-16 11:11:04") and, in subscription
// events, days as dd/MM/yyyy; both are read here.
const brazilOffset = '-03:00';

export function parseAsaasDateTime(value: string): Date | null {
  const local = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})$/.exec(value.trim());
  const date = local ? new Date(`${local[1]}T${local[2]}${brazilOffset}`) : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

export function parseAsaasDay(value: string | null | undefined): Date | null {
  if (!value) return null;
  const dayFirst = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(value.trim());
  const iso = dayFirst ? `${dayFirst[3]}-${dayFirst[2]}-${dayFirst[1]}` : value.trim().slice(0, 10);
  const date = new Date(`${iso}T00:00:00${brazilOffset}`);
  return Number.isNaN(date.getTime()) ? null : date;
}

const dateTime = z.string().refine((value) => parseAsaasDateTime(value) !== null, 'must be a date and time');

export const asaasEnvelopeSchema = z.object({
  id: z.string().min(1),
  event: z.string().min(1),
  dateCreated: dateTime,
});

export const asaasPaymentSchema = z.object({
  id: z.string().min(1),
  customer: z.string().min(1),
  subscription: z.string().nullish(),
  value: z.number().nonnegative(),
  status: z.string().nullish(),
  externalReference: z.string().nullish(),
  invoiceUrl: z.string().nullish(),
  dueDate: z.string().nullish(),
});
export type AsaasPayment = z.infer<typeof asaasPaymentSchema>;

export const asaasSubscriptionSchema = z.object({
  id: z.string().min(1),
  customer: z.string().min(1),
  value: z.number().nonnegative(),
  nextDueDate: z.string().nullish(),
  cycle: z.string().nullish(),
  status: z.string().nullish(),
  deleted: z.boolean().nullish(),
  externalReference: z.string().nullish(),
});
export type AsaasSubscription = z.infer<typeof asaasSubscriptionSchema>;

const paymentEvents = ['PAYMENT_CONFIRMED', 'PAYMENT_RECEIVED', 'PAYMENT_OVERDUE'];
const subscriptionEvents = [
  'SUBSCRIPTION_CREATED',
  'SUBSCRIPTION_UPDATED',
  'SUBSCRIPTION_INACTIVATED',
  'SUBSCRIPTION_DELETED',
];

/** For each handled event: the key of the object it carries and the schema that object must match. */
export const asaasObjectSchemas: Record<string, { key: 'payment' | 'subscription'; schema: z.ZodType }> = {
  ...Object.fromEntries(paymentEvents.map((type) => [type, { key: 'payment', schema: asaasPaymentSchema }])),
  ...Object.fromEntries(
    subscriptionEvents.map((type) => [type, { key: 'subscription', schema: asaasSubscriptionSchema }]),
  ),
};

// dateCreated has whole seconds, and a card payment is often confirmed in the second its subscription
// is created. Within a second, creation comes first and the end of a subscription last.
const stepWithinSecond: Record<string, number> = {
  SUBSCRIPTION_CREATED: 0,
  SUBSCRIPTION_INACTIVATED: 2,
  SUBSCRIPTION_DELETED: 2,
};

function occurredAtOf(envelope: { event: string; dateCreated: string }): Date {
  const at = parseAsaasDateTime(envelope.dateCreated) as Date;
  return new Date(at.getTime() + (stepWithinSecond[envelope.event] ?? 1));
}

export function asaasPaymentOf(payload: unknown) {
  const envelope = asaasEnvelopeSchema.parse(payload);
  const payment = asaasPaymentSchema.parse((payload as { payment: unknown }).payment);
  return { envelope, payment, occurredAt: occurredAtOf(envelope) };
}

export function asaasSubscriptionOf(payload: unknown) {
  const envelope = asaasEnvelopeSchema.parse(payload);
  const subscription = asaasSubscriptionSchema.parse((payload as { subscription: unknown }).subscription);
  return { envelope, subscription, occurredAt: occurredAtOf(envelope) };
}
