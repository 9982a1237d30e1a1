import { Card, CardHeader } from '../../components/card';
import { ErrorBanner, Notice } from '../../components/error-banner';
import { PageHeader } from '../../components/page-header';
import { LoadingBlock } from '../../components/spinner';
import { canManageWorkspace } from '../../lib/format';
import { useDocumentTitle } from '../../lib/use-document-title';
import { useMe, useWorkspaceId } from '../../lib/use-me';
import { useCan } from '../entitlements/entitlements-queries';
import { FeatureGate } from '../entitlements/feature-gate';
import { useWorkspace } from '../workspaces/workspace-queries';
import { InvitationsCard } from './invitations-card';
import { InviteDialog } from './invite-dialog';
import { useMembers } from './members-queries';
import { MembersTable } from './members-table';

export function MembersPage() {
  const workspaceId = useWorkspaceId();
  const { data: workspace } = useWorkspace(workspaceId);
  const { user } = useMe();
  const members = useMembers(workspaceId);
  const canInvite = useCan(workspaceId, 'team_collaboration');
  useDocumentTitle(workspace ? `Members · ${workspace.name}` : 'Members');
  if (!workspace) return null;

  const canManage = canManageWorkspace(workspace.role);
  const count = members.data?.items.length;

  return (
    <div className="space-y-6">
      <PageHeader
        title="Members"
        description="Everyone who can work in this workspace, and what they can do."
        actions={
          canManage && canInvite ? <InviteDialog workspaceId={workspaceId} canInviteAdmins /> : undefined
        }
      />
      {!canManage ? (
        <Notice tone="info">Only owners and admins can invite people or change roles.</Notice>
      ) : (
        <FeatureGate
          workspaceId={workspaceId}
          feature="team_collaboration"
          notice="Inviting members needs the Team collaboration feature."
        />
      )}
      <Card>
        <CardHeader
          title="Team"
          description={count === undefined ? undefined : count === 1 ? '1 member' : `${count} members`}
        />
        {members.isPending ? (
          <LoadingBlock />
        ) : members.isError ? (
          <div className="p-5">
            <ErrorBanner message={members.error.message} />
          </div>
        ) : (
          <MembersTable
            workspaceId={workspaceId}
            members={members.data.items}
            myRole={workspace.role}
            myUserId={user.id}
            timeZone={user.timezone}
          />
        )}
      </Card>
      {canManage ? <InvitationsCard workspaceId={workspaceId} timeZone={user.timezone} /> : null}
    </div>
  );
}
