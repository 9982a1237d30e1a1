import { Link, type LinkProps } from '@tanstack/react-router';
import {
  AppWindow,
  BadgeCheck,
  Bot,
  Building2,
  CalendarDays,
  ChartLine,
  ChartNoAxesColumn,
  Coins,
  CreditCard,
  FileClock,
  FolderGit2,
  House,
  Inbox,
  KeyRound,
  LibraryBig,
  type LucideIcon,
  MailOpen,
  Milestone,
  Newspaper,
  Palette,
  RadioTower,
  ScrollText,
  Settings,
  Sparkles,
  Tags,
  Users,
  UsersRound,
  Webhook,
} from 'lucide-react';
import type { ReactNode } from 'react';
import { Logo } from '../../components/logo';
import { useCurrentWorkspace, useMe } from '../../lib/use-me';
import { WorkspaceSwitcher } from './workspace-switcher';

const linkClass =
  'group flex items-center gap-2.5 rounded-lg px-2.5 py-2 text-sm font-medium text-gray-600 transition-colors hover:bg-gray-100 hover:text-gray-900 focus-visible:outline-2 focus-visible:outline-indigo-600';
const activeClass = 'bg-indigo-50 text-indigo-700 hover:bg-indigo-50 hover:text-indigo-700';

function NavItem({
  icon: Icon,
  children,
  exact,
  ...link
}: LinkProps & { icon: LucideIcon; children: ReactNode; exact?: boolean }) {
  return (
    <li>
      <Link
        {...link}
        className={linkClass}
        activeProps={{ className: activeClass, 'aria-current': 'page' }}
        activeOptions={{ exact: exact ?? false, includeSearch: false }}
      >
        <Icon className="size-4 shrink-0 opacity-80" aria-hidden />
        {children}
      </Link>
    </li>
  );
}

function NavSection({ label, children }: { label: string; children: ReactNode }) {
  return (
    <nav aria-label={label} className="space-y-1">
      <p className="px-2.5 pb-1 text-xs font-medium tracking-wide text-gray-400 uppercase">{label}</p>
      <ul className="space-y-0.5">{children}</ul>
    </nav>
  );
}

export function Sidebar() {
  const me = useMe();
  const workspace = useCurrentWorkspace();
  const params = workspace ? { workspaceId: workspace.id } : undefined;

  return (
    <div className="flex h-full flex-col gap-6 overflow-y-auto px-3 py-4">
      <Link
        to="/"
        className="rounded-md px-2 focus-visible:outline-2 focus-visible:outline-indigo-600"
        aria-label="Herald home"
      >
        <Logo />
      </Link>

      <WorkspaceSwitcher />

      {params ? (
        <NavSection label="Workspace">
          <NavItem to="/w/$workspaceId" params={params} icon={House} exact>
            Overview
          </NavItem>
          <NavItem to="/w/$workspaceId/studio" params={params} icon={Sparkles}>
            Studio
          </NavItem>
          <NavItem to="/w/$workspaceId/calendar" params={params} icon={CalendarDays}>
            Calendar
          </NavItem>
          <NavItem to="/w/$workspaceId/approvals" params={params} icon={BadgeCheck}>
            Approvals
          </NavItem>
          <NavItem to="/w/$workspaceId/performance" params={params} icon={ChartNoAxesColumn}>
            Performance
          </NavItem>
          <NavItem to="/w/$workspaceId/library" params={params} icon={LibraryBig}>
            Library
          </NavItem>
          <NavItem to="/w/$workspaceId/changelog" params={params} icon={Newspaper}>
            Changelog
          </NavItem>
          <NavItem to="/w/$workspaceId/repositories" params={params} icon={FolderGit2}>
            Repositories
          </NavItem>
          <NavItem to="/w/$workspaceId/widget" params={params} icon={AppWindow}>
            Widget
          </NavItem>
          <NavItem to="/w/$workspaceId/subscribers" params={params} icon={MailOpen}>
            Subscribers
          </NavItem>
          <NavItem to="/w/$workspaceId/roadmap" params={params} icon={Milestone}>
            Roadmap
          </NavItem>
          <NavItem to="/w/$workspaceId/analytics" params={params} icon={ChartLine}>
            Analytics
          </NavItem>
          <NavItem to="/w/$workspaceId/channels" params={params} icon={RadioTower}>
            Channels
          </NavItem>
          <NavItem to="/w/$workspaceId/members" params={params} icon={Users}>
            Members
          </NavItem>
          <NavItem to="/w/$workspaceId/billing" params={params} icon={CreditCard}>
            Billing
          </NavItem>
          <NavItem to="/w/$workspaceId/api-keys" params={params} icon={KeyRound}>
            API keys
          </NavItem>
          <NavItem to="/w/$workspaceId/brand" params={params} icon={Palette}>
            Brand
          </NavItem>
          <NavItem to="/w/$workspaceId/ai-provider" params={params} icon={Bot}>
            AI provider
          </NavItem>
          <NavItem to="/w/$workspaceId/audit" params={params} icon={ScrollText}>
            Audit log
          </NavItem>
          <NavItem to="/w/$workspaceId/settings" params={params} icon={Settings}>
            Settings
          </NavItem>
        </NavSection>
      ) : null}

      {me.staffRole ? (
        <NavSection label="Staff">
          <NavItem to="/staff/users" icon={UsersRound}>
            Users
          </NavItem>
          <NavItem to="/staff/workspaces" icon={Building2}>
            Workspaces
          </NavItem>
          <NavItem to="/staff/plans" icon={Tags}>
            Plans
          </NavItem>
          <NavItem to="/staff/operation-costs" icon={Coins}>
            Operation costs
          </NavItem>
          <NavItem to="/staff/webhook-events" icon={Webhook}>
            Webhook events
          </NavItem>
          <NavItem to="/staff/audit" icon={FileClock}>
            Audit log
          </NavItem>
          <NavItem to="/staff/mailbox" icon={Inbox}>
            Mailbox
          </NavItem>
        </NavSection>
      ) : null}

      <div className="mt-auto flex items-center gap-2 rounded-lg px-2.5 py-2 text-xs text-gray-400">
        <Building2 className="size-3.5" aria-hidden />
        <span>{me.workspaces.length === 1 ? '1 workspace' : `${me.workspaces.length} workspaces`}</span>
      </div>
    </div>
  );
}
