import { PageHeader } from '../../components/page-header';
import { useDocumentTitle } from '../../lib/use-document-title';
import { useWorkspaceId } from '../../lib/use-me';
import { useWorkspace, workspaceKeys, workspacePath } from '../workspaces/workspace-queries';
import { AuditLogCard } from './audit-log-card';

export function WorkspaceAuditPage() {
  const workspaceId = useWorkspaceId();
  const { data: workspace } = useWorkspace(workspaceId);
  useDocumentTitle(workspace ? `Audit log · ${workspace.name}` : 'Audit log');
  return (
    <>
      <PageHeader
        title="Audit log"
        description="A record of important actions in this workspace, newest first."
      />
      <AuditLogCard
        queryKey={workspaceKeys.part(workspaceId, 'audit')}
        path={workspacePath(workspaceId, '/audit-logs')}
        timeZone={workspace?.timezone ?? 'UTC'}
      />
    </>
  );
}
