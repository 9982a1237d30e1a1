import { createHash, createHmac } from 'node:crypto';

// AWS Signature Version 4 (header form) for S3-compatible storage, on node:crypto alone. The steps:
// canonical request → string to sign (scoped to date/region/service) → HMAC with a key derived
// from the secret. The secret itself never leaves the process; only the signature does.

export const unsignedPayload = 'UNSIGNED-PAYLOAD';
export const emptyPayloadHash = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
const algorithm = 'AWS4-HMAC-SHA256';

export interface SigV4Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
  service: string;
}

export const sha256Hex = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');
const hmac = (key: Uint8Array | string, data: string) => createHmac('sha256', key).update(data).digest();

const unreserved = /^[A-Za-z0-9\-._~]$/;

/**
 * SigV4's UriEncode: every UTF-8 byte except the RFC 3986 unreserved characters as %XX (upper
 * case); `/` kept in paths. encodeURIComponent differs (it keeps `!'()*`), so it is not used.
 */
export function uriEncode(value: string, keepSlash: boolean): string {
  let out = '';
  for (const byte of Buffer.from(value, 'utf8')) {
    const ch = String.fromCharCode(byte);
    if (unreserved.test(ch) || (keepSlash && ch === '/')) out += ch;
    else out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** `20130524T000000Z` */
export function amzDate(now: Date): string {
  return now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

export interface CanonicalInput {
  method: string;
  /** The path exactly as sent on the wire (already URI-encoded once; S3 does not encode it again). */
  path: string;
  /** Decoded query parameters; encoded and sorted here. */
  query: Array<[string, string]>;
  /** The signed headers, any case; values are trimmed and inner whitespace runs folded. */
  headers: Record<string, string>;
  payloadHash: string;
}

export function canonicalRequest(input: CanonicalInput): { text: string; signedHeaders: string } {
  const headers = Object.entries(input.headers).map(([name, value]): [string, string] => [
    name.toLowerCase(),
    value.trim().replace(/\s+/g, ' '),
  ]);
  headers.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const signedHeaders = headers.map(([name]) => name).join(';');
  const query = input.query
    .map(([key, value]) => [uriEncode(key, false), uriEncode(value, false)] as const)
    .sort(([ka, va], [kb, vb]) => (ka < kb ? -1 : ka > kb ? 1 : va < vb ? -1 : va > vb ? 1 : 0))
    .map(([key, value]) => `${key}=${value}`)
    .join('&');
  const text = [
    input.method.toUpperCase(),
    input.path || '/',
    query,
    headers.map(([name, value]) => `${name}:${value}\n`).join(''),
    signedHeaders,
    input.payloadHash,
  ].join('\n');
  return { text, signedHeaders };
}

export function credentialScope(date: string, credentials: Pick<SigV4Credentials, 'region' | 'service'>) {
  return `${date}/${credentials.region}/${credentials.service}/aws4_request`;
}

/** The signature of a canonical request made at `dateTime` (an amzDate). */
export function signatureOf(canonical: string, dateTime: string, credentials: SigV4Credentials): string {
  const date = dateTime.slice(0, 8);
  const stringToSign = [algorithm, dateTime, credentialScope(date, credentials), sha256Hex(canonical)].join(
    '\n',
  );
  let key = hmac(`AWS4${credentials.secretAccessKey}`, date);
  for (const part of [credentials.region, credentials.service, 'aws4_request']) key = hmac(key, part);
  return createHmac('sha256', key).update(stringToSign).digest('hex');
}

export interface SignInput {
  method: string;
  url: URL;
  /** Headers to send and sign besides host, x-amz-date and x-amz-content-sha256. */
  headers?: Record<string, string>;
  /** SHA-256 hex of the body, or UNSIGNED-PAYLOAD. */
  payloadHash: string;
  credentials: SigV4Credentials;
  now: Date;
}

/** The headers to send: the given ones plus host, x-amz-date, x-amz-content-sha256 and authorization. */
export function signRequest(input: SignInput): Record<string, string> {
  const dateTime = amzDate(input.now);
  const headers: Record<string, string> = {
    ...Object.fromEntries(Object.entries(input.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v])),
    host: input.url.host,
    'x-amz-date': dateTime,
    'x-amz-content-sha256': input.payloadHash,
  };
  const { text, signedHeaders } = canonicalRequest({
    method: input.method,
    path: input.url.pathname,
    query: [...input.url.searchParams.entries()],
    headers,
    payloadHash: input.payloadHash,
  });
  const signature = signatureOf(text, dateTime, input.credentials);
  const scope = credentialScope(dateTime.slice(0, 8), input.credentials);
  return {
    ...headers,
    authorization: `${algorithm} Credential=${input.credentials.accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`,
  };
}

export interface ParsedAuthorization {
  accessKeyId: string;
  date: string;
  region: string;
  service: string;
  signedHeaders: string[];
  signature: string;
}

/** Reads an `AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…` header; null when malformed. */
export function parseAuthorization(header: string): ParsedAuthorization | null {
  const match =
    /^AWS4-HMAC-SHA256 Credential=([^/,\s]+)\/(\d{8})\/([^/,\s]+)\/([^/,\s]+)\/aws4_request,\s*SignedHeaders=([a-z0-9;-]+),\s*Signature=([0-9a-f]{64})$/.exec(
      header.trim(),
    );
  if (!match) return null;
  const [, accessKeyId, date, region, service, signed, signature] = match;
  return {
    accessKeyId: accessKeyId ?? '',
    date: date ?? '',
    region: region ?? '',
    service: service ?? '',
    signedHeaders: (signed ?? '').split(';'),
    signature: signature ?? '',
  };
}
