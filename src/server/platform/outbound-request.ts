import type { Config } from '../config.ts';
import { safeFetch } from './ssrf-guard.ts';

// One HTTP call to an outside API (X, LinkedIn, their OAuth token endpoints) through the SSRF guard,
// with a time limit and the body read as text and JSON. Callers decide what a status means; a network
// failure, a timeout or a refused destination throws (the caller cannot know whether the other side
// acted). Redirects are not followed: these APIs do not redirect, and a token must not follow one.

export interface OutboundRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  headers?: Record<string, string>;
  body?: string;
  /** Stops the call early (a job shutting down); combined with the time limit. */
  signal?: AbortSignal;
  timeoutMs?: number;
}

export interface OutboundResponse {
  status: number;
  headers: Headers;
  text: string;
  /** The body parsed as JSON, or null when it is not JSON. */
  json: unknown;
}

export const defaultOutboundTimeoutMs = 30_000;
// Platform answers are small; a larger one fails rather than fill memory.
const maxResponseBytes = 2 * 1024 * 1024;

export async function outboundRequest(
  config: Config,
  url: string,
  request: OutboundRequest,
): Promise<OutboundResponse> {
  const response = await safeFetch(
    url,
    { method: request.method, headers: request.headers, body: request.body, signal: request.signal },
    {
      allowPrivate: config.OUTBOUND_ALLOW_PRIVATE_NETWORKS,
      timeoutMs: request.timeoutMs ?? defaultOutboundTimeoutMs,
      maxRedirects: 0,
      maxResponseBytes,
    },
  );
  const text = await response.text();
  let json: unknown = null;
  if (text) {
    try {
      json = JSON.parse(text);
    } catch {
      json = null;
    }
  }
  return { status: response.status, headers: response.headers, text, json };
}

/** Seconds or an HTTP date in Retry-After, as milliseconds from `now`; null when absent or unreadable. */
export function retryAfterMsOf(headers: Headers, now: Date): number | null {
  const value = headers.get('retry-after');
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - now.getTime());
}
