import { createHmac, generateKeyPairSync, verify } from 'node:crypto';
import type { RecordedRequest } from './http-fake.ts';
import {
  bearerOf,
  fakeToken,
  type PlatformAnswer,
  type PlatformFake,
  startPlatformFake,
} from './platform-fake.ts';

// A local stand-in for GitHub's REST API: GET /repos/{o}/{r} (token or installation token),
// GET /repos/{o}/{r}/pulls (state, sort=updated, direction, per_page, page; Link headers like GitHub's),
// POST /app/installations/{id}/access_tokens (the App's RS256 JWT checked against its public key).
// Rate limits are answered the way GitHub does: 403 with `x-ratelimit-remaining: 0` and the reset
// time, or a secondary limit's 429 with `retry-after`. Point GITHUB_API_URL at `url`.
// Issues (the roadmap): GET /repos/{o}/{r}/issues (state, per_page, page, Link headers; pull requests
// included with a `pull_request` key, as GitHub does), POST …/issues/{n}/labels, DELETE
// …/issues/{n}/labels/{name} (404 when the issue does not carry it) and PATCH …/issues/{n} (state);
// every write is recorded in `issueWrites`.

export interface FakePullRequest {
  number: number;
  title: string;
  body: string | null;
  labels: string[];
  login: string;
  state: 'open' | 'closed';
  mergedAt: Date | null;
  updatedAt: Date;
}

export interface FakeIssue {
  number: number;
  title: string;
  body: string | null;
  labels: string[];
  state: 'open' | 'closed';
}

export type IssueWrite =
  | { kind: 'add-labels'; repo: string; number: number; labels: string[] }
  | { kind: 'remove-label'; repo: string; number: number; label: string }
  | { kind: 'state'; repo: string; number: number; state: string };

export interface FakeRepository {
  id: number;
  fullName: string;
  tokens: Set<string>;
  installations: Set<string>;
  pulls: FakePullRequest[];
  issues: FakeIssue[];
}

export type RateLimitMode = 'reset' | 'retry-after';

export interface FakeGithub extends PlatformFake {
  appId: string;
  /** PEM, for GITHUB_APP_PRIVATE_KEY. */
  appPrivateKey: string;
  addRepository(fullName: string, access?: { token?: string; installationId?: string }): FakeRepository;
  addPullRequest(fullName: string, pr: Partial<FakePullRequest> & { number: number }): FakePullRequest;
  addIssue(fullName: string, issue: Partial<FakeIssue> & { number: number }): FakeIssue;
  issue(fullName: string, number: number): FakeIssue | undefined;
  /** Label and state changes made through the API, in order. */
  issueWrites: IssueWrite[];
  /** The `n`th GET …/pulls call (1-based, counted from the start) answers a rate limit for `seconds`. */
  rateLimitPullsCall(n: number, mode: RateLimitMode, seconds?: number): void;
  /** Pages are at most this long whatever per_page asks (so a few PRs make several pages). */
  setMaxPageSize(size: number): void;
  pullsCalls(): number;
  installationTokensIssued(): number;
  /** Every installation token issued so far answers 401 from now on. */
  revokeInstallationTokens(): void;
}

const notFound = {
  status: 404,
  body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' },
};
const badCredentials = {
  status: 401,
  body: { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest' },
};

function pullJson(base: string, repo: FakeRepository, pr: FakePullRequest) {
  const [owner] = repo.fullName.split('/');
  return {
    url: `${base}/repos/${repo.fullName}/pulls/${pr.number}`,
    id: repo.id * 10_000 + pr.number,
    html_url: `https://github.com/${repo.fullName}/pull/${pr.number}`,
    number: pr.number,
    state: pr.state,
    locked: false,
    title: pr.title,
    user: { login: pr.login, id: 583231, html_url: `https://github.com/${pr.login}`, type: 'User' },
    body: pr.body,
    labels: pr.labels.map((name, i) => ({ id: 208045946 + i, name, color: 'f29513', default: false })),
    created_at: new Date(pr.updatedAt.getTime() - 86_400_000).toISOString(),
    updated_at: pr.updatedAt.toISOString(),
    closed_at: pr.state === 'closed' ? pr.updatedAt.toISOString() : null,
    merged_at: pr.mergedAt?.toISOString() ?? null,
    merge_commit_sha: pr.mergedAt ? 'e5bd3914e2e596debea16f433f57875b5b90bcd6' : null,
    head: { label: `${owner}:feature-${pr.number}`, ref: `feature-${pr.number}` },
    base: { label: `${owner}:main`, ref: 'main' },
    draft: false,
  };
}

function issueJson(repo: FakeRepository, issue: FakeIssue) {
  return {
    id: repo.id * 100_000 + issue.number,
    number: issue.number,
    html_url: `https://github.com/${repo.fullName}/issues/${issue.number}`,
    title: issue.title,
    body: issue.body,
    state: issue.state,
    user: { login: 'octocat', id: 583231, type: 'User' },
    labels: issue.labels.map((name, i) => ({ id: 308045946 + i, name, color: 'ededed', default: false })),
  };
}

/** A page of `items` the way GitHub pages lists: per_page (capped), page, and a Link header. */
function paged<T>(base: string, request: RecordedRequest, items: T[], maxPageSize: number) {
  const q = request.query;
  const perPage = Math.min(Number(q.get('per_page') ?? 30) || 30, 100, maxPageSize);
  const page = Math.max(Number(q.get('page') ?? 1) || 1, 1);
  const last = Math.max(1, Math.ceil(items.length / perPage));
  const linkTo = (p: number, rel: string) => {
    const params = new URLSearchParams(q);
    params.set('page', String(p));
    return `<${base}${request.path}?${params}>; rel="${rel}"`;
  };
  const links = [
    ...(page < last ? [linkTo(page + 1, 'next'), linkTo(last, 'last')] : []),
    ...(page > 1 ? [linkTo(1, 'first'), linkTo(page - 1, 'prev')] : []),
  ];
  const headers: Record<string, string> = links.length ? { link: links.join(', ') } : {};
  return {
    headers,
    items: items.slice((page - 1) * perPage, page * perPage),
  };
}

/** Checks an RS256 JWT the way GitHub does: signature by the App's key, `iss`, not expired, ≤ 10 min. */
function jwtIsValid(token: string, publicKey: string, appId: string): boolean {
  const [header, payload, signature] = token.split('.');
  if (!header || !payload || !signature) return false;
  const ok = verify(
    'sha256',
    Buffer.from(`${header}.${payload}`),
    publicKey,
    Buffer.from(signature, 'base64url'),
  );
  if (!ok) return false;
  const head = JSON.parse(Buffer.from(header, 'base64url').toString()) as { alg?: string };
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as {
    iss?: unknown;
    iat?: number;
    exp?: number;
  };
  const now = Math.floor(Date.now() / 1000);
  return (
    head.alg === 'RS256' &&
    String(claims.iss) === appId &&
    typeof claims.iat === 'number' &&
    typeof claims.exp === 'number' &&
    claims.iat <= now + 60 &&
    claims.exp > now &&
    claims.exp - claims.iat <= 600
  );
}

export async function startFakeGithub(options: { maxPageSize?: number } = {}): Promise<FakeGithub> {
  const appId = '424242';
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  const repos = new Map<string, FakeRepository>();
  const installationTokens = new Map<string, string>();
  const rateLimits = new Map<number, { mode: RateLimitMode; seconds: number }>();
  let maxPageSize = options.maxPageSize ?? 100;
  let pullsCalls = 0;
  let tokensIssued = 0;
  const issueWrites: IssueWrite[] = [];
  let nextRepoId = 1_296_269;
  let base = '';

  /** The repository `request` may read, or the answer refusing it. */
  const authorized = (
    request: RecordedRequest,
    repo: FakeRepository | undefined,
  ): FakeRepository | PlatformAnswer => {
    const token = bearerOf(request);
    if (!token) return { status: 401, body: { message: 'Requires authentication' } };
    const installation = installationTokens.get(token);
    const known = installation !== undefined || [...repos.values()].some((r) => r.tokens.has(token));
    if (!known) return badCredentials;
    const allowed = repo && (installation ? repo.installations.has(installation) : repo.tokens.has(token));
    return allowed ? repo : notFound;
  };

  const rateLimited = (limit: { mode: RateLimitMode; seconds: number }): PlatformAnswer => {
    if (limit.mode === 'retry-after') {
      return {
        status: 429,
        headers: { 'retry-after': String(limit.seconds) },
        body: {
          message:
            'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
        },
      };
    }
    return {
      status: 403,
      headers: {
        'x-ratelimit-limit': '5000',
        'x-ratelimit-remaining': '0',
        'x-ratelimit-used': '5000',
        'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + limit.seconds),
        'x-ratelimit-resource': 'core',
      },
      body: {
        message: 'API rate limit exceeded for user ID 1.',
        documentation_url: 'https://docs.github.com/rest',
      },
    };
  };

  const listPulls = (request: RecordedRequest, repo: FakeRepository): PlatformAnswer => {
    pullsCalls += 1;
    const limit = rateLimits.get(pullsCalls);
    if (limit) return rateLimited(limit);
    const q = request.query;
    const state = q.get('state') ?? 'open';
    const perPage = Math.min(Number(q.get('per_page') ?? 30) || 30, 100, maxPageSize);
    const page = Math.max(Number(q.get('page') ?? 1) || 1, 1);
    const direction = q.get('direction') === 'asc' ? 1 : -1;
    const matching = repo.pulls
      .filter((pr) => state === 'all' || pr.state === state)
      .sort((a, b) => direction * (a.updatedAt.getTime() - b.updatedAt.getTime()) || b.number - a.number);
    const items = matching.slice((page - 1) * perPage, page * perPage);
    const last = Math.max(1, Math.ceil(matching.length / perPage));
    const linkTo = (p: number, rel: string) => {
      const params = new URLSearchParams(q);
      params.set('page', String(p));
      return `<${base}${request.path}?${params}>; rel="${rel}"`;
    };
    const links = [
      ...(page < last ? [linkTo(page + 1, 'next'), linkTo(last, 'last')] : []),
      ...(page > 1 ? [linkTo(1, 'first'), linkTo(page - 1, 'prev')] : []),
    ];
    return {
      status: 200,
      headers: links.length ? { link: links.join(', ') } : {},
      body: items.map((pr) => pullJson(base, repo, pr)),
    };
  };

  const installationToken = (request: RecordedRequest, installationId: string): PlatformAnswer => {
    const jwt = bearerOf(request) ?? '';
    if (!jwtIsValid(jwt, publicKey, appId)) {
      return { status: 401, body: { message: 'A JSON web token could not be decoded' } };
    }
    if (![...repos.values()].some((repo) => repo.installations.has(installationId))) return notFound;
    const token = fakeToken('ghs');
    installationTokens.set(token, installationId);
    tokensIssued += 1;
    return {
      status: 201,
      body: {
        token,
        expires_at: new Date(Date.now() + 3600_000).toISOString(),
        permissions: { pull_requests: 'read' },
      },
    };
  };

  const listIssues = (request: RecordedRequest, repo: FakeRepository): PlatformAnswer => {
    const state = request.query.get('state') ?? 'open';
    const all = [
      ...repo.issues.map((issue) => ({
        number: issue.number,
        json: issueJson(repo, issue),
        state: issue.state,
      })),
      ...repo.pulls.map((pr) => ({
        number: pr.number,
        state: pr.state,
        json: {
          ...pullJson(base, repo, pr),
          pull_request: { url: `${base}/repos/${repo.fullName}/pulls/${pr.number}` },
        },
      })),
    ]
      .filter((entry) => state === 'all' || entry.state === state)
      .sort((a, b) => a.number - b.number);
    const page = paged(base, request, all, maxPageSize);
    return { status: 200, headers: page.headers, body: page.items.map((entry) => entry.json) };
  };

  const writeIssue = (request: RecordedRequest, repo: FakeRepository, rest: string): PlatformAnswer => {
    const match = /^\/issues\/(\d+)(\/labels(?:\/(.+))?)?$/.exec(rest);
    const issue = match ? repo.issues.find((i) => i.number === Number(match[1])) : undefined;
    if (!match || !issue) return notFound;
    const body = request.raw ? (JSON.parse(request.raw) as { labels?: string[]; state?: string }) : {};
    if (request.method === 'POST' && match[2] && !match[3]) {
      const labels = body.labels ?? [];
      for (const label of labels) if (!issue.labels.includes(label)) issue.labels.push(label);
      issueWrites.push({ kind: 'add-labels', repo: repo.fullName, number: issue.number, labels });
      return { status: 200, body: issueJson(repo, issue).labels };
    }
    if (request.method === 'DELETE' && match[3]) {
      const label = decodeURIComponent(match[3]);
      if (!issue.labels.includes(label)) return { status: 404, body: { message: 'Label does not exist' } };
      issue.labels = issue.labels.filter((l) => l !== label);
      issueWrites.push({ kind: 'remove-label', repo: repo.fullName, number: issue.number, label });
      return { status: 200, body: issueJson(repo, issue).labels };
    }
    if (request.method === 'PATCH' && !match[2]) {
      if (body.state === 'open' || body.state === 'closed') issue.state = body.state;
      issueWrites.push({
        kind: 'state',
        repo: repo.fullName,
        number: issue.number,
        state: String(body.state),
      });
      return { status: 200, body: issueJson(repo, issue) };
    }
    return notFound;
  };

  const fake = await startPlatformFake((request) => {
    const install = /^\/app\/installations\/([^/]+)\/access_tokens$/.exec(request.path);
    if (request.method === 'POST' && install?.[1]) return installationToken(request, install[1]);
    const issuePath = /^\/repos\/([^/]+)\/([^/]+)(\/issues.*)$/.exec(request.path);
    if (issuePath?.[3]) {
      const fullName = `${decodeURIComponent(issuePath[1] ?? '')}/${decodeURIComponent(issuePath[2] ?? '')}`;
      const access = authorized(request, repos.get(fullName.toLowerCase()));
      if (!('tokens' in access)) return access;
      if (request.method === 'GET' && issuePath[3] === '/issues') return listIssues(request, access);
      return writeIssue(request, access, issuePath[3]);
    }
    const match = /^\/repos\/([^/]+)\/([^/]+)(\/pulls)?$/.exec(request.path);
    if (request.method !== 'GET' || !match) return notFound;
    const fullName = `${decodeURIComponent(match[1] ?? '')}/${decodeURIComponent(match[2] ?? '')}`;
    const access = authorized(request, repos.get(fullName.toLowerCase()));
    if (!('tokens' in access)) return access;
    if (match[3]) return listPulls(request, access);
    return { status: 200, body: { id: access.id, full_name: access.fullName, private: true } };
  });
  base = fake.url;

  return {
    ...fake,
    appId,
    appPrivateKey: privateKey,
    addRepository: (fullName, access = {}) => {
      const repo: FakeRepository = {
        id: nextRepoId++,
        fullName,
        tokens: new Set(access.token ? [access.token] : []),
        installations: new Set(access.installationId ? [access.installationId] : []),
        pulls: [],
        issues: [],
      };
      repos.set(fullName.toLowerCase(), repo);
      return repo;
    },
    addPullRequest: (fullName, pr) => {
      const repo = repos.get(fullName.toLowerCase());
      if (!repo) throw new Error(`no fake repository ${fullName}`);
      const full: FakePullRequest = {
        title: `Pull request ${pr.number}`,
        body: null,
        labels: [],
        login: 'octocat',
        state: 'closed',
        mergedAt: null,
        updatedAt: new Date(),
        ...pr,
      };
      repo.pulls.push(full);
      return full;
    },
    addIssue: (fullName, issue) => {
      const repo = repos.get(fullName.toLowerCase());
      if (!repo) throw new Error(`no fake repository ${fullName}`);
      const full: FakeIssue = {
        title: `Issue ${issue.number}`,
        body: null,
        labels: [],
        state: 'open',
        ...issue,
      };
      repo.issues.push(full);
      return full;
    },
    issue: (fullName, number) => repos.get(fullName.toLowerCase())?.issues.find((i) => i.number === number),
    issueWrites,
    rateLimitPullsCall: (n, mode, seconds = 1) => {
      rateLimits.set(n, { mode, seconds });
    },
    setMaxPageSize: (size) => {
      maxPageSize = size;
    },
    pullsCalls: () => pullsCalls,
    installationTokensIssued: () => tokensIssued,
    revokeInstallationTokens: () => installationTokens.clear(),
  };
}

/** The X-Hub-Signature-256 header GitHub sends: HMAC-SHA256 of the exact body bytes, hex. */
export function signGithubDelivery(secret: string, rawBody: string | Buffer): string {
  return `sha256=${createHmac('sha256', secret).update(rawBody).digest('hex')}`;
}

export interface PullRequestPayloadInput {
  action?: string;
  number: number;
  title: string;
  body?: string | null;
  labels?: string[];
  merged?: boolean;
  mergedAt?: Date;
  /** The PR's `updated_at`; by default when it was merged. */
  updatedAt?: Date;
  login?: string;
  repository: { id: number | string; fullName: string };
}

/** A `pull_request` webhook payload shaped like GitHub's (trimmed of fields Herald never reads). */
export function mergedPullRequestPayload(input: PullRequestPayloadInput) {
  const merged = input.merged ?? true;
  const mergedAt = input.mergedAt ?? new Date();
  const [owner = 'octo-org'] = input.repository.fullName.split('/');
  const pr: FakePullRequest = {
    number: input.number,
    title: input.title,
    body: input.body ?? null,
    labels: input.labels ?? [],
    login: input.login ?? 'octocat',
    state: 'closed',
    mergedAt: merged ? mergedAt : null,
    updatedAt: input.updatedAt ?? mergedAt,
  };
  const repo = { id: Number(input.repository.id), fullName: input.repository.fullName } as FakeRepository;
  return {
    action: input.action ?? 'closed',
    number: input.number,
    pull_request: {
      ...pullJson('https://api.github.com', repo, pr),
      merged,
      merged_by: merged ? { login: owner } : null,
    },
    repository: {
      id: Number(input.repository.id),
      name: input.repository.fullName.split('/')[1],
      full_name: input.repository.fullName,
      private: true,
      owner: { login: owner, type: 'Organization' },
      html_url: `https://github.com/${input.repository.fullName}`,
    },
    sender: { login: input.login ?? 'octocat', type: 'User' },
  };
}

export interface IssuesPayloadInput {
  action: string;
  issue: FakeIssue;
  /** The label a labeled/unlabeled event is about. */
  label?: string;
  repository: { id: number | string; fullName: string };
}

/** An `issues` webhook payload shaped like GitHub's (trimmed of fields Herald never reads). */
export function issuesPayload(input: IssuesPayloadInput) {
  const [owner = 'octo-org'] = input.repository.fullName.split('/');
  const repo = { id: Number(input.repository.id), fullName: input.repository.fullName } as FakeRepository;
  return {
    action: input.action,
    issue: issueJson(repo, input.issue),
    ...(input.label ? { label: { id: 1, name: input.label, color: 'ededed' } } : {}),
    repository: {
      id: Number(input.repository.id),
      name: input.repository.fullName.split('/')[1],
      full_name: input.repository.fullName,
      private: true,
      owner: { login: owner, type: 'Organization' },
    },
    sender: { login: 'octocat', type: 'User' },
  };
}
