import type { Context } from 'hono';
import type { Actor, AppEnv } from '../../app-context.ts';
import { AppError } from '../../platform/errors.ts';

export type UserActor = Extract<Actor, { type: 'user' }>;

/** For routes about a person (profile, sessions, accepting an invitation): API keys are refused. */
export function requireUser(c: Context<AppEnv>): UserActor {
  const actor = c.get('actor');
  if (actor.type === 'user') return actor;
  if (actor.type === 'api_key')
    throw new AppError('forbidden', 'This route needs a signed-in user, not an API key');
  throw new AppError('unauthenticated', 'Sign in to continue');
}
