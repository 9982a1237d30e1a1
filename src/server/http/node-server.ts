// The HTTP server: @hono/node-server's request listener for everything, preceded by the micro-cache
// replay of the hottest public reads (micro-cache.ts). `npm start` and the benches both start Herald
// through here, so what the benches measure is what runs.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import type { HeraldApp } from '../app.ts';
import type { AppDeps } from '../app-context.ts';
import { matchesIfNoneMatch } from './conditional.ts';
import { type CachedAnswer, freshAnswer } from './micro-cache.ts';
import { requestIdFrom } from './request-context.ts';

/** Only these paths are ever replayed; everything else goes straight to the router. */
const replayablePrefix = '/api/public/';

function replay(
  deps: AppDeps,
  request: IncomingMessage,
  response: ServerResponse,
  answer: CachedAnswer,
  started: number,
) {
  const incomingId = request.headers['x-request-id'];
  const requestId = requestIdFrom(typeof incomingId === 'string' ? incomingId : undefined);
  const notModified = matchesIfNoneMatch(request.headers['if-none-match'], answer.etag);
  const status = notModified ? 304 : answer.status;
  // One writeHead with a flat header list: no per-header bookkeeping on the response.
  response.writeHead(status, [
    ...(notModified ? answer.notModifiedHeaders : answer.headers),
    'x-request-id',
    requestId,
  ]);
  response.end(notModified ? undefined : answer.body);
  const seconds = (performance.now() - started) / 1000;
  deps.metrics.httpRequests.inc({ method: 'GET', route: answer.route, status: String(status) });
  deps.metrics.httpDuration.observe({ method: 'GET', route: answer.route }, seconds);
  deps.log.info(
    {
      requestId,
      method: 'GET',
      path: (request.url ?? '').split('?')[0],
      status,
      ms: Math.round(seconds * 1000),
      replayed: true,
    },
    'request',
  );
}

/** The node:http listener for `app`: replays what the micro-cache holds, else hands over to Hono. */
export function createRequestListener(app: HeraldApp, deps: AppDeps) {
  const honoListener = getRequestListener(app.fetch);
  return (request: IncomingMessage, response: ServerResponse) => {
    const url = request.url;
    if (request.method === 'GET' && url?.startsWith(replayablePrefix)) {
      const started = performance.now();
      const answer = freshAnswer(deps, url, deps.clock.now().getTime());
      if (answer) {
        replay(deps, request, response, answer, started);
        return;
      }
    }
    return honoListener(request, response);
  };
}

/** Starts listening on `port` and `hostname`; resolves once the socket is bound. */
export function startHttpServer(
  app: HeraldApp,
  deps: AppDeps,
  options: { port: number; hostname: string },
): Promise<{ server: Server; port: number }> {
  const server = createServer(createRequestListener(app, deps));
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.hostname, () => {
      server.off('error', reject);
      resolve({ server, port: (server.address() as AddressInfo).port });
    });
  });
}
