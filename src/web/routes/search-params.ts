// Search-param validators for TanStack Router: accept only the strings a page
// understands and drop anything else, so a hand-edited URL cannot crash a page.

function readString(search: Record<string, unknown>, key: string): string | undefined {
  const value = search[key];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

export interface RedirectSearch {
  redirect?: string;
}

export function validateRedirectSearch(search: Record<string, unknown>): RedirectSearch {
  return { redirect: readString(search, 'redirect') };
}

export interface SignInSearch extends RedirectSearch {
  /** Why the user landed here: shown as a notice above the form. */
  notice?: 'reset' | 'deleted' | 'signed-out';
  email?: string;
}

export function validateSignInSearch(search: Record<string, unknown>): SignInSearch {
  const notice = readString(search, 'notice');
  return {
    redirect: readString(search, 'redirect'),
    email: readString(search, 'email'),
    notice: notice === 'reset' || notice === 'deleted' || notice === 'signed-out' ? notice : undefined,
  };
}

export interface EmailSearch {
  email?: string;
}

export function validateEmailSearch(search: Record<string, unknown>): EmailSearch {
  return { email: readString(search, 'email') };
}

export interface TokenSearch {
  token?: string;
  error?: string;
}

export function validateTokenSearch(search: Record<string, unknown>): TokenSearch {
  return { token: readString(search, 'token'), error: readString(search, 'error') };
}

export interface ErrorSearch {
  error?: string;
}

export function validateErrorSearch(search: Record<string, unknown>): ErrorSearch {
  return { error: readString(search, 'error') };
}

export interface StudioSearch {
  /** The generation open under the composer. */
  generation?: string;
}

export function validateStudioSearch(search: Record<string, unknown>): StudioSearch {
  return { generation: readString(search, 'generation') };
}

export interface CalendarSearch {
  view?: 'month' | 'week';
  /** Any day in the range shown, YYYY-MM-DD in the workspace's timezone. */
  date?: string;
  platform?: string;
  status?: string;
}

export function validateCalendarSearch(search: Record<string, unknown>): CalendarSearch {
  const view = readString(search, 'view');
  const date = readString(search, 'date');
  return {
    view: view === 'month' || view === 'week' ? view : undefined,
    date: date && /^\d{4}-\d{2}-\d{2}$/.test(date) ? date : undefined,
    platform: readString(search, 'platform'),
    status: readString(search, 'status'),
  };
}

export interface PerformanceSearch {
  /** Days back from today: 7, 30, 90 or 365. */
  range?: number;
  platform?: string;
  /** The post whose own numbers are open. */
  post?: string;
}

export function validatePerformanceSearch(search: Record<string, unknown>): PerformanceSearch {
  const range = Number(search.range);
  return {
    range: [7, 30, 90, 365].includes(range) ? range : undefined,
    platform: readString(search, 'platform'),
    post: readString(search, 'post'),
  };
}
