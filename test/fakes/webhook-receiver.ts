import { createHmac } from 'node:crypto';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

// A webhook receiver on loopback that behaves like a careful one (Zapier, n8n with a dedupe step):
// it counts every delivery, checks the signature when given the secret, and processes each
// idempotency key once — a repeat is answered 200 and not processed again. Tests script its answers
// (500, 429 with Retry-After, 400…) or hold requests open to stand for a slow or stuck receiver.

export interface Delivery {
  key: string;
  postId: string;
  body: Record<string, unknown>;
  raw: string;
  signature: string;
  receivedAt: number;
  /** The status it was answered with; null while held. */
  status: number | null;
}

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type Responder = (delivery: Delivery, index: number) => Reply | 'hold';

export interface WebhookReceiver {
  url: string;
  deliveries: Delivery[];
  /** Keys processed (answered 2xx the first time they came). */
  processed: Map<string, Delivery>;
  respondWith(responder: Responder): void;
  /** Answers the next `statuses.length` deliveries with these statuses, then 200. */
  script(...statuses: Array<number | Reply>): void;
  /** Answers every held request (default 200) and stops holding. */
  releaseHeld(reply?: Reply): void;
  held(): number;
  waitForDeliveries(count: number, timeoutMs?: number): Promise<void>;
  verify(delivery: Delivery, secret: string): boolean;
  close(): Promise<void>;
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const deliveries: Delivery[] = [];
  const processed = new Map<string, Delivery>();
  const held: Array<{ delivery: Delivery; res: ServerResponse }> = [];
  let responder: Responder = () => ({ status: 200 });
  const waiters = new Set<() => void>();

  const answer = (delivery: Delivery, res: ServerResponse, reply: Reply) => {
    delivery.status = reply.status;
    const duplicate = reply.status < 300 && processed.has(delivery.key);
    if (reply.status < 300 && !duplicate) processed.set(delivery.key, delivery);
    const body = reply.body ?? (duplicate ? { duplicate: true } : { id: `hook-${processed.size}` });
    res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
    res.end(JSON.stringify(body));
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(raw) as Record<string, unknown>;
      } catch {
        // recorded as is
      }
      const delivery: Delivery = {
        key: String(req.headers['herald-idempotency-key'] ?? ''),
        postId: String((body.post as { id?: string } | undefined)?.id ?? ''),
        body,
        raw,
        signature: String(req.headers['herald-signature'] ?? ''),
        receivedAt: Date.now(),
        status: null,
      };
      deliveries.push(delivery);
      for (const wake of waiters) wake();
      const reply = responder(delivery, deliveries.length - 1);
      if (reply === 'hold') held.push({ delivery, res });
      else answer(delivery, res, reply);
    });
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/hook`,
    deliveries,
    processed,
    respondWith(next) {
      responder = next;
    },
    script(...statuses) {
      const queue = statuses.map((s) => (typeof s === 'number' ? { status: s } : s));
      responder = () => queue.shift() ?? { status: 200 };
    },
    releaseHeld(reply = { status: 200 }) {
      responder = () => ({ status: 200 });
      for (const { delivery, res } of held.splice(0)) {
        if (!res.destroyed) answer(delivery, res, reply);
      }
    },
    held: () => held.length,
    waitForDeliveries(count, timeoutMs = 15_000) {
      return new Promise<void>((resolve, reject) => {
        const check = () => {
          if (deliveries.length >= count) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve();
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`waited for ${count} deliveries, got ${deliveries.length}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    verify(delivery, secret) {
      const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(delivery.signature);
      if (!match) return false;
      return createHmac('sha256', secret).update(`${match[1]}.${delivery.raw}`).digest('hex') === match[2];
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const { res } of held.splice(0)) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
