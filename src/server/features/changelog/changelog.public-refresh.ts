// The public changelog trusts what it read about a workspace for up to a second (public-cache.ts), so
// a busy page costs no query. A change made through these routes is shown at once instead: after a
// successful write, this process forgets the workspace's public lookups. Other processes catch up
// within that second.
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../../app-context.ts';
import { invalidatePublicChangelog } from '../public-changelog/public-changelog.service.ts';

export const changelogWritePaths = '/workspaces/:workspaceId/changelog/*';

export const refreshPublicChangelog: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  const workspaceId = c.req.param('workspaceId');
  if (c.req.method !== 'GET' && c.res.status < 400 && workspaceId) {
    invalidatePublicChangelog(c.get('deps'), workspaceId);
  }
};
