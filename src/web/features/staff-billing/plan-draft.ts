import type { BillingSource, CtaType, MeteredUnit, PlanBody, StaffPlan } from '../../lib/api-types';
import { METERED_UNITS } from '../billing/billing-format';

/** A unit's limit as the form holds it: text while typing, or unlimited. */
export interface LimitDraft {
  value: string;
  isUnlimited: boolean;
  /** Cents per unit over the limit; empty means a hard limit. */
  overage: string;
}

export interface PlanDraft {
  key: string;
  name: string;
  description: string;
  priceMonthly: string;
  priceYearly: string;
  currency: string;
  monthlyCredits: string;
  limits: Record<MeteredUnit, LimitDraft>;
  features: string[];
  badge: string;
  isHighlighted: boolean;
  ctaType: CtaType;
  ctaLabel: string;
  ctaUrl: string;
  sortOrder: string;
  isActive: boolean;
  billingSource: BillingSource;
  providerPriceIds: { id: number; key: string; value: string }[];
}

const centsToText = (cents: number) => (cents / 100).toFixed(cents % 100 === 0 ? 0 : 2);

let nextRowId = 1;
export function newPriceIdRow(key = '', value = '') {
  nextRowId += 1;
  return { id: nextRowId, key, value };
}

export function draftFromPlan(plan: StaffPlan | null): PlanDraft {
  const limits = {} as Record<MeteredUnit, LimitDraft>;
  for (const unit of METERED_UNITS) {
    // A new plan starts unlimited everywhere, in plain view: a default of 0 would quietly mean
    // "no seats" or "no generations", which is never what anyone creating a plan wants.
    const limit = plan?.limits[unit];
    const overage = plan?.overagePrices[unit];
    limits[unit] = {
      value: typeof limit === 'number' ? String(limit) : '',
      isUnlimited: typeof limit !== 'number',
      overage: typeof overage === 'number' ? String(overage) : '',
    };
  }
  return {
    key: plan?.key ?? '',
    name: plan?.name ?? '',
    description: plan?.description ?? '',
    priceMonthly: plan ? centsToText(plan.priceMonthlyCents) : '0',
    priceYearly: plan ? centsToText(plan.priceYearlyCents) : '0',
    currency: plan?.currency ?? 'usd',
    monthlyCredits: String(plan?.monthlyCredits ?? 0),
    limits,
    features: plan?.features ?? [],
    badge: plan?.badge ?? '',
    isHighlighted: plan?.isHighlighted ?? false,
    ctaType: plan?.ctaType ?? 'checkout',
    ctaLabel: plan?.ctaLabel ?? '',
    ctaUrl: plan?.ctaUrl ?? '',
    sortOrder: String(plan?.sortOrder ?? 0),
    isActive: plan?.isActive ?? true,
    billingSource: plan?.billingSource ?? 'manual',
    providerPriceIds: Object.entries(plan?.providerPriceIds ?? {}).map(([key, value]) =>
      newPriceIdRow(key, value),
    ),
  };
}

/** Whole numbers typed by staff; a blank or broken number becomes NaN so the server names the field. */
function toInt(text: string): number {
  return text.trim() === '' ? Number.NaN : Number(text.trim());
}

function toCents(text: string): number {
  const value = Number(text.trim().replace(',', '.'));
  return text.trim() === '' || Number.isNaN(value) ? Number.NaN : Math.round(value * 100);
}

export function bodyFromDraft(draft: PlanDraft): PlanBody {
  const limits: PlanBody['limits'] = {};
  const overagePrices: PlanBody['overagePrices'] = {};
  for (const unit of METERED_UNITS) {
    const limit = draft.limits[unit];
    limits[unit] = limit.isUnlimited ? null : toInt(limit.value);
    if (!limit.isUnlimited && limit.overage.trim() !== '') overagePrices[unit] = toInt(limit.overage);
  }
  const blankToNull = (text: string) => (text.trim() === '' ? null : text.trim());
  return {
    key: draft.key.trim(),
    name: draft.name.trim(),
    description: blankToNull(draft.description),
    priceMonthlyCents: toCents(draft.priceMonthly),
    priceYearlyCents: toCents(draft.priceYearly),
    currency: draft.currency.trim().toLowerCase(),
    monthlyCredits: toInt(draft.monthlyCredits),
    limits,
    overagePrices,
    features: draft.features,
    badge: blankToNull(draft.badge),
    isHighlighted: draft.isHighlighted,
    ctaType: draft.ctaType,
    ctaLabel: blankToNull(draft.ctaLabel),
    ctaUrl: blankToNull(draft.ctaUrl),
    sortOrder: toInt(draft.sortOrder),
    isActive: draft.isActive,
    billingSource: draft.billingSource,
    providerPriceIds: Object.fromEntries(
      draft.providerPriceIds.filter((row) => row.key.trim()).map((row) => [row.key.trim(), row.value.trim()]),
    ),
  };
}

/** Problems the form can name before asking the server, keyed by the body's field names. */
export function checkDraft(body: PlanBody): Record<string, string> {
  const problems: Record<string, string> = {};
  const whole = (value: number) => Number.isInteger(value) && value >= 0;
  if (!whole(body.priceMonthlyCents)) problems.priceMonthlyCents = 'Enter a price, e.g. 29 or 29.50.';
  if (!whole(body.priceYearlyCents)) problems.priceYearlyCents = 'Enter a price, e.g. 290.';
  if (!whole(body.monthlyCredits)) problems.monthlyCredits = 'Enter a whole number of credits.';
  if (!whole(body.sortOrder)) problems.sortOrder = 'Enter a whole number.';
  for (const unit of METERED_UNITS) {
    const limit = body.limits[unit];
    if (limit !== null && limit !== undefined && !whole(limit))
      problems[`limits.${unit}`] = 'Whole number, or unlimited';
    const overage = body.overagePrices[unit];
    if (overage !== undefined && !whole(overage)) problems[`overagePrices.${unit}`] = 'Whole cents';
  }
  return problems;
}
