import { Worker } from 'node:worker_threads';

export interface LoadOptions {
  url: string;
  headers?: Record<string, string>;
  /** Concurrent keep-alive connections, each sending its next request when the last one answered. */
  connections: number;
  warmupMs: number;
  durationMs: number;
}

export interface LoadResult {
  requests: number;
  requestsPerSecond: number;
  errors: number;
  non2xx: number;
  statuses: Record<string, number>;
  p50Ms: number;
  p99Ms: number;
  meanMs: number;
  maxMs: number;
  bytesPerResponse: number;
}

// The load generator runs on its own thread (its own event loop, the machine's other core), so it does
// not share the server's event loop. Plain CommonJS source because a worker started with `eval` gets no
// TypeScript loader. A request counts when it started and finished inside the measured window.
const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const http = require('node:http');
const { createHistogram } = require('node:perf_hooks');
const { url, headers, connections, warmupMs, durationMs } = workerData;
const target = new URL(url);
const agent = new http.Agent({ keepAlive: true, maxSockets: connections, maxFreeSockets: connections });
const histogram = createHistogram();
const stats = { requests: 0, errors: 0, non2xx: 0, statuses: {}, bytes: 0 };
const begin = Date.now();
const windowStart = begin + warmupMs;
const windowEnd = windowStart + durationMs;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function once() {
  return new Promise((resolve) => {
    const startedAt = Date.now();
    const started = process.hrtime.bigint();
    const counts = () => startedAt >= windowStart && Date.now() <= windowEnd;
    const req = http.request(
      { agent, host: target.hostname, port: target.port, path: target.pathname + target.search, method: 'GET', headers },
      (res) => {
        let bytes = 0;
        res.on('data', (chunk) => { bytes += chunk.length; });
        res.on('end', () => {
          if (counts()) {
            histogram.record(Math.max(1, Number(process.hrtime.bigint() - started)));
            stats.requests++;
            stats.bytes += bytes;
            stats.statuses[res.statusCode] = (stats.statuses[res.statusCode] || 0) + 1;
            if (res.statusCode < 200 || res.statusCode >= 300) stats.non2xx++;
          }
          resolve(true);
        });
        res.on('error', () => { if (counts()) stats.errors++; resolve(false); });
      },
    );
    req.on('error', () => { if (counts()) stats.errors++; resolve(false); });
    req.end();
  });
}

async function connection() {
  while (Date.now() < windowEnd) {
    if (!(await once())) await sleep(10);
  }
}

Promise.all(Array.from({ length: connections }, connection)).then(() => {
  agent.destroy();
  const seconds = durationMs / 1000;
  const ms = (ns) => ns / 1e6;
  parentPort.postMessage({
    requests: stats.requests,
    requestsPerSecond: stats.requests / seconds,
    errors: stats.errors,
    non2xx: stats.non2xx,
    statuses: stats.statuses,
    p50Ms: ms(histogram.percentile(50)),
    p99Ms: ms(histogram.percentile(99)),
    meanMs: ms(histogram.mean),
    maxMs: ms(histogram.max),
    bytesPerResponse: stats.requests ? stats.bytes / stats.requests : 0,
  });
});
`;

export function runLoad(options: LoadOptions): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerSource, { eval: true, workerData: { headers: {}, ...options } });
    worker.once('message', (result: LoadResult) => {
      resolve(result);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}
