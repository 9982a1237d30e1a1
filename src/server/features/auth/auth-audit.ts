import { createAuthMiddleware, isAPIError } from 'better-auth/api';
import type { Database } from '../../platform/db.ts';
import { recordAudit } from '../audit/audit.service.ts';

/** Header Herald sets on requests it hands to better-auth: the client address it worked out. */
export const clientIpHeader = 'x-herald-client-ip';

// The better-auth endpoints that change something, and the audit action each one records.
const auditedPaths: Record<string, string> = {
  '/sign-up/email': 'auth.signed_up',
  '/sign-in/email': 'auth.signed_in',
  '/sign-out': 'auth.signed_out',
  '/verify-email': 'auth.email_verified',
  '/request-password-reset': 'auth.password_reset_requested',
  '/reset-password': 'auth.password_reset',
  '/change-password': 'auth.password_changed',
  '/update-user': 'auth.user_updated',
  '/revoke-session': 'auth.session_revoked',
  '/revoke-sessions': 'auth.sessions_revoked',
  '/revoke-other-sessions': 'auth.sessions_revoked',
};

/** An after-hook that audits every successful mutating auth request through the one audit helper. */
export function authAuditHook(db: Database, piiSecret: string) {
  return createAuthMiddleware(async (ctx) => {
    const action = auditedPaths[ctx.path];
    if (!action || isAPIError(ctx.context.returned)) return;
    const user = ctx.context.newSession?.user ?? ctx.context.session?.user ?? null;
    const sessionId = ctx.context.newSession?.session.id ?? ctx.context.session?.session.id ?? '';
    await recordAudit(
      db,
      {
        actor: user
          ? { type: 'user', userId: user.id, sessionId, email: user.email, name: user.name }
          : { type: 'anonymous' },
        request: {
          requestId: '',
          ipAddress: ctx.headers?.get(clientIpHeader) ?? null,
          userAgent: ctx.headers?.get('user-agent')?.slice(0, 500) ?? null,
        },
        piiSecret,
      },
      { action, entityType: 'user', entityId: user?.id ?? null },
    );
  });
}
