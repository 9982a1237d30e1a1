import type { RecordedRequest } from './http-fake.ts';
import {
  approveConsent,
  bearerOf,
  type FailurePlan,
  fakeToken,
  formOf,
  type IssuedCode,
  type PlatformAnswer,
  type PlatformFake,
  redeemCode,
  startPlatformFake,
} from './platform-fake.ts';

// A local stand-in for LinkedIn: the OAuth 2 consent page and token endpoint (/oauth/v2/…, PKCE
// checked when a challenge was sent), /v2/userinfo, organizationAcls, organizations, and the versioned
// Posts API (POST /rest/posts answers 201 with the post URN in x-restli-id; GET finds by author).
// Point LINKEDIN_API_BASE_URL at `url` and LINKEDIN_AUTH_BASE_URL at `${url}/oauth/v2`.

export interface FakeLinkedInPost {
  id: string;
  author: string;
  commentary: string;
  createdAt: number;
}

export type PostFailure = PlatformAnswer & { land?: boolean };

export interface FakeLinkedIn extends PlatformFake {
  clientId: string;
  clientSecret: string;
  member: { sub: string; name: string };
  organizations: Array<{ id: string; localizedName: string; vanityName: string }>;
  posts: FakeLinkedInPost[];
  postCalls(): number;
  failPostCall(n: number, failure: PostFailure): void;
  expireAccessTokens(): void;
  revokeRefreshTokens(): void;
  /** Like an app without r_member_social: listing posts answers 403. */
  setCanReadPosts(can: boolean): void;
  mintAccessToken(): string;
  addPost(author: string, commentary: string, createdAt?: Date): FakeLinkedInPost;
}

export interface FakeLinkedInOptions {
  /** LinkedIn gives refresh tokens only to apps it approved for them. */
  issueRefreshTokens?: boolean;
  requirePkce?: boolean;
  tokenTtlSeconds?: number;
}

const unauthorized: PlatformAnswer = {
  status: 401,
  body: {
    status: 401,
    serviceErrorCode: 65600,
    code: 'INVALID_ACCESS_TOKEN',
    message: 'Invalid access token',
  },
};

export async function startFakeLinkedIn(options: FakeLinkedInOptions = {}): Promise<FakeLinkedIn> {
  const clientId = 'li-test-client';
  const clientSecret = 'li-test-secret';
  const member = { sub: 'aBcD3fGh1J', name: 'Lina Member' };
  const organizations = [
    { id: '1001', localizedName: 'Herald Bakery', vanityName: 'herald-bakery' },
    { id: '1002', localizedName: 'Herald Studio', vanityName: 'herald-studio' },
  ];
  const codes = new Map<string, IssuedCode>();
  const accessTokens = new Set<string>();
  const refreshTokens = new Set<string>();
  const posts: FakeLinkedInPost[] = [];
  const failures: FailurePlan = new Map();
  let calls = 0;
  let nextId = 7_100_000_000_000_000_000n;
  let canReadPosts = true;

  const store = (author: string, commentary: string, createdAt = new Date()) => {
    nextId += 1n;
    const post = { id: `urn:li:share:${nextId}`, author, commentary, createdAt: createdAt.getTime() };
    posts.push(post);
    return post;
  };

  const issueTokens = (refresh?: string): PlatformAnswer => {
    const access = fakeToken('liat');
    accessTokens.add(access);
    const body: Record<string, unknown> = {
      access_token: access,
      expires_in: options.tokenTtlSeconds ?? 5_184_000,
      scope: 'openid,profile,w_member_social',
    };
    if (options.issueRefreshTokens) {
      // LinkedIn keeps the same refresh token until it expires (no rotation).
      const token = refresh ?? fakeToken('lirt');
      refreshTokens.add(token);
      Object.assign(body, { refresh_token: token, refresh_token_expires_in: 31_536_000 });
    }
    return { status: 200, body };
  };

  const token = (request: RecordedRequest): PlatformAnswer => {
    const form = formOf(request);
    if (form.client_id !== clientId || form.client_secret !== clientSecret) {
      return {
        status: 401,
        body: { error: 'invalid_client', error_description: 'Client authentication failed' },
      };
    }
    if (form.grant_type === 'authorization_code') {
      return redeemCode(codes, form)
        ? issueTokens()
        : {
            status: 400,
            body: {
              error: 'invalid_request',
              error_description:
                'Unable to retrieve access token: appid/redirect uri/code verifier does not match authorization code.',
            },
          };
    }
    if (form.grant_type === 'refresh_token' && form.refresh_token && refreshTokens.has(form.refresh_token)) {
      return issueTokens(form.refresh_token);
    }
    return {
      status: 400,
      body: {
        error: 'invalid_grant',
        error_description: 'The provided refresh token is invalid, expired or revoked',
      },
    };
  };

  const isAdmin = (author: string) =>
    author === `urn:li:person:${member.sub}` ||
    organizations.some((o) => author === `urn:li:organization:${o.id}`);

  const createPost = (request: RecordedRequest): PlatformAnswer => {
    calls += 1;
    const body = JSON.parse(request.raw || '{}') as Record<string, unknown>;
    const failure = failures.get(calls);
    if (failure) {
      if (failure.land) store(String(body.author), String(body.commentary));
      return failure;
    }
    if (!accessTokens.has(bearerOf(request) ?? '')) return unauthorized;
    if (
      !/^\d{6}$/.test(String(request.headers['linkedin-version'])) ||
      request.headers['x-restli-protocol-version'] !== '2.0.0'
    ) {
      return {
        status: 400,
        body: { status: 400, message: 'A LinkedIn-Version header and protocol 2.0.0 are required' },
      };
    }
    const { author, commentary, visibility, distribution, lifecycleState } = body;
    if (
      typeof author !== 'string' ||
      typeof commentary !== 'string' ||
      visibility !== 'PUBLIC' ||
      !distribution ||
      lifecycleState !== 'PUBLISHED'
    ) {
      return { status: 422, body: { status: 422, message: 'ERROR :: /commentary :: field is required' } };
    }
    if (!isAdmin(author))
      return { status: 403, body: { status: 403, message: `Not enough permissions to post as ${author}` } };
    const duplicate = posts.find((p) => p.author === author && p.commentary === commentary);
    if (duplicate)
      return { status: 422, body: { status: 422, message: `Content is a duplicate of ${duplicate.id}` } };
    const post = store(author, commentary);
    return { status: 201, headers: { 'x-restli-id': post.id, 'x-linkedin-id': post.id } };
  };

  const findPosts = (request: RecordedRequest): PlatformAnswer => {
    if (!accessTokens.has(bearerOf(request) ?? '')) return unauthorized;
    if (!canReadPosts)
      return {
        status: 403,
        body: { status: 403, message: 'Not enough permissions to access: posts.FINDER-author' },
      };
    const author = request.query.get('author');
    const count = Math.min(Number(request.query.get('count') ?? 10), 100);
    const elements = posts
      .filter((p) => p.author === author)
      .sort((a, b) => b.createdAt - a.createdAt)
      .slice(0, count)
      .map((p) => ({
        id: p.id,
        author: p.author,
        commentary: p.commentary,
        createdAt: p.createdAt,
        publishedAt: p.createdAt,
        lifecycleState: 'PUBLISHED',
        visibility: 'PUBLIC',
      }));
    return { status: 200, body: { elements, paging: { start: 0, count, links: [] } } };
  };

  const withToken = (request: RecordedRequest, answer: () => PlatformAnswer) =>
    accessTokens.has(bearerOf(request) ?? '') ? answer() : unauthorized;

  const fake = await startPlatformFake((request) => {
    const { method, path } = request;
    if (method === 'GET' && path === '/oauth/v2/authorization') {
      return approveConsent(request, codes, {
        clientId,
        subject: member.sub,
        requirePkce: options.requirePkce ?? false,
      });
    }
    if (method === 'POST' && path === '/oauth/v2/accessToken') return token(request);
    if (method === 'GET' && path === '/v2/userinfo') {
      return withToken(request, () => ({
        status: 200,
        body: { sub: member.sub, name: member.name, given_name: 'Lina', family_name: 'Member' },
      }));
    }
    if (method === 'GET' && path === '/rest/organizationAcls') {
      return withToken(request, () => ({
        status: 200,
        body: {
          elements: organizations.map((o) => ({
            organization: `urn:li:organization:${o.id}`,
            role: 'ADMINISTRATOR',
            state: 'APPROVED',
            roleAssignee: `urn:li:person:${member.sub}`,
          })),
        },
      }));
    }
    const org = /^\/rest\/organizations\/(\d+)$/.exec(path);
    if (method === 'GET' && org) {
      const found = organizations.find((o) => o.id === org[1]);
      return withToken(request, () =>
        found
          ? { status: 200, body: { ...found, id: Number(found.id) } }
          : { status: 404, body: { status: 404 } },
      );
    }
    if (method === 'POST' && path === '/rest/posts') return createPost(request);
    if (method === 'GET' && path === '/rest/posts') return findPosts(request);
    return { status: 404, body: { status: 404, message: `No route ${method} ${path}` } };
  });

  return {
    ...fake,
    clientId,
    clientSecret,
    member,
    organizations,
    posts,
    postCalls: () => calls,
    failPostCall: (n, failure) => {
      failures.set(n, failure);
    },
    expireAccessTokens: () => accessTokens.clear(),
    revokeRefreshTokens: () => refreshTokens.clear(),
    setCanReadPosts: (can) => {
      canReadPosts = can;
    },
    mintAccessToken: () => {
      const access = fakeToken('liat');
      accessTokens.add(access);
      return access;
    },
    addPost: store,
  };
}
