import { createHash } from 'node:crypto';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RecordedRequest } from './http-fake.ts';

// The HTTP side of the X and LinkedIn fakes: like http-fake.ts, plus response headers, redirects and
// answers that never come (a hung platform).

export interface PlatformAnswer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Never answer: the connection stays open until the client gives up or the fake closes. */
  hang?: boolean;
}

export interface PlatformFake {
  url: string;
  requests: RecordedRequest[];
  /** Requests answered `hang` and still open (a crash test kills the caller while one is held). */
  held(): number;
  /** Resolves as soon as `count` requests are being held, so the caller can be killed mid-call. */
  waitForHeld(count?: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export async function startPlatformFake(
  answer: (request: RecordedRequest) => PlatformAnswer,
): Promise<PlatformFake> {
  const requests: RecordedRequest[] = [];
  const hung: ServerResponse[] = [];
  const waiters = new Set<() => void>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://fake');
      const recorded: RecordedRequest = {
        method: req.method ?? 'GET',
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        raw: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(recorded);
      const reply = answer(recorded);
      if (reply.hang) {
        hung.push(res);
        for (const wake of waiters) wake();
        return;
      }
      const headers: Record<string, string> = { ...reply.headers };
      if (reply.body !== undefined) headers['content-type'] ??= 'application/json';
      res.writeHead(reply.status, headers);
      res.end(reply.body === undefined ? undefined : JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    held: () => hung.length,
    waitForHeld: (count = 1, timeoutMs = 60_000) =>
      new Promise<void>((resolve, reject) => {
        const check = () => {
          if (hung.length < count) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve();
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`waitForHeld: ${hung.length} of ${count} requests held`));
        }, timeoutMs);
        waiters.add(check);
        check();
      }),
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const res of hung) res.destroy();
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

export function formOf(request: RecordedRequest): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(request.raw));
}

export function bearerOf(request: RecordedRequest): string | null {
  const match = /^Bearer (.+)$/.exec(request.headers.authorization ?? '');
  return match?.[1] ?? null;
}

export function s256(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url');
}

/** `count` random-looking characters, for tokens and codes. */
export function fakeToken(prefix: string): string {
  return `${prefix}_${crypto.randomUUID().replaceAll('-', '')}`;
}

/** Which call of a kind fails and how (`{ status: 429, headers }`, `{ hang: true }`…), by 1-based number; with
 * `land`, the platform acts first (the post is stored) and only the answer is lost or wrong. */
export type FailurePlan = Map<number, PlatformAnswer & { land?: boolean }>;

/** The platform posts, then never answers: the caller times out not knowing (a crash mid-call looks the same). */
export const landsThenHangs = { status: 0, hang: true, land: true } as const;

/** An authorization-code grant the fake issued at its consent page and expects back once. */
export interface IssuedCode {
  clientId: string;
  redirectUri: string;
  challenge: string | null;
  scope: string;
  subject: string;
}

/** The consent page: no person to ask, so it approves at once and redirects with a code. */
export function approveConsent(
  request: RecordedRequest,
  codes: Map<string, IssuedCode>,
  expected: { clientId: string; subject: string; requirePkce: boolean },
): PlatformAnswer {
  const q = request.query;
  const redirectUri = q.get('redirect_uri');
  const state = q.get('state');
  if (q.get('response_type') !== 'code' || !redirectUri || !state) {
    return { status: 400, body: { error: 'invalid_request' } };
  }
  if (q.get('client_id') !== expected.clientId)
    return { status: 400, body: { error: 'unauthorized_client' } };
  const challenge = q.get('code_challenge');
  if (challenge && q.get('code_challenge_method') !== 'S256')
    return { status: 400, body: { error: 'invalid_request' } };
  if (expected.requirePkce && !challenge) return { status: 400, body: { error: 'invalid_request' } };
  const code = fakeToken('code');
  codes.set(code, {
    clientId: expected.clientId,
    redirectUri,
    challenge,
    scope: q.get('scope') ?? '',
    subject: expected.subject,
  });
  const location = new URL(redirectUri);
  location.searchParams.set('code', code);
  location.searchParams.set('state', state);
  return { status: 302, headers: { location: location.toString() } };
}

/** Checks a code at the token endpoint: single use, same redirect URI, and the PKCE verifier if a challenge was seen. */
export function redeemCode(codes: Map<string, IssuedCode>, form: Record<string, string>): IssuedCode | null {
  const issued = form.code ? codes.get(form.code) : undefined;
  if (!issued || !form.code) return null;
  codes.delete(form.code);
  if (issued.redirectUri !== form.redirect_uri) return null;
  if (issued.challenge && (!form.code_verifier || s256(form.code_verifier) !== issued.challenge)) return null;
  return issued;
}
