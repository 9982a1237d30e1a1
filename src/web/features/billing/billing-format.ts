import { getFormError, isApiError } from '../../lib/api-error';
import type { MeteredUnit, Plan, StaffRole } from '../../lib/api-types';

export const METERED_UNITS: readonly MeteredUnit[] = [
  'generations',
  'entries_published',
  'ai_rewrites',
  'voice_minutes',
  'images',
  'videos',
  'api_calls',
  'seats',
  'connected_repos',
  'storage_bytes',
];

export const UNIT_LABELS: Record<MeteredUnit, string> = {
  generations: 'Generations',
  entries_published: 'Entries published',
  ai_rewrites: 'AI rewrites',
  voice_minutes: 'Voice minutes',
  images: 'Images',
  videos: 'Videos',
  api_calls: 'API calls',
  seats: 'Seats',
  connected_repos: 'Connected repositories',
  storage_bytes: 'Storage',
};

// In running text, e.g. "500 generations a month", "1 seat".
const UNIT_NOUNS: Record<MeteredUnit, [string, string]> = {
  generations: ['generation', 'generations'],
  entries_published: ['published entry', 'published entries'],
  ai_rewrites: ['AI rewrite', 'AI rewrites'],
  voice_minutes: ['voice minute', 'voice minutes'],
  images: ['image', 'images'],
  videos: ['video', 'videos'],
  api_calls: ['API call', 'API calls'],
  seats: ['seat', 'seats'],
  connected_repos: ['connected repository', 'connected repositories'],
  storage_bytes: ['of storage', 'of storage'],
};

export function unitPhrase(unit: MeteredUnit, count: number): string {
  const [one, many] = UNIT_NOUNS[unit];
  return count === 1 ? one : many;
}

export function unitLabel(unit: string): string {
  return UNIT_LABELS[unit as MeteredUnit] ?? humanize(unit);
}

// The catalogue's names, so the public pricing page (which cannot read the staff catalogue) shows
// the same words staff see; a key added later falls back to a readable form of itself.
const FEATURE_NAMES: Record<string, string> = {
  voice_content_creation: 'Voice to content',
  natural_conversation: 'Natural conversation',
  multi_platform_optimization: 'Multi-platform optimization',
  brand_voice_learning: 'Brand voice',
  analytics_insights: 'Analytics insights',
  team_collaboration: 'Team collaboration',
  priority_support: 'Priority support',
  white_label: 'White label',
  custom_integrations: 'Custom integrations',
  llm_providers: 'LLM providers',
  scheduled_publishing: 'Scheduled publishing',
  changelog_widget: 'Changelog widget',
  roadmap: 'Public roadmap',
};

export function featureName(key: string): string {
  return FEATURE_NAMES[key] ?? humanize(key);
}

export function humanize(key: string): string {
  const words = key.replace(/[._-]+/g, ' ').trim();
  const sentence = words.charAt(0).toUpperCase() + words.slice(1);
  return sentence.replace(/\b(ai|api|llm|pdf)\b/gi, (word) => word.toUpperCase());
}

export function formatMoney(cents: number, currency: string): string {
  const whole = cents % 100 === 0;
  try {
    return new Intl.NumberFormat('en', {
      style: 'currency',
      currency: currency.toUpperCase(),
      minimumFractionDigits: whole ? 0 : 2,
      maximumFractionDigits: 2,
    }).format(cents / 100);
  } catch {
    return `${(cents / 100).toFixed(2)} ${currency.toUpperCase()}`;
  }
}

const numberFormat = new Intl.NumberFormat('en');

export function formatNumber(value: number): string {
  return numberFormat.format(value);
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let index = 0;
  while (value >= 1024 && index < units.length - 1) {
    value /= 1024;
    index += 1;
  }
  return `${Number.isInteger(value) ? value : value.toFixed(1)} ${units[index]}`;
}

/** A usage amount in the unit's own terms: bytes as sizes, everything else as a count. */
export function formatUnitAmount(unit: string, value: number): string {
  return unit === 'storage_bytes' ? formatBytes(value) : formatNumber(value);
}

/** The plan's limit for a unit as shown on plan cards, or null for unlimited. */
export function limitText(plan: Pick<Plan, 'limits'>, unit: MeteredUnit): string | null {
  const limit = plan.limits[unit];
  return typeof limit === 'number' ? formatUnitAmount(unit, limit) : null;
}

export function priceFor(plan: Plan, interval: 'month' | 'year'): number {
  return interval === 'year' ? plan.priceYearlyCents : plan.priceMonthlyCents;
}

/** Staff who may change plans, costs, credits and features; support staff only look. */
export function canManageBilling(role: StaffRole | null | undefined): boolean {
  return role === 'super_admin' || role === 'admin';
}

export const NOT_CONFIGURED_MESSAGE = 'Billing is not configured on this server — ask your administrator.';

/** A failed checkout or portal request, worded for a customer rather than for staff. */
export function describeBillingError(error: unknown): string | undefined {
  // Only the "no provider at all" answer gets the customer wording; a configured provider's own
  // failure keeps the server's message, which says what actually went wrong.
  if (
    isApiError(error) &&
    error.code === 'not_configured' &&
    /^billing is not configured/i.test(error.message)
  ) {
    return NOT_CONFIGURED_MESSAGE;
  }
  return getFormError(error);
}
