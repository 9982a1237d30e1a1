import { Link, type LinkProps } from '@tanstack/react-router';
import { ArrowRight, KeyRound, type LucideIcon, Palette, ScrollText, Settings, Users } from 'lucide-react';
import { RoleBadge } from '../../components/badge';
import { PageHeader } from '../../components/page-header';
import { canManageWorkspace, formatDate } from '../../lib/format';
import { useDocumentTitle } from '../../lib/use-document-title';
import { useMe, useWorkspaceId } from '../../lib/use-me';
import { OnboardingChecklist } from './onboarding-checklist';
import { useWorkspace } from './workspace-queries';

function QuickLink({
  icon: Icon,
  title,
  description,
  ...link
}: LinkProps & { icon: LucideIcon; title: string; description: string }) {
  return (
    <Link
      {...link}
      className="group flex items-start gap-3 rounded-xl border border-gray-200 bg-white p-4 shadow-xs transition hover:border-indigo-200 hover:shadow-sm focus-visible:outline-2 focus-visible:outline-indigo-600"
    >
      <span className="flex size-9 shrink-0 items-center justify-center rounded-lg bg-indigo-50 text-indigo-600">
        <Icon className="size-4.5" aria-hidden />
      </span>
      <span className="min-w-0 flex-1">
        <span className="flex items-center gap-1 text-sm font-semibold text-gray-900">
          {title}
          <ArrowRight
            className="size-3.5 text-gray-300 transition group-hover:translate-x-0.5 group-hover:text-indigo-500"
            aria-hidden
          />
        </span>
        <span className="mt-0.5 block text-xs leading-relaxed text-gray-500">{description}</span>
      </span>
    </Link>
  );
}

export function OverviewPage() {
  const workspaceId = useWorkspaceId();
  const { data: workspace } = useWorkspace(workspaceId);
  const { user } = useMe();
  useDocumentTitle(workspace?.name);
  if (!workspace) return null;

  const params = { workspaceId };
  const firstName = user.name.split(/\s+/)[0] || user.name;

  return (
    <div className="space-y-8">
      <PageHeader
        title={workspace.name}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <span>Welcome back, {firstName}.</span>
            <span className="text-gray-300" aria-hidden>
              ·
            </span>
            <span className="inline-flex items-center gap-1.5">
              Your role: <RoleBadge role={workspace.role} />
            </span>
          </span>
        }
      />

      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3">
        <div className="rounded-xl border border-gray-200 bg-white p-4 shadow-xs">
          <dt className="text-xs text-gray-500">Type</dt>
          <dd className="mt-1 text-sm font-semibold text-gray-900">
            {workspace.isPersonal ? 'Personal' : 'Team'}
          </dd>
        </div>
        <div className="rounded-xl border border-gray-200 bg-white p-4 shadow-xs">
          <dt className="text-xs text-gray-500">Timezone</dt>
          <dd className="mt-1 truncate text-sm font-semibold text-gray-900">{workspace.timezone}</dd>
        </div>
        <div className="col-span-2 rounded-xl border border-gray-200 bg-white p-4 shadow-xs sm:col-span-1">
          <dt className="text-xs text-gray-500">Created</dt>
          <dd className="mt-1 text-sm font-semibold text-gray-900">
            {formatDate(workspace.createdAt, user.timezone)}
          </dd>
        </div>
      </dl>

      <OnboardingChecklist workspaceId={workspaceId} canManage={canManageWorkspace(workspace.role)} />

      <section aria-labelledby="quick-links">
        <h2 id="quick-links" className="mb-3 text-sm font-semibold text-gray-900">
          Quick links
        </h2>
        <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
          <QuickLink
            to="/w/$workspaceId/members"
            params={params}
            icon={Users}
            title="Members"
            description="Invite teammates and manage roles."
          />
          <QuickLink
            to="/w/$workspaceId/brand"
            params={params}
            icon={Palette}
            title="Brand"
            description="Voice, colors and key messages."
          />
          <QuickLink
            to="/w/$workspaceId/api-keys"
            params={params}
            icon={KeyRound}
            title="API keys"
            description="Keys for scripts and CI."
          />
          <QuickLink
            to="/w/$workspaceId/audit"
            params={params}
            icon={ScrollText}
            title="Audit log"
            description="Who changed what, and when."
          />
          <QuickLink
            to="/w/$workspaceId/settings"
            params={params}
            icon={Settings}
            title="Settings"
            description="Name and timezone."
          />
        </div>
      </section>
    </div>
  );
}
