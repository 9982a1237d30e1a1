import { api } from './api-client';

// Thin wrappers over better-auth's HTTP endpoints. The server sets and clears
// the session cookie; the client only reacts to the outcome.

const AUTH = '/api/auth';
export const VERIFIED_CALLBACK = '/verified';

export interface SignUpInput {
  name: string;
  email: string;
  password: string;
}

export interface SignUpResult {
  user: { id: string; email: string; emailVerified?: boolean };
  /** null when the account must verify its email before signing in. */
  token: string | null;
}

export function signUp(input: SignUpInput) {
  return api.post<SignUpResult>(`${AUTH}/sign-up/email`, {
    ...input,
    callbackURL: VERIFIED_CALLBACK,
  });
}

export function signIn(input: { email: string; password: string }) {
  // An unverified sign-in mails a fresh verification link; it must land on /verified like sign-up's.
  return api.post<unknown>(`${AUTH}/sign-in/email`, { ...input, callbackURL: VERIFIED_CALLBACK });
}

export function signOut() {
  return api.post<unknown>(`${AUTH}/sign-out`, {});
}

export function sendVerificationEmail(email: string) {
  return api.post<unknown>(`${AUTH}/send-verification-email`, {
    email,
    callbackURL: VERIFIED_CALLBACK,
  });
}

export function requestPasswordReset(email: string) {
  return api.post<unknown>(`${AUTH}/request-password-reset`, {
    email,
    redirectTo: '/reset-password',
  });
}

export function resetPassword(input: { newPassword: string; token: string }) {
  return api.post<unknown>(`${AUTH}/reset-password`, input);
}

/** Only same-site paths are followed after sign-in, so a crafted link cannot send users away. */
export function safeRedirect(target: unknown, fallback = '/'): string {
  if (typeof target !== 'string') return fallback;
  if (!target.startsWith('/') || target.startsWith('//') || target.startsWith('/\\')) {
    return fallback;
  }
  return target;
}

// Verification happens in whatever tab opens the email link, so the page a
// user was heading to (an invitation, usually) is remembered across tabs.
const PENDING_REDIRECT_KEY = 'herald.pendingRedirect';

export function rememberPendingRedirect(path: string | undefined) {
  try {
    if (path && path !== '/') localStorage.setItem(PENDING_REDIRECT_KEY, path);
    else localStorage.removeItem(PENDING_REDIRECT_KEY);
  } catch {
    // Storage can be unavailable (private mode); the redirect is a convenience.
  }
}

export function readPendingRedirect(): string | undefined {
  try {
    return safeRedirect(localStorage.getItem(PENDING_REDIRECT_KEY), '') || undefined;
  } catch {
    return undefined;
  }
}
