import { createHash } from 'node:crypto';
import { randomToken } from '../../platform/crypto.ts';

// RFC 7636: the verifier is 43–128 characters of [A-Z a-z 0-9 - . _ ~]; base64url of 48 random bytes
// is 64 of them. The challenge sent to the consent page is base64url(SHA-256(verifier)) (S256).
export function newCodeVerifier(): string {
  return randomToken(48);
}

export function codeChallengeOf(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url');
}

/** The `state` parameter: unguessable, single use, maps the callback back to its workspace. */
export function newOAuthState(): string {
  return randomToken(32);
}
