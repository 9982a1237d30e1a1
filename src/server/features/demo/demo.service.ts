import { eq, sql } from 'drizzle-orm';
import type { AppDeps } from '../../app-context.ts';
import { randomToken } from '../../platform/crypto.ts';
import { seedAnalyticsHistory } from '../analytics/analytics.service.ts';
import { type AuditContext, systemAudit } from '../audit/audit.service.ts';
import { createPasswordUser } from '../auth/accounts-admin.ts';
import { users } from '../auth/auth.table.ts';
import { seedEntries } from '../changelog/changelog.service.ts';
import { can, setFeatureOverride } from '../plans/plans.service.ts';
import { createPost } from '../posts/posts.service.ts';
import { publicEntryUrl } from '../public-changelog/public-changelog.urls.ts';
import { staffMembers } from '../staff/staff.table.ts';
import { seedSubscribers } from '../subscribers/subscribers.service.ts';
import { seedWidgetCounters } from '../widget/widget.service.ts';
import type { WorkspaceAccess } from '../workspaces/workspace-access.ts';
import { listUserWorkspaces, saveBrandProfile, updateWorkspace } from '../workspaces/workspaces.service.ts';
import { demoEntries, demoPosts, demoSubscribers, latestFixKey, launchEntryKey } from './demo-content.ts';
import { demoTraffic } from './demo-traffic.ts';

export const demoEmail = 'demo@herald.localhost';

/** How many UTC days of audience the analytics dashboard shows for the demo workspace. */
export const demoAnalyticsDays = 21;

/**
 * What the demo pages need from the plan. The free plan's default catalogue grants both, so on a
 * fresh install nothing happens; if staff changed the free plan, the demo workspace gets them the way
 * staff would grant them (a feature override, audited as the system).
 */
const demoFeatures = ['analytics_insights', 'changelog_widget'] as const;

/**
 * On the first start of an empty database: a demo user (also super_admin staff, so the dev mailbox and
 * staff pages can be tried) owning a demo workspace with a filled-in brand profile and a few weeks of
 * history (see seedDemoWorkspace). Returns the credentials to print once, or null when the database
 * already has users.
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
  // Sign-up made the user's personal workspace; the demo content goes there (renamed), so signing in
  // opens it straight away rather than an empty workspace beside it.
  const [personal] = await listUserWorkspaces(deps.db, user.id);
  if (!personal) throw new Error('the demo user has no personal workspace');
  const access: WorkspaceAccess = { workspaceId: personal.id, role: 'owner' };
  const workspace = await updateWorkspace(deps.db, audit, access, { name: 'Acme Demo' });
  await saveBrandProfile(deps.db, audit, access, {
    brandName: 'Acme',
    primaryColor: '#4f46e5',
    secondaryColor: '#0ea5e9',
    targetAudience: 'Small product teams who ship every week',
    uniqueSellingPoints: 'Self-hosted, private by default, no per-seat surprises',
    personality: 'Friendly, precise, a little playful',
    tone: 'conversational',
    keyMessages: 'Ship often. Tell people what changed. Keep your data.',
  });
  await seedDemoWorkspace(deps, audit, access, workspace.slug);
  await deps.db
    .update(users)
    .set({ onboarding: { completedSteps: ['create_account', 'brand_profile'], dismissed: false } })
    .where(eq(users.id, user.id));
  return { email: demoEmail, password };
}

/**
 * A small product team a few weeks into Herald: published changelog entries and drafts, subscribers,
 * three weeks of analytics, widget numbers and social drafts. Written through each feature's service
 * with none of the side effects live use has: no mail or delivery is queued, no publish job, no usage
 * counted (the six published entries leave the free plan's monthly publish limit untouched).
 */
async function seedDemoWorkspace(
  deps: AppDeps,
  audit: AuditContext,
  access: WorkspaceAccess,
  workspaceSlug: string,
): Promise<void> {
  const now = deps.clock.now();
  for (const featureKey of demoFeatures) {
    if (!(await can(deps.db, access.workspaceId, featureKey))) {
      await setFeatureOverride(deps.db, audit, {
        workspaceId: access.workspaceId,
        featureKey,
        isEnabled: true,
        actorUserId: null,
      });
    }
  }

  const content = demoEntries(now);
  const rows = await seedEntries(deps, audit, access, content);
  const entryOf = new Map(content.map((entry, index) => [entry.key, rows[index]]));

  await seedSubscribers(deps, audit, access, demoSubscribers(now));

  const traffic = demoTraffic({
    now,
    dayCount: demoAnalyticsDays,
    entries: rows.flatMap((row) =>
      row.status === 'published' && row.publishedAt
        ? [{ id: row.id, publishedAt: row.publishedAt, major: row.major }]
        : [],
    ),
  });
  await seedAnalyticsHistory(deps, access, traffic.days);
  // Makes the widget (it is otherwise made on first use) with the same numbers the days add up to.
  await seedWidgetCounters(deps, audit, access, traffic.widget);

  // Drafts only: scheduling needs a connected channel, and the demo has none.
  const linkTo = (key: string) => {
    const entry = entryOf.get(key);
    return entry ? publicEntryUrl(deps.config.publicUrl, workspaceSlug, entry.slug) : deps.config.publicUrl;
  };
  for (const post of demoPosts({ launch: linkTo(launchEntryKey), latestFix: linkTo(latestFixKey) })) {
    await createPost(deps, audit, access, post.body, {
      originType: 'changelog_entry',
      originId: entryOf.get(post.entryKey)?.id ?? null,
    });
  }
}
