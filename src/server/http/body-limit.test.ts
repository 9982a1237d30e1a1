import http, { type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../test/harness.ts';
import { startHttpServer } from './node-server.ts';

// The body limit over a real socket, where requests carry a Content-Length or are chunked: the header
// decides at once, a chunked body is counted as it streams, and a body under the limit still reaches
// the handler whole.

const limit = 1024;
const t = await createTestApp({ workers: false, env: { BODY_LIMIT_BYTES: String(limit) } });
let server: Server;
let port: number;

beforeAll(async () => {
  const started = await startHttpServer(t.app, t.deps, { port: 0, hostname: '127.0.0.1' });
  server = started.server;
  port = started.port;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await t.close();
});

/** POSTs `body` to the tracking endpoint, in one piece with a Content-Length or as chunks without. */
function post(body: string, framing: 'content-length' | 'chunked') {
  return new Promise<{ status: number; body: { error?: { code: string } } }>((resolve, reject) => {
    const payload = Buffer.from(body);
    const request = http.request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/api/public/analytics/no-such-workspace/events',
        headers:
          framing === 'content-length'
            ? { 'content-type': 'text/plain', 'content-length': payload.length }
            : { 'content-type': 'text/plain', 'transfer-encoding': 'chunked' },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString()) }),
        );
      },
    );
    request.on('error', reject);
    if (framing === 'content-length') request.end(payload);
    else {
      // Several chunks, so the server cannot know the size before it has counted them.
      for (let at = 0; at < payload.length; at += 100) request.write(payload.subarray(at, at + 100));
      request.end();
    }
  });
}

describe('the body size limit', () => {
  for (const framing of ['content-length', 'chunked'] as const) {
    it(`refuses a body over the limit with 413 (${framing})`, async () => {
      const response = await post(`{"events":[${'"x",'.repeat(limit / 4)}"x"]}`, framing);
      expect(response.status).toBe(413);
      expect(response.body.error?.code).toBe('payload_too_large');
    });

    it(`hands a body under the limit to the handler whole (${framing})`, async () => {
      // Not JSON, so the handler's answer shows it read every byte: a 400, not a 413 or a hang.
      const response = await post(`${'a'.repeat(limit - 10)}`, framing);
      expect(response.status).toBe(400);
      expect(response.body.error?.code).toBe('invalid_json');
      const valid = await post(JSON.stringify({ events: [{ type: 'page_view', path: '/' }] }), framing);
      expect(valid.status).toBe(404);
      expect(valid.body.error?.code).toBe('not_found');
    });
  }

  it('a body of exactly the limit is accepted', async () => {
    const body = JSON.stringify({ events: [{ type: 'page_view', path: '/' }] });
    const padded = body.replace('"/"', `"/${'p'.repeat(limit - body.length)}"`);
    expect(Buffer.byteLength(padded)).toBe(limit);
    expect((await post(padded, 'content-length')).status).toBe(404);
    expect((await post(padded, 'chunked')).status).toBe(404);
  });
});
