import { createRoute, lazyRouteComponent, notFound, redirect } from '@tanstack/react-router';
import { validateChannelsSearch } from '../features/channels/channels-search';
import { meQueryOptions, sessionQueryOptions } from '../lib/me-queries';
import { readLastWorkspace } from '../lib/use-me';
import { rootRoute } from './root-route';
import { validateCalendarSearch, validatePerformanceSearch, validateStudioSearch } from './search-params';

export const appLayoutRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: '_app',
  beforeLoad: async ({ context, location }) => {
    const session = await context.queryClient.ensureQueryData(sessionQueryOptions);
    const me = session ? await context.queryClient.ensureQueryData(meQueryOptions) : null;
    if (!me) {
      throw redirect({ to: '/sign-in', search: { redirect: location.href } });
    }
    return { me };
  },
  component: lazyRouteComponent(() => import('../features/shell/app-layout'), 'AppLayout'),
});

export const homeRoute = createRoute({
  getParentRoute: () => appLayoutRoute,
  path: '/',
  beforeLoad: ({ context }) => {
    // The workspace the user was last in (if they still belong to it), else their first.
    const last = readLastWorkspace();
    const workspace = context.me.workspaces.find((w) => w.id === last) ?? context.me.workspaces[0];
    if (workspace) throw redirect({ to: '/w/$workspaceId', params: { workspaceId: workspace.id } });
  },
  component: lazyRouteComponent(() => import('../features/workspaces/no-workspace-page'), 'NoWorkspacePage'),
});

export const workspaceRoute = createRoute({
  getParentRoute: () => appLayoutRoute,
  path: 'w/$workspaceId',
  component: lazyRouteComponent(() => import('../features/workspaces/workspace-gate'), 'WorkspaceGate'),
});

export const workspaceOverviewRoute = createRoute({
  getParentRoute: () => workspaceRoute,
  path: '/',
  component: lazyRouteComponent(() => import('../features/workspaces/overview-page'), 'OverviewPage'),
});

export const membersRoute = createRoute({
  getParentRoute: () => workspaceRoute,
  path: 'members',
  component: lazyRouteComponent(() => import('../features/members/members-page'), 'MembersPage'),
});

export const billingRoute = createRoute({
  getParentRoute: () => workspaceRoute,
  path: 'billing',
  component: lazyRouteComponent(() => import('../features/billing/billing-page'), 'BillingPage'),
});

export const apiKeysRoute = createRoute({
  getParentRoute: () => workspaceRoute,
  path: 'api-keys',
  component: lazyRouteComponent(() => import('../features/api-keys/api-keys-page'), 'ApiKeysPage'),
});

export const brandRoute = createRoute({
  getParentRoute: () => workspaceRoute,
  path: 'brand',
  component: lazyRouteComponent(() => import('../features/brand/brand-page'), 'BrandPage'),
});

export const studioRoute = createRoute({
  getParentRoute: () => workspaceRoute,
  path: 'studio',
  validateSearch: validateStudioSearch,
  component: lazyRouteComponent(() => import('../features/studio/studio-page'), 'StudioPage'),
});

export const libraryRoute = createRoute({
  getParentRoute: () => workspaceRoute,
  path: 'library',
  component: lazyRouteComponent(() => import('../features/library/library-page'), 'LibraryPage'),
});

export const postEditorRoute = createRoute({
  getParentRoute: () => workspaceRoute,
  path: 'library/$postId',
  component: lazyRouteComponent(() => import('../features/library/post-editor-page'), 'PostEditorPage'),
});

export const changelogRoute = createRoute({
  getParentRoute: () => workspaceRoute,
  path: 'changelog',
  component: lazyRouteComponent(() => import('../features/changelog/changelog-page'), 'ChangelogPage'),
});

export const changelogEntryRoute = createRoute({
  getParentRoute: () => workspaceRoute,
  path: 'changelog/$entryId',
  component: lazyRouteComponent(() => import('../features/changelog/entry-editor-page'), 'EntryEditorPage'),
});

export const repositoriesRoute = createRoute({
  getParentRoute: () => workspaceRoute,
  path: 'repositories',
  component: lazyRouteComponent(
    () => import('../features/repositories/repositories-page'),
    'RepositoriesPage',
  ),
});

export const widgetRoute = createRoute({
  getParentRoute: () => workspaceRoute,
  path: 'widget',
  component: lazyRouteComponent(() => import('../features/widget/widget-page'), 'WidgetPage'),
});

export const subscribersRoute = createRoute({
  getParentRoute: () => workspaceRoute,
  path: 'subscribers',
  component: lazyRouteComponent(() => import('../features/subscribers/subscribers-page'), 'SubscribersPage'),
});

export const roadmapRoute = createRoute({
  getParentRoute: () => workspaceRoute,
  path: 'roadmap',
  component: lazyRouteComponent(() => import('../features/roadmap/roadmap-page'), 'RoadmapPage'),
});

export const channelsRoute = createRoute({
  getParentRoute: () => workspaceRoute,
  path: 'channels',
  validateSearch: validateChannelsSearch,
  component: lazyRouteComponent(() => import('../features/channels/channels-page'), 'ChannelsPage'),
});

export const calendarRoute = createRoute({
  getParentRoute: () => workspaceRoute,
  path: 'calendar',
  validateSearch: validateCalendarSearch,
  component: lazyRouteComponent(() => import('../features/calendar/calendar-page'), 'CalendarPage'),
});

export const approvalsRoute = createRoute({
  getParentRoute: () => workspaceRoute,
  path: 'approvals',
  component: lazyRouteComponent(() => import('../features/approvals/approvals-page'), 'ApprovalsPage'),
});

export const analyticsRoute = createRoute({
  getParentRoute: () => workspaceRoute,
  path: 'analytics',
  component: lazyRouteComponent(() => import('../features/analytics/analytics-page'), 'AnalyticsPage'),
});

export const performanceRoute = createRoute({
  getParentRoute: () => workspaceRoute,
  path: 'performance',
  validateSearch: validatePerformanceSearch,
  component: lazyRouteComponent(() => import('../features/performance/performance-page'), 'PerformancePage'),
});

export const aiProviderRoute = createRoute({
  getParentRoute: () => workspaceRoute,
  path: 'ai-provider',
  component: lazyRouteComponent(() => import('../features/ai-provider/ai-provider-page'), 'AiProviderPage'),
});

export const workspaceAuditRoute = createRoute({
  getParentRoute: () => workspaceRoute,
  path: 'audit',
  component: lazyRouteComponent(() => import('../features/audit/workspace-audit-page'), 'WorkspaceAuditPage'),
});

export const workspaceSettingsRoute = createRoute({
  getParentRoute: () => workspaceRoute,
  path: 'settings',
  component: lazyRouteComponent(
    () => import('../features/workspaces/settings-page'),
    'WorkspaceSettingsPage',
  ),
});

export const profileRoute = createRoute({
  getParentRoute: () => appLayoutRoute,
  path: 'account/profile',
  component: lazyRouteComponent(() => import('../features/account/profile-page'), 'ProfilePage'),
});

export const sessionsRoute = createRoute({
  getParentRoute: () => appLayoutRoute,
  path: 'account/sessions',
  component: lazyRouteComponent(() => import('../features/account/sessions-page'), 'SessionsPage'),
});

export const staffRoute = createRoute({
  getParentRoute: () => appLayoutRoute,
  path: 'staff',
  // Staff pages do not exist for everyone else, so they get the ordinary 404.
  beforeLoad: ({ context }) => {
    if (!context.me.staffRole) throw notFound();
  },
});

export const staffIndexRoute = createRoute({
  getParentRoute: () => staffRoute,
  path: '/',
  beforeLoad: () => {
    throw redirect({ to: '/staff/users' });
  },
});

export const staffUsersRoute = createRoute({
  getParentRoute: () => staffRoute,
  path: 'users',
  component: lazyRouteComponent(() => import('../features/staff/staff-users-page'), 'StaffUsersPage'),
});

export const staffAuditRoute = createRoute({
  getParentRoute: () => staffRoute,
  path: 'audit',
  component: lazyRouteComponent(() => import('../features/audit/staff-audit-page'), 'StaffAuditPage'),
});

export const staffMailboxRoute = createRoute({
  getParentRoute: () => staffRoute,
  path: 'mailbox',
  component: lazyRouteComponent(() => import('../features/staff/mailbox-page'), 'MailboxPage'),
});

export const staffWorkspacesRoute = createRoute({
  getParentRoute: () => staffRoute,
  path: 'workspaces',
  component: lazyRouteComponent(
    () => import('../features/staff-billing/staff-workspaces-page'),
    'StaffWorkspacesPage',
  ),
});

export const staffWorkspaceRoute = createRoute({
  getParentRoute: () => staffRoute,
  path: 'workspaces/$workspaceId',
  component: lazyRouteComponent(
    () => import('../features/staff-billing/staff-workspace-page'),
    'StaffWorkspacePage',
  ),
});

export const staffPlansRoute = createRoute({
  getParentRoute: () => staffRoute,
  path: 'plans',
  component: lazyRouteComponent(() => import('../features/staff-billing/plans-page'), 'PlansPage'),
});

export const staffNewPlanRoute = createRoute({
  getParentRoute: () => staffRoute,
  path: 'plans/new',
  component: lazyRouteComponent(() => import('../features/staff-billing/plan-edit-page'), 'NewPlanPage'),
});

export const staffEditPlanRoute = createRoute({
  getParentRoute: () => staffRoute,
  path: 'plans/$planId',
  component: lazyRouteComponent(() => import('../features/staff-billing/plan-edit-page'), 'EditPlanPage'),
});

export const staffOperationCostsRoute = createRoute({
  getParentRoute: () => staffRoute,
  path: 'operation-costs',
  component: lazyRouteComponent(
    () => import('../features/staff-billing/operation-costs-page'),
    'OperationCostsPage',
  ),
});

export const staffWebhookEventsRoute = createRoute({
  getParentRoute: () => staffRoute,
  path: 'webhook-events',
  component: lazyRouteComponent(
    () => import('../features/staff-billing/webhook-events-page'),
    'WebhookEventsPage',
  ),
});

export const appRoutes = appLayoutRoute.addChildren([
  homeRoute,
  workspaceRoute.addChildren([
    workspaceOverviewRoute,
    studioRoute,
    calendarRoute,
    approvalsRoute,
    performanceRoute,
    analyticsRoute,
    libraryRoute,
    postEditorRoute,
    changelogRoute,
    changelogEntryRoute,
    repositoriesRoute,
    widgetRoute,
    subscribersRoute,
    roadmapRoute,
    channelsRoute,
    membersRoute,
    billingRoute,
    apiKeysRoute,
    brandRoute,
    aiProviderRoute,
    workspaceAuditRoute,
    workspaceSettingsRoute,
  ]),
  profileRoute,
  sessionsRoute,
  staffRoute.addChildren([
    staffIndexRoute,
    staffUsersRoute,
    staffWorkspacesRoute,
    staffWorkspaceRoute,
    staffPlansRoute,
    staffNewPlanRoute,
    staffEditPlanRoute,
    staffOperationCostsRoute,
    staffWebhookEventsRoute,
    staffAuditRoute,
    staffMailboxRoute,
  ]),
]);
