import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  canonicalRequest,
  parseAuthorization,
  sha256Hex,
  signatureOf,
  unsignedPayload,
} from '../../src/server/platform/sigv4.ts';

// An S3-compatible server on loopback holding one bucket in memory. It checks every request's
// SigV4 signature against its own copy of the secret, the way S3 does, rebuilding the canonical
// request from what arrived on the wire: a wrong secret, a changed header or body is a 403/400.

export interface FakeS3Options {
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
}

export interface FakeS3Request {
  method: string;
  /** `path` (bucket in the path) or `virtual` (bucket in the host name). */
  style: 'path' | 'virtual';
  key: string;
  payloadHash: string;
  signedHeaders: string[];
  /** The S3 error code answered, or null on success. */
  error: string | null;
}

export interface FakeS3 {
  /** The endpoint: `http://127.0.0.1:<port>`. */
  url: string;
  port: number;
  objects: Map<string, Buffer>;
  requests: FakeS3Request[];
  close(): Promise<void>;
}

const maxSkewMs = 15 * 60 * 1000;

function xmlError(res: ServerResponse, status: number, code: string, message: string) {
  res.writeHead(status, { 'content-type': 'application/xml' });
  res.end(
    `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`,
  );
}

/** The S3 error code of a badly signed request, or null when the signature holds. */
function signatureProblem(req: IncomingMessage, body: Buffer, options: FakeS3Options): string | null {
  const auth = parseAuthorization(String(req.headers.authorization ?? ''));
  if (!auth) return 'AccessDenied';
  if (auth.accessKeyId !== options.accessKeyId) return 'InvalidAccessKeyId';
  const dateTime = String(req.headers['x-amz-date'] ?? '');
  const parsed = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(dateTime);
  if (!parsed) return 'AccessDenied';
  const [, y, mo, d, h, mi, s] = parsed;
  const at = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  if (Math.abs(Date.now() - at) > maxSkewMs) return 'RequestTimeTooSkewed';
  if (auth.date !== dateTime.slice(0, 8) || auth.region !== options.region || auth.service !== 's3') {
    return 'AuthorizationHeaderMalformed';
  }
  for (const required of ['host', 'x-amz-date', 'x-amz-content-sha256']) {
    if (!auth.signedHeaders.includes(required)) return 'AccessDenied';
  }
  const payloadHash = String(req.headers['x-amz-content-sha256'] ?? '');
  if (payloadHash !== unsignedPayload && payloadHash !== sha256Hex(body)) return 'XAmzContentSHA256Mismatch';
  const rawUrl = req.url ?? '/';
  const queryAt = rawUrl.indexOf('?');
  const path = queryAt === -1 ? rawUrl : rawUrl.slice(0, queryAt);
  const query = queryAt === -1 ? [] : [...new URLSearchParams(rawUrl.slice(queryAt + 1)).entries()];
  const headers = Object.fromEntries(
    auth.signedHeaders.map((name) => [name, String(req.headers[name] ?? '')]),
  );
  const { text, signedHeaders } = canonicalRequest({
    method: req.method ?? 'GET',
    path,
    query,
    headers,
    payloadHash,
  });
  if (signedHeaders !== auth.signedHeaders.join(';')) return 'SignatureDoesNotMatch';
  const expected = Buffer.from(signatureOf(text, dateTime, { ...options, service: 's3' }));
  const given = Buffer.from(auth.signature);
  return expected.length === given.length && timingSafeEqual(expected, given)
    ? null
    : 'SignatureDoesNotMatch';
}

export async function startFakeS3(options: FakeS3Options): Promise<FakeS3> {
  const objects = new Map<string, Buffer>();
  const requests: FakeS3Request[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const host = String(req.headers.host ?? '').split(':')[0] ?? '';
      const path = decodeURIComponent((req.url ?? '/').split('?')[0] ?? '/');
      const virtual = host.startsWith(`${options.bucket}.`);
      const [bucket, key] = virtual
        ? [options.bucket, path.slice(1)]
        : [path.split('/')[1] ?? '', path.split('/').slice(2).join('/')];
      const record: FakeS3Request = {
        method: req.method ?? 'GET',
        style: virtual ? 'virtual' : 'path',
        key,
        payloadHash: String(req.headers['x-amz-content-sha256'] ?? ''),
        signedHeaders: parseAuthorization(String(req.headers.authorization ?? ''))?.signedHeaders ?? [],
        error: null,
      };
      requests.push(record);
      const refuse = (status: number, code: string) => {
        record.error = code;
        xmlError(res, status, code, code);
      };
      const problem = signatureProblem(req, body, options);
      if (problem) return refuse(problem === 'XAmzContentSHA256Mismatch' ? 400 : 403, problem);
      if (bucket !== options.bucket) return refuse(404, 'NoSuchBucket');
      if (!key) return refuse(400, 'InvalidRequest');
      const stored = objects.get(key);
      switch (req.method) {
        case 'PUT':
          objects.set(key, body);
          res.writeHead(200, { etag: `"${sha256Hex(body).slice(0, 32)}"` });
          return res.end();
        case 'GET':
        case 'HEAD':
          if (!stored) {
            if (req.method === 'HEAD') {
              record.error = 'NoSuchKey';
              res.writeHead(404);
              return res.end();
            }
            return refuse(404, 'NoSuchKey');
          }
          res.writeHead(200, { 'content-length': String(stored.byteLength) });
          return res.end(req.method === 'GET' ? stored : undefined);
        case 'DELETE':
          objects.delete(key);
          res.writeHead(204);
          return res.end();
        default:
          return refuse(405, 'MethodNotAllowed');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    objects,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
