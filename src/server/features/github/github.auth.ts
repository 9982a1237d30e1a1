// The credentials a repository's GitHub calls use: its personal access token (stored encrypted), or,
// for a GitHub App installation, an installation token minted with the App's RS256 JWT. Installation
// tokens last an hour; they are kept in memory until five minutes before that and never stored.
import { createPrivateKey, sign } from 'node:crypto';
import type { AppDeps } from '../../app-context.ts';
import type { Config } from '../../config.ts';
import { decryptSecret } from '../../platform/crypto.ts';
import { AppError } from '../../platform/errors.ts';
import { createInstallationToken, type GithubDeps, githubBase, isGithubError } from './github.client.ts';
import type { githubRepositories } from './github.table.ts';

type RepositoryRow = typeof githubRepositories.$inferSelect;
type KeyDeps = Pick<AppDeps, 'decryptionKeys'>;

const tokenReuseMarginMs = 5 * 60_000;

export function isAppConfigured(config: Config): boolean {
  return Boolean(config.GITHUB_APP_ID && config.GITHUB_APP_PRIVATE_KEY);
}

export function assertAppConfigured(config: Config): void {
  if (!isAppConfigured(config)) {
    throw new AppError(
      'not_configured',
      'GitHub App connections need GITHUB_APP_ID and GITHUB_APP_PRIVATE_KEY on this server',
    );
  }
}

const base64url = (value: string | Buffer) => Buffer.from(value).toString('base64url');

/**
 * The App's JWT: issued a minute in the past (GitHub's advice against clock drift), valid nine
 * minutes (GitHub allows ten), signed RS256 with the App's private key.
 */
export function signAppJwt(config: Config, now: Date): string {
  if (!config.GITHUB_APP_ID || !config.GITHUB_APP_PRIVATE_KEY) throw new Error('GitHub App not configured');
  const seconds = Math.floor(now.getTime() / 1000);
  const header = base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT' }));
  const payload = base64url(
    JSON.stringify({ iat: seconds - 60, exp: seconds + 9 * 60, iss: config.GITHUB_APP_ID }),
  );
  const signature = sign(
    'sha256',
    Buffer.from(`${header}.${payload}`),
    createPrivateKey(config.GITHUB_APP_PRIVATE_KEY),
  );
  return `${header}.${payload}.${base64url(signature)}`;
}

interface CachedToken {
  token: string;
  expiresAt: number;
}

// Keyed by API URL, App and installation: several Herald apps in one process (tests) stay apart.
const installationTokens = new Map<string, CachedToken>();
const minting = new Map<string, Promise<string>>();

/** An installation token, from the cache while it has more than five minutes left. */
export function installationToken(deps: GithubDeps, installationId: string): Promise<string> {
  assertAppConfigured(deps.config);
  const key = `${githubBase(deps.config)}|${deps.config.GITHUB_APP_ID}|${installationId}`;
  const cached = installationTokens.get(key);
  if (cached && cached.expiresAt - tokenReuseMarginMs > deps.clock.now().getTime()) {
    return Promise.resolve(cached.token);
  }
  // Callers at the same moment share one mint.
  const running = minting.get(key);
  if (running) return running;
  const minted = createInstallationToken(deps, signAppJwt(deps.config, deps.clock.now()), installationId)
    .then(({ token, expiresAt }) => {
      installationTokens.set(key, { token, expiresAt: expiresAt.getTime() });
      return token;
    })
    .finally(() => minting.delete(key));
  minting.set(key, minted);
  return minted;
}

/** Forgets a cached installation token (GitHub refused it: the installation was suspended, say). */
export function forgetInstallationToken(config: Config, installationId: string): void {
  installationTokens.delete(`${githubBase(config)}|${config.GITHUB_APP_ID}|${installationId}`);
}

export type RepositoryAuth = { type: 'token'; token: string } | { type: 'app'; installationId: string };

/** The bearer token for GitHub calls made with `auth`. */
export function bearerFor(deps: GithubDeps, auth: RepositoryAuth): Promise<string> {
  return auth.type === 'token' ? Promise.resolve(auth.token) : installationToken(deps, auth.installationId);
}

/**
 * Runs `call` with the bearer for `auth`. A cached installation token GitHub no longer accepts
 * (401: the installation was suspended and restored, say) is dropped and a new one minted, once.
 */
export async function withGithubAuth<T>(
  deps: GithubDeps,
  auth: RepositoryAuth,
  call: (bearer: string) => Promise<T>,
): Promise<T> {
  try {
    return await call(await bearerFor(deps, auth));
  } catch (error) {
    if (auth.type !== 'app' || !isGithubError(error) || error.status !== 401) throw error;
    forgetInstallationToken(deps.config, auth.installationId);
    return call(await bearerFor(deps, auth));
  }
}

export function authOf(deps: KeyDeps, row: RepositoryRow): RepositoryAuth {
  if (row.authType === 'app') {
    if (!row.installationId) throw new Error('App repository without an installation id');
    return { type: 'app', installationId: row.installationId };
  }
  if (!row.tokenEncrypted) throw new Error('Token repository without a token');
  return { type: 'token', token: decryptSecret(deps.decryptionKeys, row.tokenEncrypted) };
}

/** `…abcd`: enough to tell tokens apart, never enough to use one. */
export function tokenHintOf(deps: KeyDeps, row: RepositoryRow): string | null {
  if (row.authType !== 'token' || !row.tokenEncrypted) return null;
  try {
    return `…${decryptSecret(deps.decryptionKeys, row.tokenEncrypted).slice(-4)}`;
  } catch {
    return '…????';
  }
}
