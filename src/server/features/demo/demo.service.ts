import { eq, sql } from 'drizzle-orm';
import type { AppDeps } from '../../app-context.ts';
import { randomToken } from '../../platform/crypto.ts';
import { systemAudit } from '../audit/audit.service.ts';
import { createPasswordUser } from '../auth/accounts-admin.ts';
import { users } from '../auth/auth.table.ts';
import { staffMembers } from '../staff/staff.table.ts';
import { createWorkspace, saveBrandProfile } from '../workspaces/workspaces.service.ts';

export const demoEmail = 'demo@herald.localhost';

/**
 * On the first start of an empty database: a demo user (also super_admin staff, so the dev mailbox and
 * staff pages can be tried) owning a demo workspace with a filled-in brand profile. Returns the
 * credentials to print once, or null when the database already has users.
 */
export async function seedDemoData(deps: AppDeps): Promise<{ email: string; password: string } | null> {
  const [{ count } = { count: 0 }] = await deps.db.select({ count: sql<number>`count(*)::int` }).from(users);
  if (count > 0) return null;
  const password = randomToken(12);
  const user = await createPasswordUser(deps.auth, {
    name: 'Demo User',
    email: demoEmail,
    password,
    emailVerified: true,
  });
  await deps.db.insert(staffMembers).values({ userId: user.id, role: 'super_admin' }).onConflictDoNothing();
  const audit = systemAudit(deps.authSecret);
  const workspace = await createWorkspace(deps.db, audit, { name: 'Acme Demo', ownerId: user.id });
  await saveBrandProfile(
    deps.db,
    audit,
    { workspaceId: workspace.id, role: 'owner' },
    {
      brandName: 'Acme',
      primaryColor: '#4f46e5',
      secondaryColor: '#0ea5e9',
      targetAudience: 'Small product teams who ship every week',
      uniqueSellingPoints: 'Self-hosted, private by default, no per-seat surprises',
      personality: 'Friendly, precise, a little playful',
      tone: 'conversational',
      keyMessages: 'Ship often. Tell people what changed. Keep your data.',
    },
  );
  await deps.db
    .update(users)
    .set({ onboarding: { completedSteps: ['create_account'], dismissed: false } })
    .where(eq(users.id, user.id));
  return { email: demoEmail, password };
}
