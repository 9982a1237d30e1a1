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

// A local stand-in for X: the OAuth 2 consent page and token endpoint (PKCE checked, refresh tokens
// rotated), /2/users/me, POST /2/tweets and GET /2/users/:id/tweets. Point X_API_BASE_URL at `url`
// and X_AUTHORIZE_URL at `${url}/i/oauth2/authorize`. Like X, it answers tweets with URLs shortened to
// t.co and &, <, > escaped, and refuses a duplicate tweet with 403.

export interface FakeTweet {
  id: string;
  text: string;
  authorId: string;
  createdAt: Date;
  inReplyTo: string | null;
}

/** A failure for one call; with `land`, the tweet is stored first (X acted, the answer was lost). */
export type TweetFailure = PlatformAnswer & { land?: boolean };

export interface FakeX extends PlatformFake {
  clientId: string;
  clientSecret: string;
  user: { id: string; name: string; username: string };
  tweets: FakeTweet[];
  /** POST /2/tweets calls so far, refused ones included. */
  tweetCalls(): number;
  /** Makes the `n`th POST /2/tweets call (1-based, counted from the start) answer `failure`. */
  failTweetCall(n: number, failure: TweetFailure): void;
  /** Every access token issued so far answers 401 from now on (expired). */
  expireAccessTokens(): void;
  /** Every refresh token issued so far is refused from now on (revoked). */
  revokeRefreshTokens(): void;
  /** An access token for the fake's user without the consent dance (publisher tests). */
  mintAccessToken(): string;
  /** A tweet already on the account (posted outside Herald, or by an earlier attempt). */
  addTweet(text: string, options?: { inReplyTo?: string; createdAt?: Date }): FakeTweet;
}

const unauthorized: PlatformAnswer = {
  status: 401,
  body: { title: 'Unauthorized', type: 'about:blank', status: 401, detail: 'Unauthorized' },
};

/** How X shows a tweet's text: links replaced by t.co, HTML-escaped. */
export function renderedByX(text: string): string {
  const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return escaped.replace(
    /https?:\/\/[^\s]+/g,
    (url) => `https://t.co/${Buffer.from(url).toString('base64url').slice(-10)}`,
  );
}

export async function startFakeX(
  options: { clientId?: string; clientSecret?: string; tokenTtlSeconds?: number } = {},
): Promise<FakeX> {
  const clientId = options.clientId ?? 'x-test-client';
  const clientSecret = options.clientSecret ?? 'x-test-secret';
  const user = { id: '1500000000000000001', name: 'Herald Test', username: 'heraldtest' };
  const codes = new Map<string, IssuedCode>();
  const accessTokens = new Set<string>();
  const refreshTokens = new Set<string>();
  const tweets: FakeTweet[] = [];
  const failures: FailurePlan = new Map();
  let calls = 0;
  let nextId = 1_790_000_000_000_000_000n;

  const store = (text: string, inReplyTo: string | null, createdAt = new Date()): FakeTweet => {
    nextId += 1n;
    const tweet = { id: nextId.toString(), text, authorId: user.id, createdAt, inReplyTo };
    tweets.push(tweet);
    return tweet;
  };

  const issueTokens = (): PlatformAnswer => {
    const access = fakeToken('xat');
    const refresh = fakeToken('xrt');
    accessTokens.add(access);
    refreshTokens.add(refresh);
    return {
      status: 200,
      body: {
        token_type: 'bearer',
        expires_in: options.tokenTtlSeconds ?? 7200,
        access_token: access,
        scope: 'tweet.write users.read tweet.read offline.access',
        refresh_token: refresh,
      },
    };
  };

  const token = (request: RecordedRequest): PlatformAnswer => {
    const basic = `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`;
    if (request.headers.authorization !== basic) {
      return {
        status: 401,
        body: { error: 'invalid_client', error_description: 'Missing valid authorization header' },
      };
    }
    const form = formOf(request);
    if (form.grant_type === 'authorization_code') {
      return redeemCode(codes, form)
        ? issueTokens()
        : {
            status: 400,
            body: {
              error: 'invalid_request',
              error_description: 'Value passed for the authorization code was invalid.',
            },
          };
    }
    if (
      form.grant_type === 'refresh_token' &&
      form.refresh_token &&
      refreshTokens.delete(form.refresh_token)
    ) {
      return issueTokens();
    }
    return {
      status: 400,
      body: { error: 'invalid_request', error_description: 'Value passed for the token was invalid.' },
    };
  };

  const postTweet = (request: RecordedRequest): PlatformAnswer => {
    calls += 1;
    const failure = failures.get(calls);
    const body = JSON.parse(request.raw || '{}') as {
      text?: string;
      reply?: { in_reply_to_tweet_id?: string };
    };
    if (failure) {
      if (failure.land && body.text) store(body.text, body.reply?.in_reply_to_tweet_id ?? null);
      return failure;
    }
    if (!accessTokens.has(bearerOf(request) ?? '')) return unauthorized;
    if (typeof body.text !== 'string' || body.text.length === 0) {
      return { status: 400, body: { title: 'Invalid Request', detail: 'text is required', status: 400 } };
    }
    const replyTo = body.reply?.in_reply_to_tweet_id ?? null;
    if (replyTo && !tweets.some((t) => t.id === replyTo)) {
      return {
        status: 400,
        body: { title: 'Invalid Request', detail: 'The reply target does not exist', status: 400 },
      };
    }
    if (tweets.some((t) => t.text === body.text)) {
      return {
        status: 403,
        body: {
          title: 'Forbidden',
          type: 'about:blank',
          status: 403,
          detail: 'You are not allowed to create a Tweet with duplicate content.',
        },
      };
    }
    const tweet = store(body.text, replyTo);
    return {
      status: 201,
      body: { data: { id: tweet.id, text: renderedByX(tweet.text), edit_history_tweet_ids: [tweet.id] } },
    };
  };

  const timeline = (request: RecordedRequest): PlatformAnswer => {
    if (!accessTokens.has(bearerOf(request) ?? '')) return unauthorized;
    const fields = (request.query.get('tweet.fields') ?? '').split(',');
    const start = request.query.get('start_time');
    const max = Math.min(Math.max(Number(request.query.get('max_results') ?? 10), 5), 100);
    const offset = Number(request.query.get('pagination_token') ?? 0);
    const matching = tweets
      .filter((t) => !start || t.createdAt.getTime() >= Date.parse(start))
      .sort((a, b) => (BigInt(b.id) > BigInt(a.id) ? 1 : -1));
    const page = matching.slice(offset, offset + max);
    if (page.length === 0) return { status: 200, body: { meta: { result_count: 0 } } };
    const data = page.map((t) => ({
      id: t.id,
      text: renderedByX(t.text),
      edit_history_tweet_ids: [t.id],
      ...(fields.includes('created_at') ? { created_at: t.createdAt.toISOString() } : {}),
      ...(fields.includes('referenced_tweets') && t.inReplyTo
        ? { referenced_tweets: [{ type: 'replied_to', id: t.inReplyTo }] }
        : {}),
    }));
    const more = offset + max < matching.length;
    return {
      status: 200,
      body: {
        data,
        meta: {
          result_count: data.length,
          newest_id: data[0]?.id,
          oldest_id: data.at(-1)?.id,
          ...(more ? { next_token: String(offset + max) } : {}),
        },
      },
    };
  };

  const fake = await startPlatformFake((request) => {
    if (request.method === 'GET' && request.path === '/i/oauth2/authorize') {
      return approveConsent(request, codes, { clientId, subject: user.id, requirePkce: true });
    }
    if (request.method === 'POST' && request.path === '/2/oauth2/token') return token(request);
    if (request.method === 'GET' && request.path === '/2/users/me') {
      return accessTokens.has(bearerOf(request) ?? '') ? { status: 200, body: { data: user } } : unauthorized;
    }
    if (request.method === 'POST' && request.path === '/2/tweets') return postTweet(request);
    if (request.method === 'GET' && request.path === `/2/users/${user.id}/tweets`) return timeline(request);
    return {
      status: 404,
      body: { title: 'Not Found Error', detail: `No route ${request.method} ${request.path}` },
    };
  });

  return {
    ...fake,
    clientId,
    clientSecret,
    user,
    tweets,
    tweetCalls: () => calls,
    failTweetCall: (n, failure) => {
      failures.set(n, failure);
    },
    expireAccessTokens: () => accessTokens.clear(),
    revokeRefreshTokens: () => refreshTokens.clear(),
    mintAccessToken: () => {
      const access = fakeToken('xat');
      accessTokens.add(access);
      return access;
    },
    addTweet: (text, extra = {}) => store(text, extra.inReplyTo ?? null, extra.createdAt),
  };
}
