import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';

export function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

export function hmacSha256Hex(secret: string, value: string): string {
  return createHmac('sha256', secret).update(value).digest('hex');
}

/** URL-safe random token with `bytes` of entropy. */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

// AES-256-GCM for secrets at rest (provider tokens). The key is derived from ENCRYPTION_KEY so any
// 32+ character secret works; the stored form names its version so keys can be rotated.
function deriveKey(secret: string): Buffer {
  return createHash('sha256').update(`herald-encryption:${secret}`).digest();
}

export function encryptSecret(secret: string, plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', deriveKey(secret), iv);
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [
    'v1',
    iv.toString('base64url'),
    cipher.getAuthTag().toString('base64url'),
    body.toString('base64url'),
  ].join('.');
}

/**
 * Decrypts with the first key that opens the value. Give the current key first, then the keys it
 * replaced (ENCRYPTION_KEY_PREVIOUS), so values written before a rotation stay readable until
 * `herald secrets rotate` re-encrypts them. GCM's tag tells a wrong key from a right one.
 */
export function decryptSecret(keys: string | readonly string[], stored: string): string {
  const [version, iv, tag, body] = stored.split('.');
  if (version !== 'v1' || !iv || !tag || body === undefined) throw new Error('unrecognised encrypted value');
  const candidates = typeof keys === 'string' ? [keys] : keys;
  for (const key of candidates) {
    try {
      const decipher = createDecipheriv('aes-256-gcm', deriveKey(key), Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString(
        'utf8',
      );
    } catch {
      // Not this key: try the next one.
    }
  }
  throw new Error('no configured key decrypts this value');
}

/** True when `stored` was written with exactly this key. */
export function isEncryptedWith(key: string, stored: string): boolean {
  try {
    decryptSecret(key, stored);
    return true;
  } catch {
    return false;
  }
}
