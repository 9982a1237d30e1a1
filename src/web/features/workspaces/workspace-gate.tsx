import { Link, Outlet } from '@tanstack/react-router';
import { SearchX } from 'lucide-react';
import { buttonClasses } from '../../components/button';
import { Card } from '../../components/card';
import { EmptyState } from '../../components/empty-state';
import { LoadingBlock } from '../../components/spinner';
import { isApiError } from '../../lib/api-error';
import { useDocumentTitle } from '../../lib/use-document-title';
import { useWorkspaceId } from '../../lib/use-me';
import { useWorkspace } from './workspace-queries';

/** Loads the workspace once for every page under /w/$workspaceId and stops at access errors. */
export function WorkspaceGate() {
  const workspaceId = useWorkspaceId();
  const workspace = useWorkspace(workspaceId);
  const isMissing =
    workspace.isError && isApiError(workspace.error) && [403, 404].includes(workspace.error.status);
  useDocumentTitle(workspace.isError ? 'Workspace unavailable' : undefined);

  if (workspace.isPending) return <LoadingBlock />;
  if (workspace.isError) {
    return (
      <Card>
        <EmptyState
          icon={SearchX}
          title={isMissing ? 'Workspace not found' : 'Could not load this workspace'}
          description={
            isMissing ? 'It may have been deleted, or you are no longer a member.' : workspace.error.message
          }
          action={
            <Link to="/" className={buttonClasses('secondary')}>
              Go to your workspaces
            </Link>
          }
        />
      </Card>
    );
  }
  return <Outlet />;
}
