import { APIError, betterAuth } from 'better-auth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { eq } from 'drizzle-orm';
import type { AppDeps } from '../../app-context.ts';
import { systemAudit } from '../audit/audit.service.ts';
import { queueEmail } from '../mail/mail.service.ts';
import { passwordResetEmail, verificationEmail } from '../mail/mail.templates.ts';
import { createPersonalWorkspace } from '../workspaces/workspaces.service.ts';
import { accounts, sessions, users, verifications } from './auth.table.ts';
import { authAuditHook, clientIpHeader } from './auth-audit.ts';

export type AuthDeps = Omit<AppDeps, 'auth'>;

const day = 24 * 60 * 60;

/** How long a session lives and how often its expiry slides forward (both in seconds). */
export const sessionLifetime = { expiresInSeconds: 30 * day, updateAgeSeconds: day };

/**
 * better-auth owns passwords, sessions, verification and reset tokens. Herald adds: a personal
 * workspace at sign-up, suspension and pending deletion checked when a session is created, and every
 * email sent through the job queue.
 */
export function createAuth(deps: AuthDeps) {
  const { config, db } = deps;
  return betterAuth({
    appName: 'Herald',
    baseURL: config.publicUrl,
    basePath: '/api/auth',
    secret: deps.authSecret,
    trustedOrigins: config.trustedOrigins,
    telemetry: { enabled: false },
    // Herald rate-limits /api/auth itself (shared through Redis when configured).
    rateLimit: { enabled: false },
    database: drizzleAdapter(db, {
      provider: 'pg',
      schema: { user: users, session: sessions, account: accounts, verification: verifications },
    }),
    advanced: {
      useSecureCookies: config.secureCookies,
      // Herald works out where a request came from (TRUST_PROXY aware, a pseudonym unless
      // RECORD_CLIENT_IPS; http/client-ip.ts) and hands it over in its own header. better-auth only
      // accepts a literal IP there (and would put 127.0.0.1 in its place in development), so its own
      // tracking is off and the session hook below records the header's value.
      ipAddress: { ipAddressHeaders: [clientIpHeader], disableIpTracking: true },
      database: { generateId: () => crypto.randomUUID() },
    },
    session: { expiresIn: sessionLifetime.expiresInSeconds, updateAge: sessionLifetime.updateAgeSeconds },
    emailAndPassword: {
      enabled: true,
      requireEmailVerification: Boolean(config.SMTP_URL),
      minPasswordLength: 8,
      maxPasswordLength: 128,
      revokeSessionsOnPasswordReset: true,
      resetPasswordTokenExpiresIn: 60 * 60,
      sendResetPassword: async ({ user, url }) => {
        const mail = passwordResetEmail(user.name, url);
        await queueEmail(deps, { to: user.email, kind: 'password_reset', ...mail });
      },
    },
    emailVerification: {
      sendOnSignUp: true,
      sendOnSignIn: Boolean(config.SMTP_URL),
      autoSignInAfterVerification: true,
      expiresIn: 2 * day,
      sendVerificationEmail: async ({ user, url }) => {
        const mail = verificationEmail(user.name, url);
        await queueEmail(deps, { to: user.email, kind: 'email_verification', ...mail });
      },
    },
    hooks: { after: authAuditHook(db, deps.authSecret) },
    databaseHooks: {
      user: {
        create: {
          after: async (user) => {
            await createPersonalWorkspace(db, systemAudit(deps.authSecret), {
              userId: user.id,
              userName: user.name,
            });
          },
        },
      },
      session: {
        create: {
          before: async (session, context) => {
            const [user] = await db
              .select({ status: users.status })
              .from(users)
              .where(eq(users.id, session.userId));
            if (user?.status === 'suspended') {
              throw new APIError('FORBIDDEN', {
                code: 'ACCOUNT_SUSPENDED',
                message: 'This account is suspended. Contact support to restore access.',
              });
            }
            return { data: { ...session, ipAddress: context?.headers?.get(clientIpHeader) ?? null } };
          },
          after: async (session) => {
            // Signing in during the deletion grace period cancels the deletion.
            await db
              .update(users)
              .set({
                lastLoginAt: new Date(),
                deletionRequestedAt: null,
                deletionScheduledFor: null,
                status: 'active',
              })
              .where(eq(users.id, session.userId));
          },
        },
      },
    },
  });
}

export type HeraldAuth = ReturnType<typeof createAuth>;
