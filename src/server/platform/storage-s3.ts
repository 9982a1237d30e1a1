import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { sha256Hex, signRequest, unsignedPayload, uriEncode } from './sigv4.ts';
import { isValidStorageKey, type StorageDriver } from './storage.ts';

// S3-compatible object storage (AWS S3, MinIO, R2, Backblaze, …) over plain HTTP(S) with SigV4
// signing, so Herald needs no SDK. The endpoint is the operator's configuration, not user input,
// so these calls do not go through the SSRF guard.

export interface S3StorageOptions {
  /** `https://s3.eu-west-1.amazonaws.com`, `http://minio:9000`, … (a path prefix is kept). */
  endpoint: string;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** `endpoint/bucket/key` instead of `bucket.endpoint/key` (MinIO and most self-hosted servers). */
  forcePathStyle: boolean;
  /** Sends `UNSIGNED-PAYLOAD` instead of the body's SHA-256 (saves hashing; only over HTTPS). */
  unsignedPayload: boolean;
  timeoutMs: number;
  /** The largest object a read accepts; anything longer is refused rather than buffered. */
  maxObjectBytes: number;
  /** Tests resolve the virtual-hosted name (`bucket.host`) to loopback with this. */
  lookup?: LookupFunction;
  /** Signing time: the real clock, since S3 refuses requests more than 15 minutes off. */
  now?: () => Date;
}

interface S3Response {
  status: number;
  body: Buffer;
}

/** The object's URL in the configured addressing style. */
export function s3ObjectUrl(
  options: Pick<S3StorageOptions, 'endpoint' | 'bucket' | 'forcePathStyle'>,
  key: string,
) {
  const endpoint = new URL(options.endpoint);
  const prefix = endpoint.pathname.replace(/\/+$/, '');
  const encodedKey = uriEncode(key, true);
  if (options.forcePathStyle) {
    return new URL(`${endpoint.origin}${prefix}/${uriEncode(options.bucket, false)}/${encodedKey}`);
  }
  return new URL(`${endpoint.protocol}//${options.bucket}.${endpoint.host}${prefix}/${encodedKey}`);
}

/** `<Code>NoSuchKey</Code>` from an S3 error document, for logs; never the request or its headers. */
function errorCodeOf(body: Buffer): string {
  return /<Code>([^<]{1,100})<\/Code>/.exec(body.subarray(0, 4096).toString('utf8'))?.[1] ?? 'unknown';
}

export function createS3Storage(options: S3StorageOptions): StorageDriver {
  const now = options.now ?? (() => new Date());
  const credentials = {
    accessKeyId: options.accessKeyId,
    secretAccessKey: options.secretAccessKey,
    region: options.region,
    service: 's3',
  };

  const send = (method: string, key: string, body?: Uint8Array): Promise<S3Response> => {
    if (!isValidStorageKey(key)) throw new Error(`invalid storage key: ${JSON.stringify(key)}`);
    const url = s3ObjectUrl(options, key);
    const payloadHash = options.unsignedPayload ? unsignedPayload : sha256Hex(body ?? new Uint8Array());
    const extra: Record<string, string> = body
      ? { 'content-length': String(body.byteLength), 'content-type': 'application/octet-stream' }
      : {};
    const headers = signRequest({ method, url, headers: extra, payloadHash, credentials, now: now() });
    const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise<S3Response>((resolve, reject) => {
      const req = request(
        url,
        { method, headers, timeout: options.timeoutMs, lookup: options.lookup },
        (res: IncomingMessage) => {
          const chunks: Buffer[] = [];
          let length = 0;
          res.on('data', (chunk: Buffer) => {
            length += chunk.byteLength;
            if (length > options.maxObjectBytes) {
              res.destroy(
                new Error(`S3 ${method} ${key}: the object is over ${options.maxObjectBytes} bytes`),
              );
              return;
            }
            chunks.push(chunk);
          });
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
          res.on('error', reject);
        },
      );
      req.on('timeout', () =>
        req.destroy(new Error(`S3 ${method} ${key}: no answer in ${options.timeoutMs} ms`)),
      );
      req.on('error', reject);
      req.end(body);
    });
  };

  const fail = (method: string, key: string, response: S3Response) =>
    new Error(`S3 ${method} ${key} failed: ${response.status} ${errorCodeOf(response.body)}`);

  return {
    kind: 's3',
    async put(key, bytes) {
      // A PUT replaces the object whole: S3 never shows a half-written object.
      const response = await send('PUT', key, bytes);
      if (response.status !== 200) throw fail('PUT', key, response);
    },
    async get(key) {
      const response = await send('GET', key);
      if (response.status === 404) return null;
      if (response.status !== 200) throw fail('GET', key, response);
      return new Uint8Array(response.body);
    },
    async delete(key) {
      const response = await send('DELETE', key);
      if (response.status !== 204 && response.status !== 200 && response.status !== 404) {
        throw fail('DELETE', key, response);
      }
    },
    async exists(key) {
      const response = await send('HEAD', key);
      if (response.status === 404) return false;
      if (response.status !== 200) throw fail('HEAD', key, response);
      return true;
    },
  };
}
