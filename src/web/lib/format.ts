// Dates arrive as UTC ISO strings and are shown in the viewer's chosen timezone.

function toDate(value: string | null | undefined): Date | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

function safeTimeZone(timeZone: string | undefined): string | undefined {
  if (!timeZone) return undefined;
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return timeZone;
  } catch {
    return undefined;
  }
}

export function formatDateTime(value: string | null | undefined, timeZone?: string): string {
  const date = toDate(value);
  if (!date) return '—';
  return new Intl.DateTimeFormat('en', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: safeTimeZone(timeZone),
  }).format(date);
}

export function formatDate(value: string | null | undefined, timeZone?: string): string {
  const date = toDate(value);
  if (!date) return '—';
  return new Intl.DateTimeFormat('en', {
    dateStyle: 'medium',
    timeZone: safeTimeZone(timeZone),
  }).format(date);
}

const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 31_536_000],
  ['month', 2_592_000],
  ['week', 604_800],
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60],
];

export function formatRelative(value: string | null | undefined): string {
  const date = toDate(value);
  if (!date) return 'Never';
  const seconds = Math.round((date.getTime() - Date.now()) / 1000);
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return relative.format(Math.round(seconds / size), unit);
  }
  return 'just now';
}

export function initials(name: string | undefined, fallback = '?'): string {
  const parts = (name ?? '').trim().split(/\s+/).filter(Boolean);
  if (parts.length === 0) return fallback;
  const first = parts[0]?.[0] ?? '';
  const last = parts.length > 1 ? (parts[parts.length - 1]?.[0] ?? '') : '';
  return (first + last).toUpperCase();
}

export const ROLE_LABELS = {
  owner: 'Owner',
  admin: 'Admin',
  member: 'Member',
  viewer: 'Viewer',
} as const;

export function canManageWorkspace(role: string | undefined): boolean {
  return role === 'owner' || role === 'admin';
}

/**
 * Where a session or an audited request came from. Herald stores a pseudonym of the client's IP
 * (`ip_` + 16 hex digits) unless the server keeps IPs (RECORD_CLIENT_IPS): the same network shows the
 * same short code, which is all a person needs to spot an unfamiliar one.
 */
export function formatRequestSource(ipAddress: string | null | undefined): string {
  if (!ipAddress) return 'Unknown network';
  return ipAddress.startsWith('ip_') ? `Network ${ipAddress.slice(3, 9)}` : ipAddress;
}
