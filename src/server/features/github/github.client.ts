// The few GitHub REST calls Herald makes, all to GITHUB_API_URL through the outbound request helper
// (SSRF guard, time limit, size limit, no redirects). A failure becomes a GithubError whose kind says
// what the caller can do: `rejected` (GitHub said no: a bad token, a missing repository), `rate_limited`
// (wait until `retryAt`) or `unavailable` (network, 5xx: try again later).
import type { AppDeps } from '../../app-context.ts';
import type { Config } from '../../config.ts';
import { type OutboundResponse, outboundRequest, retryAfterMsOf } from '../../platform/outbound-request.ts';

export type GithubDeps = Pick<AppDeps, 'config' | 'clock'>;
export type GithubErrorKind = 'rejected' | 'rate_limited' | 'unavailable';

export class GithubError extends Error {
  constructor(
    message: string,
    readonly kind: GithubErrorKind,
    readonly status: number | null,
    readonly retryAt: Date | null = null,
  ) {
    super(message);
    this.name = 'GithubError';
  }
}

export function isGithubError(error: unknown): error is GithubError {
  return error instanceof GithubError;
}

interface GithubCall {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** A path under GITHUB_API_URL, or a full URL GitHub gave (a Link header), checked to be under it. */
  path: string;
  /** `Bearer <token>`: a personal access token, an installation token or the App's JWT. */
  bearer: string;
  body?: object;
}

export function githubBase(config: Config): string {
  return config.GITHUB_API_URL.replace(/\/+$/, '');
}

export function repositoryPath(fullName: string): string {
  const [owner = '', name = ''] = fullName.split('/');
  return `/repos/${encodeURIComponent(owner)}/${encodeURIComponent(name)}`;
}

/** The URL for `path`; a URL elsewhere is refused so a token is never sent outside GITHUB_API_URL. */
function urlOf(config: Config, path: string): string {
  const base = githubBase(config);
  if (!/^https?:/i.test(path)) return `${base}${path}`;
  if (!path.startsWith(`${base}/`)) {
    throw new GithubError(
      'GitHub pointed outside GITHUB_API_URL; the link was not followed',
      'unavailable',
      null,
    );
  }
  return path;
}

function messageOf(response: OutboundResponse): string {
  const message = (response.json as { message?: unknown } | null)?.message;
  return typeof message === 'string' && message.trim()
    ? message.trim().slice(0, 300)
    : `GitHub answered ${response.status}`;
}

/**
 * GitHub's primary limit answers 403 (or 429) with `x-ratelimit-remaining: 0` and the reset time;
 * secondary limits send `retry-after`. A 429 with neither still means "wait": GitHub asks for a minute.
 */
function rateLimitOf(response: OutboundResponse, now: Date): Date | null {
  if (response.status !== 403 && response.status !== 429) return null;
  const retryAfter = retryAfterMsOf(response.headers, now);
  if (retryAfter !== null) return new Date(now.getTime() + retryAfter);
  if (response.headers.get('x-ratelimit-remaining') === '0') {
    const reset = Number(response.headers.get('x-ratelimit-reset'));
    return Number.isFinite(reset) && reset > 0 ? new Date(reset * 1000) : new Date(now.getTime() + 60_000);
  }
  return response.status === 429 ? new Date(now.getTime() + 60_000) : null;
}

export async function githubRequest(deps: GithubDeps, call: GithubCall): Promise<OutboundResponse> {
  const url = urlOf(deps.config, call.path);
  let response: OutboundResponse;
  try {
    response = await outboundRequest(deps.config, url, {
      method: call.method,
      headers: {
        accept: 'application/vnd.github+json',
        'x-github-api-version': '2022-11-28',
        'user-agent': 'Herald',
        authorization: `Bearer ${call.bearer}`,
        ...(call.body ? { 'content-type': 'application/json' } : {}),
      },
      body: call.body ? JSON.stringify(call.body) : undefined,
    });
  } catch (error) {
    throw new GithubError(`GitHub could not be reached: ${(error as Error).message}`, 'unavailable', null);
  }
  if (response.status >= 200 && response.status < 300) return response;
  const retryAt = rateLimitOf(response, deps.clock.now());
  if (retryAt) {
    throw new GithubError(
      `GitHub's rate limit: ${messageOf(response)}`,
      'rate_limited',
      response.status,
      retryAt,
    );
  }
  const kind = response.status >= 500 ? 'unavailable' : 'rejected';
  throw new GithubError(messageOf(response), kind, response.status);
}

export interface GithubRepository {
  id: string;
  fullName: string;
}

/** Checks the credentials can read the repository; GitHub's own spelling of its name comes back. */
export async function getRepository(
  deps: GithubDeps,
  bearer: string,
  fullName: string,
): Promise<GithubRepository> {
  const response = await githubRequest(deps, { method: 'GET', path: repositoryPath(fullName), bearer });
  const body = response.json as { id?: unknown; full_name?: unknown } | null;
  if (typeof body?.full_name !== 'string' || body.id === undefined || body.id === null) {
    throw new GithubError('GitHub answered without a repository', 'unavailable', response.status);
  }
  return { id: String(body.id), fullName: body.full_name };
}

/** The first page of closed pull requests, most recently updated first. */
export function closedPullsUrl(fullName: string): string {
  return `${repositoryPath(fullName)}/pulls?state=closed&sort=updated&direction=desc&per_page=100`;
}

/** `<url>; rel="next"` out of a Link header, or null on the last page. */
export function nextLinkOf(link: string | null): string | null {
  if (!link) return null;
  for (const part of link.split(',')) {
    const match = /<([^>]+)>\s*;(?:[^,]*?)\brel="?([^";]+)"?/.exec(part.trim());
    if (match?.[2]?.split(/\s+/).includes('next')) return match[1] ?? null;
  }
  return null;
}

export async function listPullsPage(
  deps: GithubDeps,
  bearer: string,
  url: string,
): Promise<{ pulls: unknown[]; next: string | null }> {
  const response = await githubRequest(deps, { method: 'GET', path: url, bearer });
  if (!Array.isArray(response.json)) {
    throw new GithubError('GitHub answered the pull request list with something else', 'unavailable', 200);
  }
  return { pulls: response.json, next: nextLinkOf(response.headers.get('link')) };
}

/** Exchanges the App's JWT for an installation token (an hour long). */
export async function createInstallationToken(
  deps: GithubDeps,
  appJwt: string,
  installationId: string,
): Promise<{ token: string; expiresAt: Date }> {
  const response = await githubRequest(deps, {
    method: 'POST',
    path: `/app/installations/${encodeURIComponent(installationId)}/access_tokens`,
    bearer: appJwt,
  });
  const body = response.json as { token?: unknown; expires_at?: unknown } | null;
  const expiresAt = new Date(typeof body?.expires_at === 'string' ? body.expires_at : Number.NaN);
  if (typeof body?.token !== 'string' || Number.isNaN(expiresAt.getTime())) {
    throw new GithubError('GitHub answered without an installation token', 'unavailable', response.status);
  }
  return { token: body.token, expiresAt };
}
