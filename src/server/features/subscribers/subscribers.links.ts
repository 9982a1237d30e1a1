// The links in subscriber mail and the keys of the confirmation limits. Unsubscribe and preferences
// links carry the subscriber id and an HMAC of it (keyed by the auth secret, one purpose per link), so
// they need no token in the database and cannot be made up for another subscriber.
import { hmacSha256Hex, safeEqual, sha256Hex } from '../../platform/crypto.ts';

export type LinkPurpose = 'unsubscribe' | 'preferences';

export const normalizeEmail = (email: string) => email.trim().toLowerCase();

export function linkSignature(secret: string, purpose: LinkPurpose, subscriberId: string): string {
  return hmacSha256Hex(secret, `subscriber-${purpose}:${subscriberId}`).slice(0, 32);
}

export function verifyLinkSignature(
  secret: string,
  purpose: LinkPurpose,
  subscriberId: string,
  signature: string,
): boolean {
  if (!subscriberId || subscriberId.length > 100 || !signature) return false;
  return safeEqual(linkSignature(secret, purpose, subscriberId), signature);
}

export function signedLink(publicUrl: string, secret: string, purpose: LinkPurpose, subscriberId: string) {
  const query = new URLSearchParams({ s: subscriberId, sig: linkSignature(secret, purpose, subscriberId) });
  return `${publicUrl}/subscribe/${purpose}?${query}`;
}

export const confirmLink = (publicUrl: string, token: string) =>
  `${publicUrl}/subscribe/confirm?${new URLSearchParams({ token })}`;

export const tokenHash = (token: string) => sha256Hex(`subscriber-confirm:${token}`);

/** Keyed hashes for the hourly limits: the address and the IP themselves are never stored. */
export const emailLimitKey = (secret: string, email: string) =>
  hmacSha256Hex(secret, `subscriber-limit-email:${normalizeEmail(email)}`);
export const ipLimitKey = (secret: string, ip: string) => hmacSha256Hex(secret, `subscriber-limit-ip:${ip}`);

/** A coarse class of the browser that pressed the confirm button (kept instead of anything identifying). */
export function userAgentClass(userAgent: string | null | undefined): string {
  const ua = userAgent ?? '';
  if (!ua) return 'unknown';
  if (/bot|crawler|spider|preview|scanner|curl|wget|python|node-fetch|undici/i.test(ua)) return 'automated';
  if (/mobile|android|iphone|ipad/i.test(ua)) return 'mobile';
  return 'desktop';
}
