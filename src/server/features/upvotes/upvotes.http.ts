// What the public vote routes share: who the voter is (see upvotes.service.ts), the no-JS form's
// voter cookie, CORS and the small form body limit.
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import type { AppEnv } from '../../app-context.ts';
import { limitBodySize } from '../../http/body-limit.ts';
import { openCors } from '../../http/cors.ts';
import { randomToken } from '../../platform/crypto.ts';
import { AppError } from '../../platform/errors.ts';
import { resolveActor } from '../auth/actor.middleware.ts';
import type { VoterInput } from './upvotes.service.ts';

export const voterCookieName = 'herald_voter';
const voterIdPattern = /^[A-Za-z0-9_-]{16,128}$/;

/** The JSON body's `voterId`: the random value a page or widget keeps in localStorage. */
export const voterIdDescription =
  'A random id (16–128 of A–Z a–z 0–9 _ -) the page or widget keeps, e.g. in localStorage; not needed when signed in.';

export function voterOf(c: Context<AppEnv>, voterId: string | null | undefined): VoterInput {
  const actor = c.get('actor');
  const request = c.get('request');
  return {
    userId: actor.type === 'user' ? actor.userId : null,
    voterId: voterId ?? null,
    ip: request.ipAddress,
    userAgent: request.userAgent,
  };
}

/** A JSON caller that is neither signed in nor sends a voter id cannot be told apart: 422. */
export function requireVoter(voter: VoterInput): void {
  if (voter.userId || voter.voterId) return;
  const message = 'Send a voterId (or sign in)';
  throw new AppError('validation_failed', message, [{ path: 'voterId', message }]);
}

/** The no-JS form's voter id: the first-party cookie, made (one year, HttpOnly, Lax) on the first vote. */
export function formVoterId(c: Context<AppEnv>): string {
  const existing = getCookie(c, voterCookieName);
  if (existing && voterIdPattern.test(existing)) return existing;
  const id = randomToken(24);
  setCookie(c, voterCookieName, id, {
    path: '/',
    httpOnly: true,
    sameSite: 'Lax',
    secure: c.get('deps').config.secureCookies,
    maxAge: 365 * 86_400,
  });
  return id;
}

/** Reads an application/x-www-form-urlencoded body (the public pages' vote forms). */
export async function formFields(c: Context<AppEnv>): Promise<Record<string, string>> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/x-www-form-urlencoded\b/i.test(type) && !/^multipart\/form-data\b/i.test(type)) {
    throw new AppError('unsupported_media_type', 'Send the form as application/x-www-form-urlencoded');
  }
  const body = await c.req.parseBody();
  const fields: Record<string, string> = {};
  for (const [key, value] of Object.entries(body)) if (typeof value === 'string') fields[key] = value;
  return fields;
}

/** Form posts are tiny. */
export const formBodyLimit: MiddlewareHandler<AppEnv> = limitBodySize(4096);

/** CORS * on every answer (errors too) and the preflight, for scripts on any site. */
export const publicCors = openCors('GET, POST, DELETE, OPTIONS');

export { resolveActor };
